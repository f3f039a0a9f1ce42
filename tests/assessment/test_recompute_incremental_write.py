"""Rows that did not change are kept with their stamp; the stored values always equal a full rewrite."""

from decimal import Decimal

import pytest

from assessment.models import CadreResult, DecompositionResult, RecomputeState, ScoreEntry, UnitPeriodResult, UnitResult
from assessment.recompute.service import cycle_recompute
from tests.factories import (
    CadreFactory,
    CadreTargetFactory,
    CategoryFactory,
    DemocraticEvaluationFactory,
    IndicatorFactory,
    IndicatorPointsFactory,
    ScoreEntryFactory,
    TargetFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db
D = Decimal
TABLES = (UnitResult, UnitPeriodResult, CadreResult, DecompositionResult)


def _bump(cycle):
    RecomputeState.objects.filter(cycle=cycle).update(
        input_version=RecomputeState.objects.get(cycle=cycle).input_version + 1
    )


def _stored(cycle) -> dict:
    """Every result row's values without its id and stamp (what a full rewrite would also store)."""
    skip = {"id", "input_version", "computed_at"}
    return {
        model.__name__: sorted(
            (
                tuple(sorted((k, str(v)) for k, v in row.items() if k not in skip))
                for row in model.objects.filter(cycle=cycle).values()
            ),
        )
        for model in TABLES
    }


@pytest.fixture
def district(cycle, periods, towns, town_a, town_b, direct_indicator):
    town_c = UnitFactory(code="T03", name="丙镇", category=towns, headcount=20)
    direct_indicator.additive = True
    direct_indicator.save()
    top = TargetFactory(cycle=cycle, indicator=direct_indicator, unit=None, value=D("90"))
    for unit, value in ((town_a, "14"), (town_b, "12"), (town_c, "9")):
        TargetFactory(cycle=cycle, indicator=direct_indicator, unit=unit, value=D("30"), parent=top)
        for period in ("Q1", "Y"):
            ScoreEntryFactory(
                cycle=cycle, period=periods[period], unit=unit, indicator=direct_indicator, value=D(value)
            )
        cadre = CadreFactory(code=f"K-{unit.code}", unit=unit)
        CadreTargetFactory(cycle=cycle, cadre=cadre, code=f"KT-{unit.code}", actual_value=D("80"))
        DemocraticEvaluationFactory(cycle=cycle, cadre=cadre, score=D("85"))
    RecomputeState.objects.create(cycle=cycle, input_version=1)
    cycle_recompute(cycle_id=cycle.id)
    return {"town_c": town_c}


def test_unchanged_rows_are_kept_with_their_stamp(cycle, district, town_a, town_b, periods):
    ids_before = dict(UnitPeriodResult.objects.values_list("unit__code", "id").filter(period=periods["Q1"]))
    decomposition_ids = set(DecompositionResult.objects.values_list("id", flat=True))
    first_at = RecomputeState.objects.get(cycle=cycle).computed_at

    # Town A's Y score rises from 14 to 20: its Y row changes; Q1 rows of every town stay as they were.
    ScoreEntry.objects.filter(unit=town_a, period=periods["Y"]).update(value=D("20"))
    _bump(cycle)
    state = cycle_recompute(cycle_id=cycle.id)

    assert state.computed_version == 2
    assert dict(UnitPeriodResult.objects.values_list("unit__code", "id").filter(period=periods["Q1"])) == ids_before
    assert set(DecompositionResult.objects.values_list("id", flat=True)) == decomposition_ids
    # A row's stamp is the recompute that last changed it; the state gives the version of the whole set.
    changed = UnitPeriodResult.objects.get(unit=town_a, period=periods["Y"])
    assert (changed.input_version, changed.computed_at) == (2, state.computed_at)
    assert set(UnitPeriodResult.objects.filter(period=periods["Q1"]).values_list("input_version", "computed_at")) == {
        (1, first_at)
    }
    assert set(DecompositionResult.objects.values_list("input_version", "computed_at")) == {(1, first_at)}
    assert UnitPeriodResult.objects.get(unit=town_a, period=periods["Y"]).rate == D("100.00")


def test_incremental_write_equals_a_full_rewrite(cycle, district, town_a, town_b, towns, periods):
    # Several kinds of change at once: a new value, a unit dropped by its category, a new leaf, a new cadre.
    ScoreEntry.objects.filter(unit=town_b, period=periods["Q1"]).update(value=D("3"))
    ScoreEntry.objects.filter(unit=district["town_c"]).delete()
    other = CategoryFactory(code="QT", name="其他")
    district["town_c"].category = other
    district["town_c"].save()
    extra = IndicatorFactory(cycle=cycle, code="A09", rule="percent")
    IndicatorPointsFactory(indicator=extra, category=towns, points=D("10"))
    ScoreEntryFactory(cycle=cycle, period=periods["Y"], unit=town_a, indicator=extra, value=D("75"))
    CadreFactory(code="K-new", unit=town_b, team_member=False)
    _bump(cycle)

    cycle_recompute(cycle_id=cycle.id)
    incremental = _stored(cycle)
    for model in TABLES:
        model.objects.all().delete()
    RecomputeState.objects.filter(cycle=cycle).update(computed_version=1)
    cycle_recompute(cycle_id=cycle.id)

    assert incremental == _stored(cycle)
    assert not UnitResult.objects.filter(unit=district["town_c"]).exists()
    assert CadreResult.objects.filter(cadre__code="K-new").exists()
