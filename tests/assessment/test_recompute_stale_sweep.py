"""The periodic sweep recomputes exactly the non-final cycles whose inputs are newer than their results."""

from decimal import Decimal

import pytest

from assessment.models import RecomputeState, UnitResult
from assessment.recompute.service import stale_cycles_recompute
from tests.factories import CycleFactory, IndicatorFactory, IndicatorPointsFactory, PeriodFactory, ScoreEntryFactory

pytestmark = pytest.mark.django_db
D = Decimal


def _cycle(year, status, *, input_version, computed_version, unit):
    cycle = CycleFactory(year=year, status=status)
    period = PeriodFactory(cycle=cycle, code="Y", weight=D("1"))
    ind = IndicatorFactory(cycle=cycle, code="A01", rule="direct")
    IndicatorPointsFactory(indicator=ind, category=unit.category, points=D("10"))
    ScoreEntryFactory(cycle=cycle, period=period, unit=unit, indicator=ind, value=D("7"))
    RecomputeState.objects.create(cycle=cycle, input_version=input_version, computed_version=computed_version)
    return cycle


def test_sweep_picks_up_only_stale_cycles(town_a):
    stale = _cycle(2024, "scoring", input_version=3, computed_version=1, unit=town_a)
    current = _cycle(2023, "scoring", input_version=2, computed_version=2, unit=town_a)
    frozen = _cycle(2022, "final", input_version=4, computed_version=1, unit=town_a)

    assert stale_cycles_recompute() == [stale.id]

    assert RecomputeState.objects.get(cycle=stale).computed_version == 3
    assert UnitResult.objects.get(cycle=stale).score == D("70.00")
    assert not UnitResult.objects.filter(cycle__in=[current, frozen]).exists()
    assert stale_cycles_recompute() == []  # nothing left to do


def test_one_broken_cycle_does_not_stop_the_sweep(town_a):
    broken = _cycle(2024, "scoring", input_version=1, computed_version=-1, unit=town_a)
    IndicatorFactory(cycle=broken, code="B01", rule="deduction", params={})  # per_event missing
    healthy = _cycle(2023, "scoring", input_version=1, computed_version=-1, unit=town_a)

    assert stale_cycles_recompute() == [healthy.id]
    assert "per_event" in RecomputeState.objects.get(cycle=broken).last_error
