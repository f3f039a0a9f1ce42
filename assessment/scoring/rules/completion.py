"""``completion`` 完成率 (SCORING.md §3): r = v / t (lower: t / v); r < floor → 0, else min(r, cap)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from assessment.scoring.decimals import CENT, ONE, ZERO, ZERO2
from assessment.scoring.rules import checks
from assessment.scoring.rules.points import fraction_of
from assessment.scoring.rules.rule import BASE, ByTarget, Param, Params, Prepared, Preparer, Rule, TargetScorer

FLOOR = Param("floor", "完成率低于此值得 0", ZERO)
CAP = Param("cap", "完成率封顶", ONE, shown="1.0")


def check_params(params: Mapping[str, object]) -> Params:
    floor, cap = checks.floor_cap(params)
    return {"direction": checks.direction(params), "floor": floor, "cap": cap}


def prepare(params: Params) -> Preparer:
    floor, cap = checks.decimal_param(params, "floor"), checks.decimal_param(params, "cap")
    higher = checks.is_higher(params)

    def prepared(target: Decimal, base: Decimal | None) -> Prepared | None:
        if target <= ZERO:
            return None
        return (target, floor * target, cap * target) if higher else (target,)

    return prepared


def scorer(params: Params) -> TargetScorer:
    floor, cap = checks.decimal_param(params, "floor"), checks.decimal_param(params, "cap")
    full = fraction_of(cap)

    if checks.is_higher(params):

        def higher(m: Decimal, v: Decimal, prepared: Prepared) -> Decimal:
            t, low, high = prepared  # t, floor × t, cap × t
            if v >= high:
                return full(m)
            if v < low:
                return ZERO2
            return (m * v / t).quantize(CENT, ROUND_HALF_UP)  # v ≥ floor × t ≥ 0 here, so f ≥ 0

        return higher

    def lower(m: Decimal, v: Decimal, prepared: Prepared) -> Decimal:
        (t,) = prepared
        # v ≤ 0 (nothing consumed) gives r = cap; otherwise r = t / v.
        if v <= ZERO or t >= cap * v:
            return full(m)
        if t < floor * v:
            return ZERO2
        return (m * t / v).quantize(CENT, ROUND_HALF_UP)

    return lower


def words(params: Params) -> str:
    if checks.is_higher(params):
        return checks.rate_words("完成率 = 完成值 ÷ 目标值", params)
    return checks.rate_words("完成率 = 目标值 ÷ 完成值（越小越好）", params)


RULE = Rule(
    code="completion",
    order=10,
    label="完成率",
    kind=BASE,
    params=(checks.DIRECTION, FLOOR, CAP),
    entry_help="填报实际完成值，按完成率计分。",
    example='{"direction": "lower", "floor": 0.6}',
    check_params=check_params,
    check_value=checks.number_value,
    scoring=ByTarget(
        prepare=prepare, scorer=scorer, target_problem=checks.positive_target, target_need="大于 0 的目标值"
    ),
    words=words,
)
