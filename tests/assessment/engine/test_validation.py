"""validate_params / validate_value: defaults filled, bad input rejected with a Chinese message."""

from decimal import Decimal

import pytest

from assessment.scoring import validate_params, validate_value

D = Decimal


def test_defaults_are_filled_and_numbers_become_decimals():
    assert validate_params("completion", {}) == {"direction": "higher", "floor": D("0"), "cap": D("1")}
    assert validate_params("completion", None) == {"direction": "higher", "floor": D("0"), "cap": D("1")}
    assert validate_params("growth", {"floor": 0.5}) == {"direction": "higher", "floor": D("0.5"), "cap": D("1")}
    assert validate_params("tiered", {"tiers": [[1, 1], ["0.9", 0.8]]}) == {
        "direction": "higher",
        "tiers": [[D("1"), D("1")], [D("0.9"), D("0.8")]],
    }
    assert validate_params("rank", {"step": 1}) == {"direction": "higher", "step": D("1"), "min_fraction": D("0")}
    assert validate_params("grade", {}) == {"map": {"A": D("1.0"), "B": D("0.85"), "C": D("0.7"), "D": D("0.5")}}
    assert validate_params("deduction", {"per_event": "0.5"}) == {"per_event": D("0.5")}
    for rule in ("percent", "direct", "bonus", "veto"):
        assert validate_params(rule, {}) == {}


def test_float_params_keep_their_written_value():
    assert validate_params("completion", {"cap": 1.1})["cap"] == D("1.1")


@pytest.mark.parametrize(
    ("rule", "params", "fragment"),
    [
        ("average", {}, "未知的计分规则"),
        ("completion", {"direction": "up"}, "未知的方向"),
        ("growth", {"direction": "lower"}, "增量规则只支持"),
        ("completion", {"floor": -0.1}, "下限"),
        ("completion", {"cap": -1}, "上限"),
        ("completion", {"floor": 0.8, "cap": 0.5}, "不能小于下限"),
        ("completion", {"floor": "abc"}, "必须是数字"),
        ("completion", {"cap": True}, "必须是数字"),
        ("completion", {"ceiling": 1}, "不认识参数"),
        ("percent", {"cap": 1}, "不认识参数"),
        ("tiered", {}, "必须设置 tiers"),
        ("tiered", {"tiers": []}, "非空列表"),
        ("tiered", {"tiers": "1,1"}, "非空列表"),
        ("tiered", {"tiers": [[1, 1, 1]]}, "两个数"),
        ("tiered", {"tiers": [1, 1]}, "两个数"),
        ("tiered", {"tiers": [[0.8, 0.6], [1.0, 1.0]]}, "从高到低"),
        ("tiered", {"tiers": [[1.0, 1.0], [1.0, 0.8]]}, "从高到低"),
        ("tiered", {"tiers": [[1.0, 1.2]]}, "0 到 1"),
        ("tiered", {"tiers": [[1.0, -0.1]]}, "0 到 1"),
        ("rank", {}, "step"),
        ("rank", {"step": -1}, "不能为负数"),
        ("rank", {"step": 1, "min_fraction": 1.5}, "0 到 1"),
        ("grade", {"map": {}}, "非空"),
        ("grade", {"map": {1: 1.0}}, "非空文字"),
        ("grade", {"map": {"A": 1.1}}, "0 到 1"),
        ("grade", {"map": [["A", 1]]}, "对照表"),
        ("deduction", {}, "per_event"),
        ("deduction", {"per_event": 0}, "大于 0"),
        ("deduction", {"per_event": -1}, "大于 0"),
        ("veto", [], "键值对"),
    ],
)
def test_bad_params_are_rejected(rule, params, fragment):
    with pytest.raises(ValueError, match=fragment):
        validate_params(rule, params)


def test_values_are_normalised():
    assert validate_value("completion", {}, "87.5") == D("87.5")
    assert validate_value("completion", {}, -3) == D("-3")  # a negative actual is a legitimate figure
    assert validate_value("direct", {}, D("7.25")) == D("7.25")
    assert validate_value("grade", {}, " B ") == "B"
    assert validate_value("grade", {"map": {"优": 1}}, "优") == "优"
    assert validate_value("deduction", {"per_event": 1}, "2.0") == D("2")
    assert validate_value("veto", {}, 0) == D("0")
    assert validate_value("bonus", {}, "1.5") == D("1.5")


@pytest.mark.parametrize(
    ("rule", "params", "value", "fragment"),
    [
        ("grade", {}, "E", "不在评价标准中"),
        ("grade", {}, 1, "不在评价标准中"),
        ("deduction", {"per_event": 1}, "1.5", "整数"),
        ("deduction", {"per_event": 1}, -1, "整数"),
        ("veto", {}, "0.5", "整数"),
        ("veto", {}, "-1", "整数"),
        ("bonus", {}, "-0.5", "不能为负数"),
        ("completion", {}, "abc", "必须是数字"),
        ("percent", {}, "", "必须是数字"),
        ("direct", {}, None, "必须是数字"),
        ("direct", {}, "NaN", "必须是数字"),
        ("direct", {}, "Infinity", "必须是数字"),
        ("nonsense", {}, "1", "未知的计分规则"),
        ("deduction", {}, "1", "per_event"),  # the params themselves are checked too
    ],
)
def test_bad_values_are_rejected(rule, params, value, fragment):
    with pytest.raises(ValueError, match=fragment):
        validate_value(rule, params, value)


def test_compute_names_the_indicator_with_bad_params():
    from assessment.scoring import compute
    from tests.assessment.engine.builders import leaf, make_plan, unit

    with pytest.raises(ValueError, match="指标 K："):
        compute(make_plan([unit("A")], [leaf("K", "rank", {})]))
