"""Loading and writing a cycle costs the same number of queries for 3 units as for 30 (no query per row)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment.models import CadreResult, RecomputeState, UnitResult
from assessment.recompute.service import cycle_recompute
from tests.factories import (
    CadreFactory,
    CadreTargetFactory,
    CategoryFactory,
    CycleFactory,
    DemocraticEvaluationFactory,
    IndicatorFactory,
    IndicatorPointsFactory,
    PeriodFactory,
    ScoreEntryFactory,
    TargetFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db
D = Decimal


def _cycle_with_units(year: int, n_units: int):
    """A cycle of its own category with n units, two periods, three rules, targets, cadres and evaluations."""
    cycle = CycleFactory(year=year)
    category = CategoryFactory(code=f"C{year}")
    periods = [PeriodFactory(cycle=cycle, code=code, weight=D("0.5"), order=n) for n, code in enumerate(["H1", "Y"])]
    direct = IndicatorFactory(cycle=cycle, code="A01", rule="direct")
    completion = IndicatorFactory(cycle=cycle, code="A02", rule="completion", additive=True)
    grade = IndicatorFactory(cycle=cycle, code="A03", rule="grade")
    grade.periods.set([periods[1]])
    for ind in (direct, completion, grade):
        IndicatorPointsFactory(indicator=ind, category=category, points=D("10"))
    district = TargetFactory(cycle=cycle, indicator=completion, unit=None, value=D("1000"))
    for n in range(n_units):
        unit = UnitFactory(code=f"U{year}-{n:03d}", category=category)
        target = TargetFactory(cycle=cycle, indicator=completion, unit=unit, value=D("50"), parent=district)
        for period in periods:
            ScoreEntryFactory(cycle=cycle, period=period, unit=unit, indicator=direct, value=D(n % 10))
            ScoreEntryFactory(cycle=cycle, period=period, unit=unit, indicator=completion, value=D(40 + n))
        ScoreEntryFactory(cycle=cycle, period=periods[1], unit=unit, indicator=grade, value=None, letter="B")
        cadre = CadreFactory(code=f"K{year}-{n:03d}", unit=unit)
        CadreTargetFactory(cycle=cycle, cadre=cadre, code=f"KT{year}-{n:03d}", parent=target, actual_value=D("70"))
        DemocraticEvaluationFactory(cycle=cycle, cadre=cadre, score=D("88"))
    RecomputeState.objects.create(cycle=cycle, input_version=1)
    return cycle


def _queries_of_recompute(cycle) -> int:
    with CaptureQueriesContext(connection) as ctx:
        cycle_recompute(cycle_id=cycle.id)
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_units():
    small = _cycle_with_units(2025, 3)
    large = _cycle_with_units(2026, 30)

    small_queries = _queries_of_recompute(small)
    large_queries = _queries_of_recompute(large)

    assert UnitResult.objects.filter(cycle=large).count() == 30
    assert CadreResult.objects.filter(cycle=large).count() == 30
    assert small_queries == large_queries
