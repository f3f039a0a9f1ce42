"""末位 and colours (§8): the non-vetoed unit at position count − last_place_count + 1, and all ranked at or below."""

from decimal import Decimal

from assessment.scoring import Settings, compute
from tests.assessment.engine.builders import scored_plan

D = Decimal


def _last(scores, vetoed=(), count=1):
    results = compute(scored_plan(scores, vetoed, Settings(last_place_count=count)))
    return [r.unit for r in results.unit_results if r.last_place]


def test_the_lowest_unit_is_last():
    assert _last({"A": "95", "B": "85", "C": "84", "D": "83", "E": "82"}) == ["E"]


def test_ties_for_last_are_all_last():
    # ranks 1, 2, 3, 3: position 4 has rank 3 → both units ranked 3
    assert _last({"A": "80", "B": "75", "C": "70", "D": "70"}) == ["C", "D"]


def test_vetoed_units_are_never_last():
    # C is ranked last but vetoed: among A, B the last is B
    assert _last({"A": "90", "B": "80", "C": "70"}, vetoed=("C",)) == ["B"]


def test_last_place_count_two():
    # 4 units, position 4 − 2 + 1 = 3 → rank 3 (80) and below (75)
    assert _last({"A": "90", "B": "85", "C": "80", "D": "75"}, count=2) == ["C", "D"]


def test_last_place_count_two_with_a_tie_above_the_cut():
    # ranks 1, 2, 2, 4: position 3 (by rank, then code) is C with rank 2 → B, C and D are all 末位
    assert _last({"A": "90", "B": "85", "C": "85", "D": "70"}, count=2) == ["B", "C", "D"]


def test_count_larger_than_the_category_takes_the_first():
    # position max(3 − 5 + 1, 1) = 1 → rank 1 and below: everyone
    assert _last({"A": "90", "B": "85", "C": "80"}, count=5) == ["A", "B", "C"]


def test_no_last_place_when_every_unit_is_vetoed():
    assert _last({"A": "90", "B": "85"}, vetoed=("A", "B")) == []


def test_colours_and_outcomes_of_a_last_unit():
    results = compute(scored_plan({"A": "95", "B": "85", "C": "84", "D": "83", "E": "82", "F": "50"}))
    by_unit = {r.unit: r for r in results.unit_results}
    # F is last and fail: black, talked to once and criticised
    assert (by_unit["F"].colour, by_unit["F"].last_place, by_unit["F"].outcomes) == (
        "black",
        True,
        ("talk", "criticise"),
    )
    # n = 6 → q = 1: A excellent → red
    assert (by_unit["A"].colour, by_unit["A"].outcomes) == ("red", ("commend",))
    assert (by_unit["B"].colour, by_unit["B"].outcomes) == ("", ())


def test_last_but_passing_unit_is_yellow():
    results = compute(scored_plan({"A": "85", "B": "84", "C": "65"}))
    c = results.unit_results[-1]
    assert (c.unit, c.grade, c.colour, c.last_place, c.outcomes) == ("C", "pass", "yellow", True, ("talk",))


def test_excellent_and_last_in_a_degenerate_category_is_red_but_talked_to():
    # four units all on 95: all rank 1, q = 1 → all excellent; position 4 has rank 1 → all 末位
    results = compute(scored_plan({"A": "95", "B": "95", "C": "95", "D": "95"}))
    assert {(r.grade, r.colour, r.last_place, r.outcomes) for r in results.unit_results} == {
        ("excellent", "red", True, ("commend", "talk"))
    }
