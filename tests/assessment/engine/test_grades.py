"""Grades (§7): vetoed → fail; rank ≤ floor(n × quota) and S ≥ 90 → excellent; ≥ 80 good; ≥ 60 pass; else fail."""

from decimal import Decimal

from assessment.scoring import Settings, compute
from tests.assessment.engine.builders import scored_plan

D = Decimal


def _grades(scores, vetoed=(), settings=None):
    return {r.unit: r.grade for r in compute(scored_plan(scores, vetoed, settings)).unit_results}


def test_quota_and_thresholds():
    # n = 10 → q = floor(10 × 0.3) = 3: ranks 1-3 with S ≥ 90 are excellent; 92 and 91 (ranks 4, 5) are good
    scores = dict(zip("ABCDEFGHIJ", ["99", "95", "93", "92", "91", "85", "75", "65", "59.99", "50"], strict=True))
    assert _grades(scores) == {
        "A": "excellent",
        "B": "excellent",
        "C": "excellent",
        "D": "good",
        "E": "good",
        "F": "good",
        "G": "pass",
        "H": "pass",
        "I": "fail",
        "J": "fail",
    }


def test_ties_at_the_quota_boundary_all_qualify():
    # ranks 1, 2, 3, 3, 3: q = 3, the three units sharing rank 3 are all excellent
    scores = dict(zip("ABCDEFGHIJ", ["99", "95", "93", "93", "93", "80", "70", "70", "60", "60"], strict=True))
    grades = _grades(scores)
    assert [u for u, g in grades.items() if g == "excellent"] == ["A", "B", "C", "D", "E"]


def test_excellent_needs_the_minimum_score_even_within_the_quota():
    # n = 4 → q = 1; the top unit has 89.99 < 90 → good
    assert _grades({"A": "89.99", "B": "85", "C": "80", "D": "79.99"}) == {
        "A": "good",
        "B": "good",
        "C": "good",
        "D": "pass",
    }


def test_thresholds_are_inclusive():
    # n = 4 → q = 1
    assert _grades({"A": "90", "B": "80", "C": "60", "D": "59.99"}) == {
        "A": "excellent",
        "B": "good",
        "C": "pass",
        "D": "fail",
    }


def test_small_category_has_no_excellent_quota():
    # n = 3 → q = floor(0.9) = 0
    assert _grades({"A": "99", "B": "98", "C": "97"}) == {"A": "good", "B": "good", "C": "good"}


def test_vetoed_units_count_in_n_and_are_fail():
    # 7 clean + 3 vetoed: n = 10 → q = 3, so the third clean unit (93) is excellent; counting only clean units
    # would give q = floor(7 × 0.3) = 2
    scores = dict(zip("ABCDEFGHIJ", ["99", "95", "93", "85", "85", "85", "85", "100", "100", "100"], strict=True))
    grades = _grades(scores, vetoed=("H", "I", "J"))
    assert grades["C"] == "excellent"
    assert grades["H"] == grades["I"] == grades["J"] == "fail"


def test_grade_settings():
    settings = Settings(excellent_quota=D("0.5"), excellent_min=D("95"), good_min=D("85"), pass_min=D("70"))
    # n = 4 → q = 2: A (96) excellent; B (94, rank 2) < 95 → good; C 85 good; D 69.99 fail
    assert _grades({"A": "96", "B": "94", "C": "85", "D": "69.99"}, settings=settings) == {
        "A": "excellent",
        "B": "good",
        "C": "good",
        "D": "fail",
    }
