"""``tiered`` 分档 (SCORING.md §3): r as ``completion``; f = the fraction of the first tier with threshold ≤ r."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from assessment.scoring.decimals import CENT, ONE, ZERO, ZERO2
from assessment.scoring.rules import checks
from assessment.scoring.rules.points import per_m
from assessment.scoring.rules.rule import BASE, ByTarget, Param, Params, Prepared, Preparer, Rule, TargetScorer

TIERS = Param("tiers", "[门槛, 得分比例] 列表，按门槛从高到低")

Tiers = list[list[Decimal]]  # [[threshold, fraction], …], thresholds descending


def _tiers(raw: object) -> Tiers:
    if not isinstance(raw, list | tuple) or not raw:
        raise ValueError("分档 tiers 必须是非空列表，每档为 [门槛, 得分比例]，例如 [[1.0, 1.0], [0.9, 0.8]]")
    tiers: Tiers = []
    for n, tier in enumerate(raw, start=1):
        if not isinstance(tier, list | tuple) or len(tier) != 2:
            raise ValueError(f"第 {n} 档必须是 [门槛, 得分比例] 两个数，收到「{tier}」")
        threshold = checks.number(tier[0], f"第 {n} 档门槛")
        fraction = checks.fraction(tier[1], f"第 {n} 档得分比例")
        if tiers and threshold >= tiers[-1][0]:
            raise ValueError("分档 tiers 必须按门槛从高到低排列，且门槛不得重复")
        tiers.append([threshold, fraction])
    return tiers


def check_params(params: Mapping[str, object]) -> Params:
    if "tiers" not in params:
        raise ValueError("分档规则必须设置 tiers，例如 [[1.0, 1.0], [0.9, 0.8], [0.8, 0.6]]")
    return {"direction": checks.direction(params), "tiers": _tiers(params["tiers"])}


def _checked_tiers(params: Params) -> Tiers:
    """The tiers ``check_params`` built (re-read, so that the type is known here)."""
    return _tiers(params["tiers"])


def prepare(params: Params) -> Preparer:
    thresholds = tuple(threshold for threshold, _ in _checked_tiers(params))
    higher = checks.is_higher(params)

    def prepared(target: Decimal, base: Decimal | None) -> Prepared | None:
        if target <= ZERO:
            return None
        return tuple(threshold * target for threshold in thresholds) if higher else (target,)

    return prepared


def scorer(params: Params) -> TargetScorer:
    tiers = _checked_tiers(params)
    thresholds = tuple(threshold for threshold, _ in tiers)
    fractions = tuple(fraction for _, fraction in tiers)
    table = per_m(lambda m: tuple((m * f).quantize(CENT, ROUND_HALF_UP) for f in fractions))

    if checks.is_higher(params):

        def higher(m: Decimal, v: Decimal, scaled: Prepared) -> Decimal:
            for k, threshold_t in enumerate(scaled):  # threshold × t for each tier
                if v >= threshold_t:
                    return table(m)[k]
            return ZERO2

        return higher

    # v ≤ 0 gives r = 1, the default cap (tiered has no cap of its own): the first tier with threshold ≤ 1.
    at_one = next((k for k, threshold in enumerate(thresholds) if threshold <= ONE), None)

    def lower(m: Decimal, v: Decimal, prepared: Prepared) -> Decimal:
        (t,) = prepared
        if v <= ZERO:
            return ZERO2 if at_one is None else table(m)[at_one]
        for k, threshold in enumerate(thresholds):
            if t >= threshold * v:
                return table(m)[k]
        return ZERO2

    return lower


def words(params: Params) -> str:
    tiers = _checked_tiers(params)
    rate = "完成率 = 完成值 ÷ 目标值" if checks.is_higher(params) else "完成率 = 目标值 ÷ 完成值（越小越好）"
    steps = "，".join(f"达到 {checks.percent(t)} 得分值的 {checks.percent(f)}" for t, f in tiers)
    return f"{rate}，分档计分：{steps}，低于 {checks.percent(tiers[-1][0])} 不得分"


RULE = Rule(
    code="tiered",
    order=30,
    label="分档",
    kind=BASE,
    params=(checks.DIRECTION, TIERS),
    entry_help="填报实际完成值，按完成率落入的档次计分。",
    example='{"tiers": [[1.0, 1.0], [0.9, 0.8], [0.8, 0.6]]}',
    check_params=check_params,
    check_value=checks.number_value,
    scoring=ByTarget(
        prepare=prepare, scorer=scorer, target_problem=checks.positive_target, target_need="大于 0 的目标值"
    ),
    words=words,
)
