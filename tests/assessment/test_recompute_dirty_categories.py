"""What an input change makes stale decides what the next recompute does: entry writes recompute only their units'
categories, anything else (or a period starting) recomputes everything, and no change is ever lost."""

from decimal import Decimal

import pytest

from assessment.models import RecomputeState, UnitPeriodResult, UnitResult
from assessment.models.results import RecomputeDirty
from assessment.plan.services import indicator_points_set
from assessment.recompute import service as recompute
from assessment.recompute.service import cycle_recompute
from tests.assessment.conftest import scores_write
from tests.factories import IndicatorPointsFactory

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def district(cycle, periods, towns, econ, town_a, town_b, dept_finance, direct_indicator, office_user):
    """Towns A and B and the finance bureau (its own category) scored on A01 in Q1, results computed."""
    IndicatorPointsFactory(indicator=direct_indicator, category=econ, points=D("20"))
    scores_write(
        cycle,
        office_user,
        [
            (periods["Q1"], town_a, direct_indicator, "10"),
            (periods["Q1"], town_b, direct_indicator, "12"),
            (periods["Q1"], dept_finance, direct_indicator, "16"),
        ],
    )
    cycle_recompute(cycle_id=cycle.id)


def _version(cycle) -> int:
    return RecomputeState.objects.get(cycle=cycle).input_version


def test_an_entry_write_marks_only_its_units_categories(
    cycle, district, periods, town_a, dept_finance, direct_indicator, office_user, towns, econ
):
    scores_write(cycle, office_user, [(periods["Q1"], town_a, direct_indicator, "11")])
    assert list(RecomputeDirty.objects.values_list("version", "category_id")) == [(_version(cycle), towns.id)]

    scores_write(
        cycle,
        office_user,
        [(periods["Q1"], town_a, direct_indicator, "9"), (periods["Q1"], dept_finance, direct_indicator, "8")],
    )
    assert set(RecomputeDirty.objects.filter(version=_version(cycle)).values_list("category_id", flat=True)) == {
        towns.id,
        econ.id,
    }


def test_the_next_recompute_loads_only_those_categories_and_consumes_the_rows(
    cycle, district, periods, town_a, town_b, dept_finance, direct_indicator, office_user, towns, plan_loads
):
    finance_before = UnitResult.objects.get(unit=dept_finance)
    scores_write(cycle, office_user, [(periods["Q1"], town_b, direct_indicator, "18")])

    state = cycle_recompute(cycle_id=cycle.id)

    assert plan_loads.categories == [{towns.id}]
    assert state.computed_version == state.input_version
    assert not RecomputeDirty.objects.filter(cycle=cycle).exists()
    # Town B overtakes town A (18 vs 10 of 20); the finance bureau's row was not touched.
    assert (UnitResult.objects.get(unit=town_b).rank, UnitResult.objects.get(unit=town_a).rank) == (1, 2)
    finance = UnitResult.objects.get(unit=dept_finance)
    assert (finance.pk, finance.input_version, finance.score) == (
        finance_before.pk,
        finance_before.input_version,
        D("80.00"),
    )


def test_a_plan_change_marks_everything(
    cycle, district, direct_indicator, office_user, towns, econ, plan_loads, dept_finance
):
    indicator_points_set(
        indicator=direct_indicator, points={towns.id: D("20"), econ.id: D("32")}, user=office_user, reason="调整分值"
    )
    assert list(RecomputeDirty.objects.values_list("category_id", flat=True)) == [None]

    cycle_recompute(cycle_id=cycle.id)

    assert plan_loads.categories == [None]
    assert UnitResult.objects.get(unit=dept_finance).score == D("50.00")  # 16 of 32
    assert not RecomputeDirty.objects.exists()


def test_a_version_bumped_outside_the_services_recomputes_everything(
    cycle, district, periods, town_a, direct_indicator, office_user, plan_loads
):
    scores_write(cycle, office_user, [(periods["Q1"], town_a, direct_indicator, "11")])
    RecomputeState.objects.filter(cycle=cycle).update(input_version=_version(cycle) + 1)  # no dirty row for it

    cycle_recompute(cycle_id=cycle.id)

    assert plan_loads.categories == [None]


def test_a_first_entry_in_a_period_recomputes_every_category(
    cycle, district, periods, town_a, dept_finance, direct_indicator, office_user, plan_loads
):
    # Y starts with a town's entry: every unit, the finance bureau too, now has a Y result and a new score.
    scores_write(cycle, office_user, [(periods["Y"], town_a, direct_indicator, "20")])
    cycle_recompute(cycle_id=cycle.id)

    assert plan_loads.categories == [None]
    finance_y = UnitPeriodResult.objects.get(unit=dept_finance, period=periods["Y"])
    assert (finance_y.total, finance_y.rate) == (D("0.00"), D("0.00"))
    assert UnitResult.objects.get(unit=dept_finance).score == D("10.00")  # (0.1 × 80 + 0.7 × 0) / 0.8

    # Blanking it stops Y again: everything is recomputed once more.
    scores_write(cycle, office_user, [(periods["Y"], town_a, direct_indicator, "")])
    cycle_recompute(cycle_id=cycle.id)

    assert plan_loads.categories == [None, None]
    assert not UnitPeriodResult.objects.filter(period=periods["Y"]).exists()
    assert UnitResult.objects.get(unit=dept_finance).score == D("80.00")


def test_an_exempted_entry_does_not_start_a_period(
    cycle, district, periods, town_a, direct_indicator, office_user, towns, plan_loads
):
    from assessment.models import ScoreEntry

    # The Y entry exists but is exempted (容错): Y has not started, so the write stays within its category.
    scores_write(cycle, office_user, [(periods["Y"], town_a, direct_indicator, "5")])
    ScoreEntry.objects.filter(period=periods["Y"]).update(exemption_reason="容错认定", exemption_date="2025-06-30")
    cycle_recompute(cycle_id=cycle.id)
    assert not UnitPeriodResult.objects.filter(period=periods["Y"]).exists()

    scores_write(cycle, office_user, [(periods["Q1"], town_a, direct_indicator, "13")])
    cycle_recompute(cycle_id=cycle.id)

    assert plan_loads.categories[-1] == {towns.id}
    assert not UnitPeriodResult.objects.filter(period=periods["Y"]).exists()


def test_a_write_during_a_recompute_is_picked_up_by_the_next(
    cycle, district, periods, town_a, dept_finance, direct_indicator, office_user, monkeypatch, towns, econ, plan_loads
):
    calls = []

    def while_someone_writes(real):
        def wrapped(plan, **kwargs):
            if not calls:  # the finance bureau's score is saved after this recompute read its version
                scores_write(cycle, office_user, [(periods["Q1"], dept_finance, direct_indicator, "4")])
            calls.append(1)
            return real(plan, **kwargs)

        return wrapped

    # Whichever the recompute takes: the category-scoped path or the period-scoped one.
    monkeypatch.setattr(recompute, "compute", while_someone_writes(recompute.compute))
    monkeypatch.setattr(recompute, "compute_periods", while_someone_writes(recompute.compute_periods))
    scores_write(cycle, office_user, [(periods["Q1"], town_a, direct_indicator, "19")])
    first = cycle_recompute(cycle_id=cycle.id)

    assert first.computed_version == first.input_version - 1
    assert list(RecomputeDirty.objects.values_list("version", "category_id")) == [(first.input_version, econ.id)]
    assert UnitResult.objects.get(unit=dept_finance).score == D("80.00")  # not yet

    second = cycle_recompute(cycle_id=cycle.id)

    assert plan_loads.categories == [{towns.id}, {econ.id}]
    assert second.computed_version == second.input_version
    assert UnitResult.objects.get(unit=dept_finance).score == D("20.00")  # 4 of 20
    assert UnitResult.objects.get(unit=town_a).score == D("95.00")
    assert not RecomputeDirty.objects.exists()


@pytest.mark.parametrize(("letter", "starts"), [("7", True), ("X", False)])
def test_started_periods_are_those_the_engine_finds(cycle, district, periods, town_a, direct_indicator, letter, starts):
    from assessment.recompute.load import cycle_plan_load, started_periods_load
    from assessment.scoring import compute
    from tests.factories import ScoreEntryFactory

    # A letter on a numeric rule (never written by the services): the engine counts it only if it is a number.
    ScoreEntryFactory(
        cycle=cycle, period=periods["Q3"], unit=town_a, indicator=direct_indicator, value=None, letter=letter
    )
    engine_started = set(compute(cycle_plan_load(cycle=cycle).plan).started_periods)

    assert started_periods_load(cycle_id=cycle.id) == engine_started
    assert ("Q3" in engine_started) is starts
