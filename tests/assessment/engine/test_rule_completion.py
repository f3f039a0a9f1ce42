"""`completion` 完成率: r = v / t (or t / v for `lower`); r < floor → 0, else min(r, cap)."""

from decimal import Decimal

import pytest

from tests.assessment.engine.builders import leaf_points

D = Decimal


@pytest.mark.parametrize(
    ("v", "expected"),
    [
        ("87.5", "8.75"),  # r = 87.5 / 100 = 0.875; 10 × 0.875
        ("100", "10.00"),  # r = 1
        ("130", "10.00"),  # r = 1.3, capped at the default cap 1.0
        ("0", "0.00"),  # r = 0, not below floor 0: f = 0
        ("-5", "0.00"),  # r = -0.05 < floor 0
    ],
)
def test_higher(v, expected):
    assert leaf_points("completion", {}, v, m="10", t="100") == D(expected)


def test_cap_above_one_rewards_overachievement():
    # r = 130 / 100 = 1.3 → min(1.3, 1.2) = 1.2 → 10 × 1.2 = 12
    assert leaf_points("completion", {"cap": 1.2}, "130", t="100") == D("12.00")
    # r = 1.1 is under the cap → 11
    assert leaf_points("completion", {"cap": "1.2"}, "110", t="100") == D("11.00")


def test_floor_hit_exactly_scores_and_just_below_does_not():
    params = {"floor": "0.6"}
    # r = 60 / 100 = 0.6, not below the floor → f = 0.6 → 6
    assert leaf_points("completion", params, "60", t="100") == D("6.00")
    # r = 0.5999 < 0.6 → 0
    assert leaf_points("completion", params, "59.99", t="100") == D("0.00")


@pytest.mark.parametrize(
    ("v", "expected"),
    [
        ("125", "8.00"),  # r = 100 / 125 = 0.8
        ("80", "10.00"),  # r = 100 / 80 = 1.25, capped at 1
        ("100", "10.00"),  # r = 1
        ("300", "3.33"),  # r = 1/3 → 3.333…
    ],
)
def test_lower(v, expected):
    assert leaf_points("completion", {"direction": "lower"}, v, t="100") == D(expected)


def test_lower_with_zero_value_scores_the_cap():
    # v = 0: r = cap (1.0 by default, 1.2 here)
    assert leaf_points("completion", {"direction": "lower"}, "0", t="100") == D("10.00")
    assert leaf_points("completion", {"direction": "lower", "cap": "1.2"}, "0", t="100") == D("12.00")


def test_lower_with_negative_value_is_treated_as_zero():
    assert leaf_points("completion", {"direction": "lower"}, "-3", t="100") == D("10.00")


def test_lower_floor_boundary():
    params = {"direction": "lower", "floor": "0.8"}
    # r = 100 / 125 = 0.8 = floor → 8
    assert leaf_points("completion", params, "125", t="100") == D("8.00")
    # r = 100 / 126 ≈ 0.794 < 0.8 → 0
    assert leaf_points("completion", params, "126", t="100") == D("0.00")


def test_floor_equal_to_cap_is_all_or_nothing():
    params = {"floor": "1", "cap": "1"}
    assert leaf_points("completion", params, "100", t="100") == D("10.00")
    assert leaf_points("completion", params, "99.99", t="100") == D("0.00")


def test_missing_entry_scores_zero():
    assert leaf_points("completion", {}, None, t="100") == D("0.00")


def test_missing_or_non_positive_target_scores_zero_without_crashing():
    assert leaf_points("completion", {}, "50") == D("0.00")
    assert leaf_points("completion", {}, "50", t="0") == D("0.00")
    assert leaf_points("completion", {"direction": "lower"}, "50", t="-1") == D("0.00")


def test_half_up_rounding_of_the_product():
    # 3 × 1.15 / 30 = 0.115 exactly → 0.12 (binary floats give 0.11499… → 0.11)
    assert leaf_points("completion", {}, "1.15", m="3", t="30") == D("0.12")
    # 10 × 2 / 3 = 6.666… → 6.67; 10 × 1 / 3 = 3.333… → 3.33
    assert leaf_points("completion", {}, "2", t="3") == D("6.67")
    assert leaf_points("completion", {}, "1", t="3") == D("3.33")


def test_max_points_with_three_decimals_round_half_up():
    # m = 2.675, r = 1 → 2.675 → 2.68 (float(2.675) is 2.67499…)
    assert leaf_points("completion", {}, "100", m="2.675", t="100") == D("2.68")
