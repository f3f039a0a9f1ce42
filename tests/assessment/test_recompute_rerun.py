"""A second recompute replaces the cycle's rows (no duplicates, no leftovers) and stamps the new version."""

from decimal import Decimal

import pytest

from assessment.models import RecomputeState, ScoreEntry, UnitPeriodResult, UnitResult
from assessment.recompute.service import cycle_recompute
from tests.factories import ScoreEntryFactory

pytestmark = pytest.mark.django_db
D = Decimal


def test_rerun_replaces_rows_and_stamps_the_changed_ones(cycle, periods, town_a, town_b, direct_indicator):
    ScoreEntryFactory(cycle=cycle, period=periods["Q1"], unit=town_a, indicator=direct_indicator, value=D("10"))
    ScoreEntryFactory(cycle=cycle, period=periods["Q1"], unit=town_b, indicator=direct_indicator, value=D("5"))
    RecomputeState.objects.create(cycle=cycle, input_version=1)
    cycle_recompute(cycle_id=cycle.id)
    assert UnitResult.objects.get(unit=town_a).score == D("50.00")  # 10 / 20

    ScoreEntry.objects.filter(unit=town_a).update(value=D("16"))
    ScoreEntryFactory(cycle=cycle, period=periods["Y"], unit=town_a, indicator=direct_indicator, value=D("20"))
    RecomputeState.objects.filter(cycle=cycle).update(input_version=2)
    state = cycle_recompute(cycle_id=cycle.id)

    assert state.computed_version == 2
    # Q1 16/20 = 80.00, Y 20/20 = 100.00; S = (0.1 × 80 + 0.7 × 100) / 0.8 = 97.50.
    assert UnitResult.objects.get(unit=town_a).score == D("97.50")
    assert UnitResult.objects.count() == 2
    assert UnitPeriodResult.objects.count() == 4  # Q1 and Y for both towns
    assert set(UnitResult.objects.values_list("input_version", flat=True)) == {2}  # both scores moved
    # Rows are stamped by the recompute that last changed them: only town B's Q1 row (5/20) is as it was.
    assert sorted(UnitPeriodResult.objects.values_list("unit__code", "period__code", "input_version")) == [
        ("T01", "Q1", 2),
        ("T01", "Y", 2),
        ("T02", "Q1", 1),
        ("T02", "Y", 2),
    ]


def test_same_version_is_not_written_twice(cycle, periods, town_a, direct_indicator):
    ScoreEntryFactory(cycle=cycle, period=periods["Y"], unit=town_a, indicator=direct_indicator, value=D("10"))
    first = cycle_recompute(cycle_id=cycle.id)
    second = cycle_recompute(cycle_id=cycle.id)
    assert second.computed_at == first.computed_at
    assert UnitResult.objects.get().computed_at == first.computed_at


def test_rerun_after_an_entry_is_deleted_drops_the_period(cycle, periods, town_a, direct_indicator):
    ScoreEntryFactory(cycle=cycle, period=periods["Q1"], unit=town_a, indicator=direct_indicator, value=D("10"))
    ScoreEntryFactory(cycle=cycle, period=periods["Y"], unit=town_a, indicator=direct_indicator, value=D("10"))
    cycle_recompute(cycle_id=cycle.id)
    assert UnitPeriodResult.objects.count() == 2

    ScoreEntry.objects.filter(period=periods["Y"]).delete()
    RecomputeState.objects.filter(cycle=cycle).update(input_version=1)
    cycle_recompute(cycle_id=cycle.id)
    assert list(UnitPeriodResult.objects.values_list("period__code", flat=True)) == ["Q1"]
