"""Every rule says in words what its params do: the words the pages show next to a unit's points."""

import json
from decimal import Decimal

import pytest

from assessment.scoring.rules import RULES

D = Decimal


@pytest.mark.parametrize(
    ("rule", "params", "words"),
    [
        (
            "completion",
            {"floor": "0.6", "cap": "1.2"},
            "完成率 = 完成值 ÷ 目标值，低于 60% 不得分，最高 120%；得分 = 分值 × 完成率",
        ),
        ("completion", {}, "完成率 = 完成值 ÷ 目标值，最高 100%；得分 = 分值 × 完成率"),
        (
            "completion",
            {"direction": "lower", "floor": 0.5},
            "完成率 = 目标值 ÷ 完成值（越小越好），低于 50% 不得分，最高 100%；得分 = 分值 × 完成率",
        ),
        (
            "growth",
            {"cap": 1.5, "floor": "0.25"},
            "增量完成率 =（完成值 − 基数）÷（目标值 − 基数），低于 25% 不得分，最高 150%；得分 = 分值 × 增量完成率",
        ),
        (
            "tiered",
            {"tiers": [[1.0, 1.0], [0.9, 0.8], [0.8, 0.6]]},
            "完成率 = 完成值 ÷ 目标值，分档计分：达到 100% 得分值的 100%，达到 90% 得分值的 80%，"
            "达到 80% 得分值的 60%，低于 80% 不得分",
        ),
        (
            "tiered",
            {"direction": "lower", "tiers": [[1.1, 1], [1, 0.5]]},
            "完成率 = 目标值 ÷ 完成值（越小越好），分档计分：达到 110% 得分值的 100%，达到 100% 得分值的 50%，"
            "低于 100% 不得分",
        ),
        (
            "rank",
            {"step": "1.50", "min_fraction": 0.2},
            "同类别有填报的单位按完成值从高到低排名（并列取较好名次），第 1 名得满分，每低一个名次减 1.5 分，"
            "最低得分值的 20%",
        ),
        (
            "rank",
            {"step": 2, "direction": "lower"},
            "同类别有填报的单位按完成值从低到高排名（并列取较好名次），第 1 名得满分，每低一个名次减 2 分，最低 0 分",
        ),
        ("percent", {}, "得分 = 分值 × 百分制得分 ÷ 100（低于 0 按 0、高于 100 按 100）"),
        ("direct", {}, "填报的分值即得分，最低 0 分，最高为本指标分值"),
        ("grade", {}, "按评价等次计分：A 得分值的 100%，B 得分值的 85%，C 得分值的 70%，D 得分值的 50%"),
        ("grade", {"map": {"优": 1, "良": "0.8"}}, "按评价等次计分：优 得分值的 100%，良 得分值的 80%"),
        ("bonus", {}, "填报的加分即得分，不超过本指标分值，计入加分（每期加分合计不超过加分上限）"),
        ("deduction", {"per_event": "0.50"}, "每发生 1 次扣 0.5 分，扣分不超过本指标分值"),
        ("veto", {}, "发生 1 次及以上即一票否决（年度等次为不合格），不计分"),
    ],
)
def test_rule_in_words(rule, params, words):
    assert RULES[rule].describe(params) == words


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_describes_its_example_in_chinese(code):
    rule = RULES[code]
    words = rule.describe(json.loads(rule.example) if rule.example else {})
    assert words and not any(c.isascii() and c.isalpha() and c not in "ABCD" for c in words), words


def test_invalid_params_are_refused_as_validation_refuses_them():
    with pytest.raises(ValueError, match="上限 cap"):
        RULES["completion"].describe({"floor": 0.8, "cap": 0.5})


def test_explain_gives_target_base_full_marks_and_the_words():
    from assessment.scoring.rules import explain

    assert (
        explain("growth", {"cap": "1.2"}, target=D("1200.5000"), base=D("1000"), full=D("8.00"))
        == "目标值 t = 1200.5，基数 b = 1000；满分 m = 8；增量完成率 =（完成值 − 基数）÷（目标值 − 基数），最高 120%；"
        "得分 = 分值 × 增量完成率"
    )
    assert explain("completion", {}, full=D("10")).startswith("目标值未下达；满分 m = 10；完成率 = 完成值 ÷ 目标值")
    assert (
        explain("direct", {}, target=D("5"), full=D("10"))
        == "满分 m = 10；填报的分值即得分，最低 0 分，最高为本指标分值"
    )
    assert explain("deduction", {}) == "计分参数有误，请联系考核办"
