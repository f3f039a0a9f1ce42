"""A recompute writes every result row the engine produces, with ids mapped back and the version stamped.

The plan: towns T01 (甲镇, 30 staff) and T02 (乙镇, 25 staff); A01 direct, 20 points, every period; A02 percent,
10 points, scored in Y only. Entries in Q1 and Y, so Q2 and Q3 have not started.
"""

from decimal import Decimal

import pytest

from assessment.models import CadreResult, DecompositionResult, RecomputeState, UnitPeriodResult, UnitResult
from assessment.recompute.service import cycle_recompute
from tests.factories import (
    CadreFactory,
    CadreTargetFactory,
    DemocraticEvaluationFactory,
    IndicatorFactory,
    IndicatorPointsFactory,
    ScoreEntryFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def satisfaction_indicator(cycle, towns, periods):
    ind = IndicatorFactory(cycle=cycle, code="A02", name="群众满意度", rule="percent")
    IndicatorPointsFactory(indicator=ind, category=towns, points=D("10"))
    ind.periods.set([periods["Y"]])
    return ind


@pytest.fixture
def scored_towns(cycle, periods, town_a, town_b, dept_finance, direct_indicator, satisfaction_indicator):
    for unit, period, indicator, value in [
        (town_a, "Q1", direct_indicator, "15"),
        (town_b, "Q1", direct_indicator, "10"),
        (town_a, "Y", direct_indicator, "18"),
        (town_b, "Y", direct_indicator, "20"),
        (town_a, "Y", satisfaction_indicator, "90"),
        (town_b, "Y", satisfaction_indicator, "50"),
    ]:
        ScoreEntryFactory(cycle=cycle, period=periods[period], unit=unit, indicator=indicator, value=D(value))
    RecomputeState.objects.create(cycle=cycle, input_version=7)


def test_unit_results_follow_the_scoring_rules(cycle, scored_towns, town_a, town_b):
    cycle_recompute(cycle_id=cycle.id)

    a = UnitResult.objects.get(unit=town_a)
    b = UnitResult.objects.get(unit=town_b)
    # Q1 rates: 15/20 = 75.00, 10/20 = 50.00. Y (full marks 20 + 10): 18 + 9 = 27 → 90.00; 20 + 5 = 25 → 83.33.
    # S over the started periods Q1 (0.1) and Y (0.7): a = (7.5 + 63) / 0.8 = 88.125 → 88.13,
    # b = (5 + 0.7 × 83.33) / 0.8 = 63.331 / 0.8 = 79.16375 → 79.16.
    assert (a.score, a.rank, b.score, b.rank) == (D("88.13"), 1, D("79.16"), 2)
    # Two towns: excellent quota floor(2 × 0.3) = 0, so a is 良好 and b 合格; b is last (末位) → yellow, 约谈.
    assert (a.grade, a.colour, a.last_place, a.outcomes) == ("good", "", False, [])
    assert (b.grade, b.colour, b.last_place, b.outcomes) == ("pass", "yellow", True, ["talk"])
    # Bonus money = 10000 × coefficient × headcount: 1.0 × 30 and 0.8 × 25.
    assert (a.bonus_money, b.bonus_money) == (D("300000.00"), D("200000.00"))
    assert a.category_id == town_a.category_id


def test_units_of_categories_without_points_get_no_rows(cycle, scored_towns, dept_finance):
    cycle_recompute(cycle_id=cycle.id)
    assert UnitResult.objects.count() == 2
    assert not UnitResult.objects.filter(unit=dept_finance).exists()


def test_period_rows_exist_for_started_periods_only(cycle, scored_towns, town_a, periods):
    cycle_recompute(cycle_id=cycle.id)

    rows = {(r.period.code, r.unit.code): r for r in UnitPeriodResult.objects.select_related("period", "unit")}
    assert sorted(rows) == [("Q1", "T01"), ("Q1", "T02"), ("Y", "T01"), ("Y", "T02")]
    y = rows[("Y", "T01")]
    assert (y.base, y.total, y.full_marks, y.rate, y.rank) == (D("27.00"), D("27.00"), D("30.00"), D("90.00"), 1)
    assert y.points == {"A01": "18.00", "A02": "9.00"}
    # A02 is not scored in Q1: it is neither in the points nor in the full marks.
    q1 = rows[("Q1", "T01")]
    assert (q1.full_marks, q1.rate, q1.points) == (D("20.00"), D("75.00"), {"A01": "15.00"})


def test_every_row_is_stamped_with_the_input_version(cycle, scored_towns):
    state = cycle_recompute(cycle_id=cycle.id)

    assert state.computed_version == 7 and state.computed_at is not None and state.duration_ms is not None
    stamps = {(r.input_version, r.computed_at) for r in UnitResult.objects.all()}
    stamps |= {(r.input_version, r.computed_at) for r in UnitPeriodResult.objects.all()}
    assert stamps == {(7, state.computed_at)}


def test_cadres_and_decomposition_are_written(cycle, scored_towns, town_a, town_b, direct_indicator):
    direct_indicator.additive = True
    direct_indicator.save()
    district = TargetFactory(cycle=cycle, indicator=direct_indicator, unit=None, value=D("100"))
    target_a = TargetFactory(cycle=cycle, indicator=direct_indicator, unit=town_a, value=D("60"), parent=district)
    target_b = TargetFactory(cycle=cycle, indicator=direct_indicator, unit=town_b, value=D("30"), parent=district)
    deputy = CadreFactory(code="K0001", unit=town_a, team_member=True)
    CadreTargetFactory(cycle=cycle, cadre=deputy, target_value=D("60"), actual_value=D("48"), parent=target_a)
    DemocraticEvaluationFactory(cycle=cycle, cadre=deputy, score=D("90"))

    cycle_recompute(cycle_id=cycle.id)

    cadre = CadreResult.objects.get(cadre=deputy)
    # P = 48 / 60 × 100 = 80.00; C = 0.4 × 88.13 + 0.4 × 80 + 0.2 × 90 = 85.252 → 85.25.
    # One cadre in a 良好 unit: quota floor(1 × 0.15) = 0, so 称职 rather than 优秀.
    assert (cadre.target_completion, cadre.evaluation, cadre.score) == (D("80.00"), D("90.00"), D("85.25"))
    assert (cadre.rank, cadre.grade, cadre.recall, cadre.unit_id) == (1, "competent", False, town_a.id)
    rates = {r.target_id: (r.children_sum, r.rate) for r in DecompositionResult.objects.all()}
    # District 100 ← 60 + 30 = 90%; town A's 60 ← its cadre's 60 = 100%; town B's 30 is not decomposed yet (0%).
    assert rates == {
        district.id: (D("90"), D("90.00")),
        target_a.id: (D("60"), D("100.00")),
        target_b.id: (D("0"), D("0.00")),
    }
