"""An entry write makes stale only its own (category, period): the next recompute plan_loads and scores only that
period's entries of the category, takes the category's other started periods from their stored rates, and leaves
those periods' rows alone — falling back to the whole category when it cannot."""

from decimal import Decimal

import pytest
from django.db import transaction

from assessment.models import RecomputeState, UnitPeriodResult, UnitResult
from assessment.models.results import RecomputeDirty
from assessment.recompute.queue import cycle_inputs_changed
from assessment.recompute.service import cycle_recompute
from tests.assessment.conftest import scores_write

pytestmark = pytest.mark.django_db
D = Decimal


def _row(unit, period):
    r = UnitPeriodResult.objects.get(unit=unit, period=period)
    return r.pk, r.input_version, r.rate


def test_an_entry_write_marks_its_category_and_period(
    cycle, scored_district, periods, town_a, dept_finance, direct_indicator, office_user, towns, econ
):
    scores_write(
        cycle,
        office_user,
        [(periods["Q1"], town_a, direct_indicator, "11"), (periods["Y"], dept_finance, direct_indicator, "9")],
    )

    version = RecomputeState.objects.get(cycle=cycle).input_version
    assert set(RecomputeDirty.objects.values_list("version", "category_id", "period_id")) == {
        (version, towns.id, periods["Q1"].id),
        (version, econ.id, periods["Y"].id),
    }


def test_the_next_recompute_scores_only_that_period_and_keeps_the_others_rows(
    cycle, scored_district, periods, town_a, town_b, dept_finance, direct_indicator, office_user, towns, plan_loads
):
    year_a, year_b = _row(town_a, periods["Y"]), _row(town_b, periods["Y"])
    scores_write(cycle, office_user, [(periods["Q1"], town_a, direct_indicator, "20")])

    state = cycle_recompute(cycle_id=cycle.id)

    assert plan_loads == [({towns.id}, {periods["Q1"].id})]
    assert state.computed_version == state.input_version
    assert not RecomputeDirty.objects.exists()
    assert _row(town_a, periods["Q1"])[2] == D("100.00")
    assert (_row(town_a, periods["Y"]), _row(town_b, periods["Y"])) == (year_a, year_b)
    # S = (0.1 × 100 + 0.7 × 70) / 0.8 for town A, (0.1 × 60 + 0.7 × 80) / 0.8 for town B.
    assert UnitResult.objects.get(unit=town_a).score == D("73.75")
    assert UnitResult.objects.get(unit=town_b).score == D("77.50")
    assert UnitResult.objects.get(unit=town_b).rank == 1


def test_a_whole_category_change_in_the_same_run_recomputes_every_period_of_it(
    cycle, scored_district, periods, town_a, direct_indicator, office_user, towns, plan_loads
):
    scores_write(cycle, office_user, [(periods["Q1"], town_a, direct_indicator, "20")])
    with transaction.atomic():
        cycle_inputs_changed(cycle_id=cycle.id, category_ids=[towns.id])

    cycle_recompute(cycle_id=cycle.id)

    assert plan_loads == [({towns.id}, None)]
    assert UnitResult.objects.get(unit=town_a).score == D("73.75")


def test_a_missing_stored_period_row_falls_back_to_the_whole_category(
    cycle, scored_district, periods, town_a, direct_indicator, office_user, towns, plan_loads
):
    UnitPeriodResult.objects.filter(unit=town_a, period=periods["Y"]).delete()
    scores_write(cycle, office_user, [(periods["Q1"], town_a, direct_indicator, "20")])

    cycle_recompute(cycle_id=cycle.id)

    assert plan_loads == [({towns.id}, {periods["Q1"].id}), ({towns.id}, None)]
    assert _row(town_a, periods["Y"])[2] == D("70.00")  # written again
    assert UnitResult.objects.get(unit=town_a).score == D("73.75")


def test_a_write_in_a_period_not_started_yet_recomputes_everything(
    cycle, scored_district, periods, town_a, direct_indicator, office_user, plan_loads
):
    scores_write(cycle, office_user, [(periods["Q2"], town_a, direct_indicator, "20")])

    cycle_recompute(cycle_id=cycle.id)

    assert plan_loads == [(None, None)]
    assert UnitPeriodResult.objects.filter(period=periods["Q2"]).count() == 3
