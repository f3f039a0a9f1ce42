"""容错纠错: an exempted entry counts as if it were absent, everywhere."""

from decimal import Decimal

from assessment.scoring import compute
from tests.assessment.engine.builders import entry, leaf, make_plan, period_result, unit, unit_result

D = Decimal
INDICATORS = [leaf("K", "direct", m="100"), leaf("D1", "deduction", {"per_event": 2}, m="10"), leaf("V", "veto")]


def test_exempted_deduction_is_not_deducted():
    plan = make_plan([unit("A")], INDICATORS, [entry("A", "K", "90"), entry("A", "D1", "3", exempted=True)])
    a = period_result(compute(plan), "A")
    assert (a.deduction, a.total, a.points["D1"]) == (D("0.00"), D("90.00"), D("0.00"))


def test_exempted_veto_does_not_veto():
    plan = make_plan([unit("A")], INDICATORS, [entry("A", "K", "95"), entry("A", "V", "1", exempted=True)])
    results = compute(plan)
    assert period_result(results, "A").points["V"] == 0
    a = unit_result(results, "A")
    assert not a.vetoed
    assert (a.grade, a.colour) == ("good", "yellow")  # n = 1 → q = 0: good; the only clean unit is 末位


def test_a_period_with_only_exempted_entries_has_not_started():
    # Q1 holds only an exempted deduction: not started, so S is over Y alone: 0.7 × 80 / 0.7 = 80
    plan = make_plan(
        [unit("A")],
        INDICATORS,
        [entry("A", "D1", "1", "Q1", exempted=True), entry("A", "K", "80", "Y")],
        periods=(("Q1", "0.3", 1), ("Y", "0.7", 2)),
    )
    results = compute(plan)
    assert results.started_periods == ("Y",)
    assert unit_result(results, "A").score == D("80.00")


def test_exempted_entries_leave_the_rank_rule_cohort():
    # A's exempted entry is absent: B (80) and C (80) rank 1, D (70) rank 3 → 10, 10, 10 − 2 × 2 = 6
    plan = make_plan(
        [unit(u) for u in "ABCD"],
        [leaf("R", "rank", {"step": 2})],
        [
            entry("A", "R", "90", exempted=True),
            entry("B", "R", "80"),
            entry("C", "R", "80"),
            entry("D", "R", "70"),
        ],
    )
    results = compute(plan)
    assert [period_result(results, u).points["R"] for u in "ABCD"] == [D("0.00"), D("10.00"), D("10.00"), D("6.00")]


def test_an_exempted_duplicate_does_not_hide_the_real_entry():
    plan = make_plan(
        [unit("A")], INDICATORS, [entry("A", "K", "90"), entry("A", "D1", "2"), entry("A", "D1", "5", exempted=True)]
    )
    assert period_result(compute(plan), "A").deduction == D("4.00")
