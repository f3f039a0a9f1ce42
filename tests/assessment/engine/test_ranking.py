"""Ranking (§6): non-vetoed by score, then vetoed; competition ranks run on; ties listed by unit code."""

from decimal import Decimal

from assessment.scoring import compute
from tests.assessment.engine.builders import entry, leaf, make_plan, scored_plan, unit

D = Decimal


def _ranks(results):
    return [(r.unit, r.rank) for r in results.unit_results]


def test_competition_ranks_with_ties_listed_by_code():
    results = compute(scored_plan({"D": "80", "C": "90", "B": "90", "A": "95"}))
    assert _ranks(results) == [("A", 1), ("B", 2), ("C", 2), ("D", 4)]


def test_vetoed_units_follow_and_ranks_run_on():
    # non-vetoed B 90, C 85, D 85 → 1, 2, 2; vetoed A 95, E 70 → 4, 5
    results = compute(scored_plan({"A": "95", "B": "90", "C": "85", "D": "85", "E": "70"}, vetoed=("A", "E")))
    assert _ranks(results) == [("B", 1), ("C", 2), ("D", 2), ("A", 4), ("E", 5)]


def test_tied_vetoed_units_share_a_rank():
    results = compute(scored_plan({"A": "60", "B": "50", "C": "50", "D": "40"}, vetoed=("B", "C", "D")))
    assert _ranks(results) == [("A", 1), ("B", 2), ("C", 2), ("D", 4)]


def test_equal_score_vetoed_and_not_vetoed_do_not_tie():
    results = compute(scored_plan({"A": "80", "B": "80"}, vetoed=("A",)))
    assert _ranks(results) == [("B", 1), ("A", 2)]


def test_categories_are_ranked_separately_and_listed_by_category_code():
    plan = make_plan(
        [unit("T1"), unit("T2"), unit("D1", "dept"), unit("D2", "dept")],
        [leaf("K", "direct", m="100", categories=("town", "dept"))],
        [entry("T1", "K", "70"), entry("T2", "K", "90"), entry("D1", "K", "60"), entry("D2", "K", "60")],
    )
    results = compute(plan)
    assert [(r.category, r.unit, r.rank) for r in results.unit_results] == [
        ("dept", "D1", 1),
        ("dept", "D2", 1),
        ("town", "T2", 1),
        ("town", "T1", 2),
    ]


def test_rounded_scores_are_compared():
    # 90.004 and 90.001 both round to 90.00 at the leaf: a tie
    results = compute(scored_plan({"A": "90.004", "B": "90.001"}))
    assert _ranks(results) == [("A", 1), ("B", 1)]
