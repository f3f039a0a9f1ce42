"""`growth` 增量: r = (v − b) / (t − b), then as `completion`."""

from decimal import Decimal

import pytest

from tests.assessment.engine.builders import leaf_points

D = Decimal


@pytest.mark.parametrize(
    ("v", "expected"),
    [
        ("110", "5.00"),  # (110 − 100) / (120 − 100) = 0.5
        ("120", "10.00"),  # r = 1
        ("130", "10.00"),  # r = 1.5, capped at 1
        ("100", "0.00"),  # r = 0: no growth
        ("90", "0.00"),  # below the base: r = −0.5 < floor 0
        ("103", "1.50"),  # r = 0.15
    ],
)
def test_growth(v, expected):
    assert leaf_points("growth", {}, v, m="10", t="120", b="100") == D(expected)


def test_missing_base_counts_as_zero():
    # (20 − 0) / (50 − 0) = 0.4
    assert leaf_points("growth", {}, "20", t="50") == D("4.00")


def test_floor_and_cap():
    params = {"floor": "0.5", "cap": "1.5"}
    assert leaf_points("growth", params, "110", t="120", b="100") == D("5.00")  # r = 0.5 = floor
    assert leaf_points("growth", params, "109.99", t="120", b="100") == D("0.00")  # r = 0.4995 < floor
    assert leaf_points("growth", params, "150", t="120", b="100") == D("15.00")  # r = 2.5 → cap 1.5


def test_target_not_above_base_scores_zero_without_crashing():
    assert leaf_points("growth", {}, "150", t="100", b="100") == D("0.00")
    assert leaf_points("growth", {}, "150", t="90", b="100") == D("0.00")


def test_non_terminating_ratio_rounds_half_up():
    # m = 10, (101 − 100) / (103 − 100) = 1/3 → 3.333… → 3.33; (102 − 100) / 3 → 6.666… → 6.67
    assert leaf_points("growth", {}, "101", t="103", b="100") == D("3.33")
    assert leaf_points("growth", {}, "102", t="103", b="100") == D("6.67")
