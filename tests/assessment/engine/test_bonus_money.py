"""Rewards and outcomes (§9): money = bonus_base × coefficient(grade) × headcount; outcomes in a fixed order."""

from decimal import Decimal

from assessment.scoring import Settings, compute
from tests.assessment.engine.builders import scored_plan

D = Decimal


def _by_unit(scores, vetoed=(), settings=None, headcounts=None):
    return {r.unit: r for r in compute(scored_plan(scores, vetoed, settings, headcounts)).unit_results}


def test_money_by_grade_and_headcount():
    # n = 4 → q = 1. A excellent: 10000 × 1.2 × 25 = 300000; B good: 10000 × 1.0 × 10 = 100000;
    # C pass: 10000 × 0.8 × 7 = 56000; D fail: 0
    results = _by_unit({"A": "95", "B": "85", "C": "65", "D": "40"}, headcounts={"A": 25, "B": 10, "C": 7, "D": 30})
    assert [(r.grade, r.coefficient, r.bonus_money) for r in results.values()] == [
        ("excellent", D("1.2"), D("300000.00")),
        ("good", D("1.0"), D("100000.00")),
        ("pass", D("0.8"), D("56000.00")),
        ("fail", D("0"), D("0.00")),
    ]


def test_money_uses_the_settings_and_rounds_half_up():
    # 12345.67 × 1.15 × 3 = 42592.5615 → 42592.56
    settings = Settings(
        bonus_base=D("12345.67"), coefficients={"excellent": 2, "good": D("1.15"), "pass": 1, "fail": 0}
    )
    assert _by_unit({"A": "85"}, settings=settings, headcounts={"A": 3})["A"].bonus_money == D("42592.56")
    # 1000.125 × 1 × 1 = 1000.125 → 1000.13 (half up, not half even)
    settings = Settings(bonus_base=D("1000.125"), coefficients={"excellent": 1, "good": 1, "pass": 1, "fail": 0})
    assert _by_unit({"A": "85"}, settings=settings, headcounts={"A": 1})["A"].bonus_money == D("1000.13")


def test_outcomes_and_colours():
    # n = 5 → q = 1; E is last (and pass); V vetoed
    results = _by_unit({"A": "95", "B": "85", "C": "70", "E": "65", "V": "99"}, vetoed=("V",))
    assert {u: (r.grade, r.colour, r.outcomes) for u, r in results.items()} == {
        "A": ("excellent", "red", ("commend",)),
        "B": ("good", "", ()),
        "C": ("pass", "", ()),
        "E": ("pass", "yellow", ("talk",)),
        "V": ("fail", "black", ("talk", "criticise", "veto")),
    }


def test_vetoed_unit_gets_no_money():
    assert _by_unit({"A": "99", "B": "60"}, vetoed=("A",))["A"].bonus_money == D("0.00")
