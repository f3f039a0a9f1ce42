"""`tiered` 分档: f = fraction of the first tier (threshold descending) with threshold ≤ r."""

from decimal import Decimal

import pytest

from tests.assessment.engine.builders import leaf_points

D = Decimal
TIERS = {"tiers": [[1.0, 1.0], [0.9, 0.8], [0.8, 0.6]]}


@pytest.mark.parametrize(
    ("v", "expected"),
    [
        ("250", "10.00"),  # r = 1.25 ≥ 1.0
        ("200", "10.00"),  # r = 1.0, exactly on the top threshold
        ("199.99", "8.00"),  # r = 0.99995 → tier 0.9
        ("180", "8.00"),  # r = 0.9 exactly
        ("179.99", "6.00"),  # r = 0.89995 → tier 0.8
        ("160", "6.00"),  # r = 0.8 exactly
        ("159.99", "0.00"),  # r = 0.79995: below every tier
        ("0", "0.00"),
    ],
)
def test_higher_tier_boundaries(v, expected):
    assert leaf_points("tiered", TIERS, v, m="10", t="200") == D(expected)


@pytest.mark.parametrize(
    ("v", "expected"),
    [
        ("200", "10.00"),  # r = 200 / 200 = 1
        ("220", "8.00"),  # r = 0.909…
        ("250", "6.00"),  # r = 0.8 exactly
        ("251", "0.00"),  # r = 0.797…
        ("100", "10.00"),  # r = 2
        ("0", "10.00"),  # v = 0: r = 1 (the default cap)
    ],
)
def test_lower(v, expected):
    assert leaf_points("tiered", {**TIERS, "direction": "lower"}, v, m="10", t="200") == D(expected)


def test_lower_zero_value_is_r_equal_one_not_infinity():
    # r = 1 with tiers 1.2 → 1.0, 1.0 → 0.7: the first tier with threshold ≤ 1 is the second → 10 × 0.7
    params = {"direction": "lower", "tiers": [[1.2, 1.0], [1.0, 0.7]]}
    assert leaf_points("tiered", params, "0", t="100") == D("7.00")
    assert leaf_points("tiered", params, "80", t="100") == D("10.00")  # r = 1.25


def test_fraction_times_points_rounds_half_up():
    # 4.5 × 0.85 = 3.825 → 3.83 (binary floats: 3.8249999… → 3.82)
    assert leaf_points("tiered", {"tiers": [[1, 0.85]]}, "100", m="4.5", t="100") == D("3.83")


def test_missing_target_scores_zero():
    assert leaf_points("tiered", TIERS, "100") == D("0.00")
