"""`percent`, `direct` and `grade`: rules that read the value alone."""

from decimal import Decimal

import pytest

from tests.assessment.engine.builders import leaf_points

D = Decimal


@pytest.mark.parametrize(
    ("v", "expected"),
    [
        ("85", "17.00"),  # 20 × 85 / 100
        ("100", "20.00"),
        ("120", "20.00"),  # clamped to 100
        ("-5", "0.00"),  # clamped to 0
        ("33.333", "6.67"),  # 20 × 0.33333 = 6.6666
    ],
)
def test_percent(v, expected):
    assert leaf_points("percent", {}, v, m="20") == D(expected)


def test_percent_rounds_half_up():
    # 5 × 50.5 / 100 = 2.525 → 2.53
    assert leaf_points("percent", {}, "50.5", m="5") == D("2.53")


@pytest.mark.parametrize(
    ("v", "expected"),
    [
        ("7.5", "7.50"),
        ("10", "10.00"),
        ("12", "10.00"),  # clamped to m
        ("-1", "0.00"),  # clamped to 0
        ("2.675", "2.68"),  # half up (float rounding gives 2.67)
        ("2.674", "2.67"),
    ],
)
def test_direct(v, expected):
    assert leaf_points("direct", {}, v, m="10") == D(expected)


@pytest.mark.parametrize(
    ("letter", "expected"),
    [("A", "10.00"), ("B", "8.50"), ("C", "7.00"), ("D", "5.00")],  # default map 1.0 / 0.85 / 0.7 / 0.5
)
def test_grade_default_map(letter, expected):
    assert leaf_points("grade", {}, letter, m="10") == D(expected)


def test_grade_custom_map_and_rounding():
    params = {"map": {"优": 1, "良": "0.8", "中": 0.6}}
    assert leaf_points("grade", params, "良", m="10") == D("8.00")
    # 4.5 × 0.85 = 3.825 → 3.83
    assert leaf_points("grade", {}, "B", m="4.5") == D("3.83")


def test_grade_letter_surrounding_spaces_are_ignored():
    assert leaf_points("grade", {}, " B ", m="10") == D("8.50")


def test_grade_letter_not_in_map_scores_zero_in_the_engine():
    # Rejected at entry (validate_value); the engine itself must not crash on it.
    assert leaf_points("grade", {}, "E", m="10") == D("0.00")


def test_missing_entries_score_zero():
    for rule in ("percent", "direct", "grade"):
        assert leaf_points(rule, {}, None) == D("0.00")
