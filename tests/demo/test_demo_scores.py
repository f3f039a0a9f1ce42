"""The demo's scores show what the office must handle: a veto, ties, bonuses over the cap, gaps, an exemption."""

from collections import Counter
from decimal import Decimal

from assessment.models import DecompositionResult, ScoreEntry, UnitPeriodResult, UnitResult
from targets.models import CycleStatus


def test_entries_exist_for_all_four_periods_with_year_end_weighted_most(demo_cycle):
    per_period = Counter(ScoreEntry.objects.filter(cycle=demo_cycle).values_list("period__code", flat=True))
    assert set(per_period) == {"Q1", "Q2", "Q3", "Y"}
    weights = dict(demo_cycle.periods.values_list("code", "weight"))
    assert weights == {"Q1": Decimal("0.1"), "Q2": Decimal("0.1"), "Q3": Decimal("0.1"), "Y": Decimal("0.7")}


def test_cycle_is_open_for_scoring_in_every_period(demo_cycle):
    assert demo_cycle.status == CycleStatus.SCORING
    assert all(demo_cycle.periods.values_list("is_open", flat=True))
    assert demo_cycle.transitions.filter(to_status=CycleStatus.SCORING).exists()


def test_one_unit_is_vetoed_and_black_although_its_score_is_high(demo_cycle):
    vetoed = list(UnitResult.objects.filter(cycle=demo_cycle, vetoed=True).select_related("unit"))
    assert len(vetoed) == 1
    result = vetoed[0]
    assert result.unit.name == "柳河镇"
    assert result.grade == "fail" and result.colour == "black"
    peers = UnitResult.objects.filter(cycle=demo_cycle, category=result.category)
    assert result.rank == peers.count()
    assert peers.filter(score__lt=result.score).exists()


def test_a_unit_claims_bonus_points_above_the_cap(demo_cycle):
    claims = Counter()
    for e in ScoreEntry.objects.filter(cycle=demo_cycle, indicator__rule="bonus").select_related("unit", "period"):
        claims[(e.unit.code, e.period.code)] += e.value
    (unit, period), claimed = claims.most_common(1)[0]
    assert claimed > demo_cycle.bonus_cap
    result = UnitPeriodResult.objects.get(cycle=demo_cycle, unit__code=unit, period__code=period)
    assert result.bonus == demo_cycle.bonus_cap


def test_two_units_tie_and_share_a_rank(demo_cycle):
    results = UnitResult.objects.filter(cycle=demo_cycle)
    ties = Counter((r.category_id, r.score) for r in results)
    shared = [key for key, n in ties.items() if n >= 2]
    assert shared
    category, score = shared[0]
    assert len(set(results.filter(category_id=category, score=score).values_list("rank", flat=True))) == 1


def test_a_deduction_is_exempted_under_fault_tolerance_and_scores_nothing(demo_cycle):
    exempted = [
        e
        for e in ScoreEntry.objects.filter(cycle=demo_cycle).select_related("indicator", "unit", "period")
        if e.is_exempted
    ]
    assert len(exempted) == 1
    entry = exempted[0]
    assert entry.indicator.rule == "deduction" and entry.value > 0
    assert entry.exemption_approver and entry.exemption_doc_no
    assert entry.history.count() >= 2  # the exemption is on record, with who and why
    result = UnitPeriodResult.objects.get(cycle=demo_cycle, unit=entry.unit, period=entry.period)
    assert Decimal(result.points[entry.indicator.code]) == 0


def test_a_few_entries_are_missing_and_score_zero(demo_cycle):
    missing = UnitPeriodResult.objects.get(cycle=demo_cycle, unit__code="G12", period__code="Q2")
    assert not ScoreEntry.objects.filter(
        cycle=demo_cycle, unit__code="G12", period__code="Q2", indicator__code="050101"
    ).exists()
    assert Decimal(missing.points["050101"]) == 0


def test_an_additive_target_is_decomposed_below_100_percent(demo_cycle):
    below = DecompositionResult.objects.filter(cycle=demo_cycle, rate__lt=100)
    assert below.count() == 1
    assert Decimal("90") < below.get().rate < Decimal("100")
