"""Checks several rules share: numbers, fractions, direction, floor and cap, entered numbers and counts.

Messages are Chinese: the forms and importers show them as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Final

from assessment.scoring.decimals import to_decimal
from assessment.scoring.rules.rule import Param, Params

HIGHER: Final = "higher"
LOWER: Final = "lower"

DIRECTION = Param("direction", "higher 越大越好或 lower 越小越好", HIGHER)


def number(value: object, label: str) -> Decimal:
    d = to_decimal(value)
    if d is None:
        raise ValueError(f"{label}必须是数字，收到「{value}」")
    return d


def fraction(value: object, label: str) -> Decimal:
    d = number(value, label)
    if d < 0 or d > 1:
        raise ValueError(f"{label}必须在 0 到 1 之间，收到 {d}")
    return d


def direction(params: Mapping[str, object]) -> str:
    value = params["direction"]
    if value != HIGHER and value != LOWER:
        raise ValueError(f"未知的方向「{value}」，只能是 higher（越大越好）或 lower（越小越好）")
    return HIGHER if value == HIGHER else LOWER


def floor_cap(params: Mapping[str, object]) -> tuple[Decimal, Decimal]:
    floor = number(params["floor"], "下限 floor")
    cap = number(params["cap"], "上限 cap")
    if floor < 0:
        raise ValueError(f"下限 floor 不能为负数，收到 {floor}")
    if cap < 0:
        raise ValueError(f"上限 cap 不能为负数，收到 {cap}")
    if cap < floor:
        raise ValueError(f"上限 cap（{cap}）不能小于下限 floor（{floor}）")
    return floor, cap


def shown(value: Decimal) -> str:
    """A number as the office writes it: no exponent, no trailing zeros (1.50 → 1.5, 100 → 100)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(value: Decimal) -> str:
    """A fraction as a percentage: 0.6 → 60%, 1.2 → 120%."""
    return f"{shown(value * 100)}%"


def rate_words(rate: str, params: Params) -> str:
    """ "…，低于 60% 不得分，最高 120%；得分 = 分值 × 完成率" for a rate with a floor and a cap."""
    floor, cap = decimal_param(params, "floor"), decimal_param(params, "cap")
    name = rate.split(" =")[0]
    below = f"，低于 {percent(floor)} 不得分" if floor > 0 else ""
    return f"{rate}{below}，最高 {percent(cap)}；得分 = 分值 × {name}"


def decimal_param(params: Params, name: str) -> Decimal:
    """A parameter the rule's check has already made a Decimal."""
    value = params[name]
    if not isinstance(value, Decimal):
        raise TypeError(f"parameter {name} was not checked: {value!r}")
    return value


def is_higher(params: Params) -> bool:
    return params["direction"] == HIGHER


FROM_RECORDS = Param("from_records", "由红黄黑档案自动计分的档案类别（红、黄或黑）", "", shown="不使用")


def from_records(params: Mapping[str, object], allowed: tuple[str, ...]) -> Params:
    """SUPERVISION.md §4: ``from_records`` names the record kind whose counted records make the entries."""
    value = params.get("from_records", "")
    if value in ("", None):
        return {}
    if value not in allowed:
        raise ValueError(f"from_records 只能是{'、'.join(f'「{k}」' for k in allowed)}，收到「{value}」")
    return {"from_records": value}


def is_derived(params: Mapping[str, object]) -> bool:
    """Whether the leaf's entries are derived from records (SUPERVISION.md §4) and so never start a period."""
    return bool(params.get("from_records"))


def no_params(params: Mapping[str, object]) -> Params:
    return {}


def number_value(label: str, params: Params, value: object) -> Decimal:
    """An entered number (any sign): actual figures, scores, survey results."""
    d = to_decimal(value)
    if d is None:
        raise ValueError(f"{label}指标的填报值必须是数字，收到「{value}」")
    return d


def count_value(label: str, params: Params, value: object) -> Decimal:
    """An entered number of events: an integer ≥ 0, stored without decimals."""
    d = number_value(label, params, value)
    if d < 0 or d != d.to_integral_value():
        raise ValueError(f"{label}指标填报的是次数，必须是不小于 0 的整数，收到 {value}")
    return Decimal(int(d))


def positive_target(target: Decimal | None, base: Decimal | None) -> str | None:
    """SCORING.md §3: a target-based rule needs t > 0."""
    if target is None or target <= 0:
        return f"目标值必须大于 0，收到 {target}"
    return None
