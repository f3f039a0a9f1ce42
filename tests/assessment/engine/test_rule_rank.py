"""`rank` 按排名赋分: competition rank k among the category's units with an entry; max(m − step(k−1), m × min)."""

from decimal import Decimal

from assessment.scoring import compute
from tests.assessment.engine.builders import entry, leaf, make_plan, period_result, unit

D = Decimal


def _points(values: dict, params: dict, m="10", extra_units=(), extra_entries=()):
    units = [unit(code) for code in values] + list(extra_units)
    entries = [entry(code, "R", v) for code, v in values.items() if v is not None] + list(extra_entries)
    indicators = [leaf("R", "rank", params, points={"town": m, "dept": "6"}), leaf("X", "direct", m="1")]
    entries.append(entry(units[0].code, "X", "1"))  # keeps the period started
    results = compute(make_plan(units, indicators, entries))
    return {u.code: period_result(results, u.code).points["R"] for u in units}


def test_ties_share_the_better_rank_and_skip_the_next():
    # values 90, 80, 80, 70 → ranks 1, 2, 2, 4 → 10 − 2 × (k − 1) = 10, 8, 8, 4
    points = _points({"A": "90", "B": "80", "C": "80", "D": "70"}, {"step": 2})
    assert points == {"A": D("10.00"), "B": D("8.00"), "C": D("8.00"), "D": D("4.00")}


def test_units_without_an_entry_score_zero_and_are_not_ranked():
    # E has no entry: D stays rank 4 (not 5) among the four that entered; E scores 0
    points = _points({"A": "90", "B": "80", "C": "80", "D": "70", "E": None}, {"step": 2})
    assert points["D"] == D("4.00")
    assert points["E"] == D("0.00")


def test_min_fraction_is_a_floor():
    # step 3, min_fraction 0.5: ranks 1, 2, 2, 4 → 10, 7, 7, max(10 − 9, 5) = 5
    points = _points({"A": "90", "B": "80", "C": "80", "D": "70"}, {"step": 3, "min_fraction": "0.5"})
    assert points == {"A": D("10.00"), "B": D("7.00"), "C": D("7.00"), "D": D("5.00")}


def test_points_never_go_below_zero_without_min_fraction():
    # step 4: rank 4 → 10 − 12 = −2 → max(−2, 10 × 0) = 0
    points = _points({"A": "4", "B": "3", "C": "2", "D": "1"}, {"step": 4})
    assert points == {"A": D("10.00"), "B": D("6.00"), "C": D("2.00"), "D": D("0.00")}


def test_lower_direction_ranks_the_smallest_first():
    # lower: 70 → 1, 80 & 80 → 2, 90 → 4
    points = _points({"A": "90", "B": "80", "C": "80", "D": "70"}, {"step": 2, "direction": "lower"})
    assert points == {"A": D("4.00"), "B": D("8.00"), "C": D("8.00"), "D": D("10.00")}


def test_other_categories_are_not_competitors():
    # F (dept, m = 6) has the largest value but competes only within dept: rank 1 → 6; A stays rank 1 in town
    points = _points(
        {"A": "90", "B": "80"}, {"step": 2}, extra_units=[unit("F", "dept")], extra_entries=[entry("F", "R", "999")]
    )
    assert points == {"A": D("10.00"), "B": D("8.00"), "F": D("6.00")}


def test_step_zero_gives_everyone_full_points():
    assert set(_points({"A": "3", "B": "2", "C": "1"}, {"step": 0}).values()) == {D("10.00")}


def test_rank_points_are_rounded_half_up():
    # m = 7.5, step 0.125: rank 2 → 7.375 → 7.38
    points = _points({"A": "2", "B": "1"}, {"step": "0.125"}, m="7.5")
    assert points == {"A": D("7.50"), "B": D("7.38")}


def test_equal_values_written_differently_tie():
    # 80 and 80.00 are the same number: both rank 2
    points = _points({"A": "90", "B": "80", "C": "80.00"}, {"step": 1})
    assert points == {"A": D("10.00"), "B": D("9.00"), "C": D("9.00")}
