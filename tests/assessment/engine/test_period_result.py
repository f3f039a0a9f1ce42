"""Period result (§4): B, A = min(Σ bonus, cap), D, T = B + A − D, F, R = T / F × 100, veto, period rank."""

from decimal import Decimal

from assessment.scoring import Settings, compute
from tests.assessment.engine.builders import entry, leaf, make_plan, period_result, target, unit

D = Decimal

INDICATORS = [
    leaf("K1", "completion", m="40"),
    leaf("K2", "percent", m="30"),
    leaf("K3", "direct", m="30"),
    leaf("B1", "bonus", m="3"),
    leaf("B2", "bonus", m="4"),
    leaf("D1", "deduction", {"per_event": 1}, m="5"),
    leaf("V1", "veto"),
]
TARGETS = [target(u, "K1", "100") for u in "ABC"]


def _results(settings=None):
    entries = [
        # A: K1 36 + K2 24 + K3 25 = 85; bonus 3 + 4 = 7 → capped 5; deduction 2 → T = 88
        entry("A", "K1", "90"),
        entry("A", "K2", "80"),
        entry("A", "K3", "25"),
        entry("A", "B1", "3"),
        entry("A", "B2", "4"),
        entry("A", "D1", "2"),
        entry("A", "V1", "0"),
        # B: 40 + 30 + 30 = 100; 10 events → 10, capped at m = 5 → T = 95; vetoed
        entry("B", "K1", "100"),
        entry("B", "K2", "100"),
        entry("B", "K3", "30"),
        entry("B", "D1", "10"),
        entry("B", "V1", "1"),
        # C: only K2 → 30 × 0.5 = 15
        entry("C", "K2", "50"),
    ]
    return compute(make_plan([unit(u) for u in "ABC"], INDICATORS, entries, TARGETS, settings=settings))


def test_totals_of_a_unit_with_every_kind_of_leaf():
    a = period_result(_results(), "A")
    assert (a.base, a.bonus, a.deduction, a.total) == (D("85.00"), D("5"), D("2.00"), D("88.00"))
    assert a.full_marks == D("100")  # 40 + 30 + 30: bonus, deduction and veto leaves are not full marks
    assert a.rate == D("88.00")
    assert not a.vetoed


def test_points_hold_every_applicable_leaf():
    a = period_result(_results(), "A")
    assert a.points == {
        "K1": D("36.00"),
        "K2": D("24.00"),
        "K3": D("25.00"),
        "B1": D("3.00"),
        "B2": D("4.00"),
        "D1": D("-2.00"),
        "V1": D("0"),
    }
    c = period_result(_results(), "C")
    assert c.points == {"K1": 0, "K2": D("15.00"), "K3": 0, "B1": 0, "B2": 0, "D1": 0, "V1": 0}


def test_deduction_capped_at_m_and_veto():
    b = period_result(_results(), "B")
    assert (b.base, b.deduction, b.total, b.rate) == (D("100.00"), D("5.00"), D("95.00"), D("95.00"))
    assert b.vetoed
    assert b.points["V1"] == 1
    assert b.points["D1"] == D("-5.00")


def test_vetoed_units_rank_after_the_rest():
    results = _results()
    # A 88, C 15 non-vetoed → 1, 2; B (95) vetoed → 3
    assert [(r.unit, r.rank) for r in results.period_results] == [("A", 1), ("C", 2), ("B", 3)]


def test_bonus_cap_is_a_setting():
    a = period_result(_results(Settings(bonus_cap=D("6.5"))), "A")
    assert a.bonus == D("6.5")
    assert a.total == D("89.50")  # 85 + 6.5 − 2


def test_rate_is_rounded_half_up():
    # F = 30; T = 10 → 33.333… → 33.33; T = 20 → 66.666… → 66.67; T = 0.15 → 0.5 exactly
    plan = make_plan(
        [unit("A"), unit("B"), unit("C")],
        [leaf("K", "direct", m="30")],
        [entry("A", "K", "10"), entry("B", "K", "20"), entry("C", "K", "0.15")],
    )
    results = compute(plan)
    assert [period_result(results, u).rate for u in "ABC"] == [D("33.33"), D("66.67"), D("0.50")]


def test_rate_exact_half_rounds_up():
    # F = 8, T = 0.05 → 0.625 → 0.63
    plan = make_plan([unit("A")], [leaf("K", "direct", m="8")], [entry("A", "K", "0.05")])
    assert period_result(compute(plan), "A").rate == D("0.63")


def test_total_may_be_negative():
    # no base points, deduction 3 → T = −3, F = 10 → R = −30
    plan = make_plan(
        [unit("A")],
        [leaf("K", "direct", m="10"), leaf("D1", "deduction", {"per_event": 1}, m="5")],
        [entry("A", "D1", "3")],
    )
    a = period_result(compute(plan), "A")
    assert (a.total, a.rate) == (D("-3.00"), D("-30.00"))


def test_rate_is_zero_without_full_marks():
    # only a bonus leaf applies: F = 0 → R = 0 even though T = 2
    plan = make_plan([unit("A")], [leaf("B1", "bonus", m="5")], [entry("A", "B1", "2")])
    a = period_result(compute(plan), "A")
    assert (a.total, a.full_marks, a.rate) == (D("2.00"), 0, D("0.00"))


def test_full_marks_depend_on_the_category_not_on_entries():
    # B entered nothing: still F = 50 (K1 30 + K2 20) and R = 0
    plan = make_plan(
        [unit("A"), unit("B")],
        [leaf("K1", "direct", m="30"), leaf("K2", "percent", m="20")],
        [entry("A", "K1", "30")],
    )
    b = period_result(compute(plan), "B")
    assert (b.full_marks, b.rate) == (D("50"), D("0.00"))


def test_indicators_not_applicable_to_a_category_are_ignored():
    # K2 has no points for dept: dept units have F = 30 and no K2 in their points, and their K2 entry is ignored
    plan = make_plan(
        [unit("A"), unit("X", "dept")],
        [leaf("K1", "direct", m="30", categories=("town", "dept")), leaf("K2", "direct", m="20")],
        [entry("A", "K1", "30"), entry("X", "K1", "15"), entry("X", "K2", "20")],
    )
    x = period_result(compute(plan), "X")
    assert (x.full_marks, x.total, x.rate) == (D("30"), D("15.00"), D("50.00"))
    assert set(x.points) == {"K1"}


def test_indicator_scored_only_in_some_periods():
    # K2 is scored in Y only: in Q1 it is neither in points nor in full marks, and its Q1 entry is ignored
    plan = make_plan(
        [unit("A")],
        [leaf("K1", "direct", m="10"), leaf("K2", "direct", m="10", periods=("Y",))],
        [entry("A", "K1", "5", "Q1"), entry("A", "K2", "10", "Q1"), entry("A", "K1", "10", "Y")],
        periods=(("Q1", "0.5", 1), ("Y", "0.5", 2)),
    )
    results = compute(plan)
    q1 = period_result(results, "A", "Q1")
    assert (q1.full_marks, q1.total, q1.rate) == (D("10"), D("5.00"), D("50.00"))
    assert set(q1.points) == {"K1"}
    y = period_result(results, "A", "Y")
    assert (y.full_marks, y.total, y.rate) == (D("20"), D("10.00"), D("50.00"))


def test_period_ranks_use_competition_ranking_per_category():
    plan = make_plan(
        [unit("A"), unit("B"), unit("C"), unit("D"), unit("X", "dept")],
        [leaf("K", "direct", m="100", categories=("town", "dept"))],
        [entry("A", "K", "80"), entry("B", "K", "90"), entry("C", "K", "80"), entry("D", "K", "70")],
    )
    ranks = [(r.category, r.unit, r.rank) for r in compute(plan).period_results]
    assert ranks == [("dept", "X", 1), ("town", "B", 1), ("town", "A", 2), ("town", "C", 2), ("town", "D", 4)]


def test_only_started_periods_have_results():
    plan = make_plan(
        [unit("A")],
        [leaf("K", "direct")],
        [entry("A", "K", "5", "Q2")],
        periods=(("Q1", "0.5", 1), ("Q2", "0.5", 2)),
    )
    results = compute(plan)
    assert results.started_periods == ("Q2",)
    assert [(r.unit, r.period) for r in results.period_results] == [("A", "Q2")]
