"""`bonus`, `deduction` and `veto` leaves (their sums are checked in test_period_result)."""

from decimal import Decimal

import pytest

from tests.assessment.engine.builders import leaf_points

D = Decimal


@pytest.mark.parametrize(("v", "expected"), [("2", "2.00"), ("3", "3.00"), ("4", "3.00"), ("0", "0.00")])
def test_bonus_is_the_claim_capped_at_m(v, expected):
    assert leaf_points("bonus", {}, v, m="3") == D(expected)


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ("0", "0.00"),
        ("2", "-1.00"),  # 2 × 0.5
        ("5", "-2.50"),
        ("10", "-3.00"),  # 10 × 0.5 = 5, capped at m = 3
    ],
)
def test_deduction_is_reported_negative_and_capped_at_m(events, expected):
    assert leaf_points("deduction", {"per_event": "0.5"}, events, m="3") == D(expected)


def test_deduction_rounds_half_up():
    # 3 × 0.335 = 1.005 → 1.01
    assert leaf_points("deduction", {"per_event": "0.335"}, "3", m="5") == D("-1.01")


def test_zero_deduction_is_not_a_negative_zero():
    assert str(leaf_points("deduction", {"per_event": 1}, "0")) == "0.00"


def test_veto_leaf_reports_the_count():
    assert leaf_points("veto", {}, "2") == D("2")
    assert leaf_points("veto", {}, "0") == D("0")
    assert leaf_points("veto", {}, None) == D("0")
