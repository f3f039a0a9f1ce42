"""The rule registry holds exactly the leaf rules of SCORING.md §3, one module each, with their params and kinds."""

import importlib
from decimal import Decimal

import pytest

from assessment.scoring import RULES as EXPORTED_RULES
from assessment.scoring.rules import BASE_RULES, RULE_BY_NAME, RULES, TARGET_RULES, rule_of, rules_of_kind

D = Decimal

# SCORING.md §3's table, transcribed: rule, label, its params with their defaults (None: required), kind.
SCORING_3 = [
    ("completion", "完成率", {"direction": "higher", "floor": D("0"), "cap": D("1.0")}, "base"),
    ("growth", "增量", {"direction": "higher", "floor": D("0"), "cap": D("1.0")}, "base"),
    ("tiered", "分档", {"direction": "higher", "tiers": None}, "base"),
    ("rank", "按排名赋分", {"direction": "higher", "step": None, "min_fraction": D("0")}, "base"),
    ("percent", "百分制折算", {}, "base"),
    ("direct", "直接赋分", {}, "base"),
    ("grade", "定性评价", {"map": {"A": D("1.0"), "B": D("0.85"), "C": D("0.7"), "D": D("0.5")}}, "base"),
    # SUPERVISION.md §4 adds `from_records` (default: not used) to the bonus, deduction and veto rules.
    ("bonus", "加分", {"from_records": ""}, "bonus"),
    ("deduction", "扣分", {"per_event": None, "from_records": ""}, "deduction"),
    ("veto", "一票否决", {"from_records": ""}, "veto"),
]


def test_the_registry_holds_exactly_the_rules_of_scoring_3_in_its_order():
    assert list(RULES) == [code for code, *_ in SCORING_3]
    assert EXPORTED_RULES is RULES


@pytest.mark.parametrize(("code", "label", "params", "kind"), SCORING_3)
def test_each_rule_declares_its_label_kind_and_params(code, label, params, kind):
    rule = RULES[code]
    assert (rule.code, rule.label, rule.kind) == (code, label, kind)
    assert {p.name: (None if p.required else p.default) for p in rule.params} == params
    assert all(p.help for p in rule.params)


@pytest.mark.parametrize("code", [code for code, *_ in SCORING_3])
def test_each_rule_is_the_one_object_of_its_own_module(code):
    module = importlib.import_module(f"assessment.scoring.rules.{code}")
    assert module.RULE is RULES[code]


def test_kinds_split_the_rules_as_section_4_counts_them():
    assert BASE_RULES == {"completion", "growth", "tiered", "rank", "percent", "direct", "grade"}
    assert rules_of_kind("bonus") == {"bonus"}
    assert rules_of_kind("deduction", "veto") == {"deduction", "veto"}
    assert TARGET_RULES == {"completion", "growth", "tiered"}


def test_the_workbook_accepts_each_rule_by_code_or_label():
    assert RULE_BY_NAME == {**{code: code for code, *_ in SCORING_3}, **{label: code for code, label, *_ in SCORING_3}}


def test_an_unknown_rule_is_named_with_the_choices():
    with pytest.raises(ValueError, match="未知的计分规则「average」，可选：completion、growth"):
        rule_of("average")


def test_target_based_rules_say_which_targets_they_cannot_use():
    completion, growth = RULES["completion"].scoring, RULES["growth"].scoring
    assert completion.target_problem(D("10"), None) is None
    assert "大于 0" in completion.target_problem(D("0"), None)
    assert growth.target_problem(D("10"), D("8")) is None
    assert "大于基数" in growth.target_problem(D("8"), D("8"))
    assert "大于基数" not in completion.target_problem(D("-1"), D("8"))
