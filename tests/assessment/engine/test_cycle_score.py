"""Cycle score (§5): S = Σ w_p R_p / Σ w_p over started periods; vetoed in any period → vetoed for the cycle."""

from decimal import Decimal

from assessment.scoring import compute
from tests.assessment.engine.builders import QUARTERS, entry, leaf, make_plan, period_result, unit, unit_result

D = Decimal
# One direct leaf worth 100: a period's R is the value entered.
K = leaf("K", "direct", m="100")


def _plan(entries, units=("A",)):
    return make_plan([unit(u) for u in units], [K, leaf("V", "veto")], entries, periods=QUARTERS)


def test_all_periods_started():
    # 0.1 × 80 + 0.1 × 90 + 0.1 × 70 + 0.7 × 60 = 66 over Σ w = 1
    entries = [entry("A", "K", v, p) for p, v in (("Q1", "80"), ("Q2", "90"), ("Q3", "70"), ("Y", "60"))]
    results = compute(_plan(entries))
    assert results.started_periods == ("Q1", "Q2", "Q3", "Y")
    assert unit_result(results, "A").score == D("66.00")


def test_weights_are_renormalised_over_started_periods():
    # only Q1 and Q2 started: (0.1 × 80 + 0.1 × 90) / 0.2 = 85
    results = compute(_plan([entry("A", "K", "80", "Q1"), entry("A", "K", "90", "Q2")]))
    assert results.started_periods == ("Q1", "Q2")
    assert unit_result(results, "A").score == D("85.00")


def test_started_period_without_own_entry_counts_as_zero():
    # Q2 was started by A; B has nothing in Q2 → (0.1 × 80 + 0.1 × 0) / 0.2 = 40
    entries = [entry("A", "K", "80", "Q1"), entry("A", "K", "90", "Q2"), entry("B", "K", "80", "Q1")]
    results = compute(_plan(entries, units=("A", "B")))
    assert unit_result(results, "B").score == D("40.00")
    assert period_result(results, "B", "Q2").rate == D("0.00")


def test_cycle_score_is_rounded_half_up():
    # Q1..Q3 started: (0.1 × 80 + 0.1 × 81 + 0.1 × 81) / 0.3 = 24.2 / 0.3 = 80.666… → 80.67
    entries = [entry("A", "K", v, p) for p, v in (("Q1", "80"), ("Q2", "81"), ("Q3", "81"))]
    assert unit_result(compute(_plan(entries)), "A").score == D("80.67")
    # (0.1 × 80.01 + 0.7 × 80) / 0.8 = 64.001 / 0.8 = 80.00125 → 80.00
    entries = [entry("A", "K", "80.01", "Q1"), entry("A", "K", "80", "Y")]
    assert unit_result(compute(_plan(entries)), "A").score == D("80.00")
    # (0.1 × 80.03 + 0.7 × 80) / 0.8 = 64.003 / 0.8 = 80.00375 → 80.00; with 80.04: 80.005 → 80.01
    entries = [entry("A", "K", "80.04", "Q1"), entry("A", "K", "80", "Y")]
    assert unit_result(compute(_plan(entries)), "A").score == D("80.01")


def test_no_started_period_gives_no_cycle_result_at_all():
    # SCORING.md §5: before any entry there is no score, rank, grade, colour, 末位, money or cadre result (a draft
    # plan for next year must not show every unit 0.00 不合格 末位 and every cadre 不称职).
    results = compute(_plan([], units=("A", "B")))
    assert results.started_periods == ()
    assert results.period_results == ()
    assert results.unit_results == ()
    assert results.cadre_results == ()


def test_an_exempted_entry_alone_does_not_start_the_cycle():
    results = compute(_plan([entry("A", "V", "1", "Q1", exempted=True)], units=("A", "B")))
    assert results.unit_results == ()


def test_veto_in_one_period_vetoes_the_cycle():
    entries = [
        entry("A", "K", "95", "Q1"),
        entry("A", "V", "1", "Q1"),
        entry("A", "K", "95", "Y"),
        entry("A", "V", "0", "Y"),
    ]
    results = compute(_plan(entries))
    assert period_result(results, "A", "Q1").vetoed
    assert not period_result(results, "A", "Y").vetoed
    a = unit_result(results, "A")
    assert a.vetoed
    assert a.score == D("95.00")  # the score itself is kept; the grade is 不合格
    assert a.grade == "fail"


def test_period_order_not_input_order_decides_started_periods_order():
    plan = make_plan(
        [unit("A")],
        [K],
        [entry("A", "K", "50", "Y"), entry("A", "K", "50", "Q1")],
        periods=(("Y", "0.7", 4), ("Q1", "0.1", 1)),
    )
    results = compute(plan)
    assert results.started_periods == ("Q1", "Y")
    assert [r.period for r in results.period_results] == ["Q1", "Y"]
