"""``growth`` 增量 (SCORING.md §3): r = (v − b) / (t − b), then as ``completion``; only *higher* is better."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from assessment.scoring.decimals import CENT, ONE, ZERO, ZERO2
from assessment.scoring.rules import checks
from assessment.scoring.rules.points import fraction_of
from assessment.scoring.rules.rule import BASE, ByTarget, Param, Params, Prepared, Preparer, Rule, TargetScorer

FLOOR = Param("floor", "增量完成率低于此值得 0", ZERO)
CAP = Param("cap", "增量完成率封顶", ONE, shown="1.0")
DIRECTION = Param("direction", "只支持 higher 越大越好", checks.HIGHER)


def check_params(params: Mapping[str, object]) -> Params:
    floor, cap = checks.floor_cap(params)
    direction = checks.direction(params)
    if direction != checks.HIGHER:
        # r = (v − b) / (t − b) has no "smaller is better" form in SCORING.md.
        raise ValueError("增量规则只支持 higher（越大越好）方向")
    return {"direction": direction, "floor": floor, "cap": cap}


def prepare(params: Params) -> Preparer:
    floor, cap = checks.decimal_param(params, "floor"), checks.decimal_param(params, "cap")

    def prepared(target: Decimal, base: Decimal | None) -> Prepared | None:
        b = ZERO if base is None else base
        span = target - b
        return (b, span, floor * span, cap * span) if span > ZERO else None

    return prepared


def scorer(params: Params) -> TargetScorer:
    full = fraction_of(checks.decimal_param(params, "cap"))

    def growth(m: Decimal, v: Decimal, prepared: Prepared) -> Decimal:
        b, span, low, high = prepared  # b, t − b, floor × (t − b), cap × (t − b)
        gained = v - b
        if gained >= high:
            return full(m)
        if gained < low:
            return ZERO2
        return (m * gained / span).quantize(CENT, ROUND_HALF_UP)

    return growth


def target_problem(target: Decimal | None, base: Decimal | None) -> str | None:
    """SCORING.md §3: ``growth`` needs t > b (a missing base counts as 0)."""
    problem = checks.positive_target(target, base)
    if problem is None and target is not None and target <= (base or 0):
        return f"目标值必须大于基数（目标值 {target}，基数 {base or 0}）"
    return problem


def words(params: Params) -> str:
    return checks.rate_words("增量完成率 =（完成值 − 基数）÷（目标值 − 基数）", params)


RULE = Rule(
    code="growth",
    order=20,
    label="增量",
    kind=BASE,
    params=(DIRECTION, FLOOR, CAP),
    entry_help="填报实际完成值，按（实际 − 基数）/（目标 − 基数）计分。",
    example='{"cap": 1.2}',
    check_params=check_params,
    check_value=checks.number_value,
    scoring=ByTarget(prepare=prepare, scorer=scorer, target_problem=target_problem, target_need="目标值大于基数"),
    words=words,
)
