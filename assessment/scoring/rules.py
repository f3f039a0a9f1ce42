"""Leaf rules of SCORING.md §3: parameter and value validation, and the per-entry point functions.

``validate_params`` and ``validate_value`` are what the Django side calls on input, so their messages are
Chinese and they depend on nothing but the standard library. ``make_scorer`` builds the function the
engine calls once per (unit, leaf, period); it assumes already validated params and is lenient with values
the importer should have rejected, so that one bad row never stops a whole recompute.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from assessment.scoring.decimals import CENT, HUNDRED, ONE, ZERO, ZERO2, r2, to_decimal

COMPLETION = "completion"
GROWTH = "growth"
TIERED = "tiered"
RANK = "rank"
PERCENT = "percent"
DIRECT = "direct"
GRADE = "grade"
BONUS = "bonus"
DEDUCTION = "deduction"
VETO = "veto"

RULES = (COMPLETION, GROWTH, TIERED, RANK, PERCENT, DIRECT, GRADE, BONUS, DEDUCTION, VETO)
# Leaves whose maximum points make up full marks (§4).
BASE_RULES = frozenset({COMPLETION, GROWTH, TIERED, RANK, PERCENT, DIRECT, GRADE})
TARGET_RULES = frozenset({COMPLETION, GROWTH, TIERED})
COUNT_RULES = frozenset({DEDUCTION, VETO})

HIGHER = "higher"
LOWER = "lower"
DEFAULT_GRADE_MAP = {"A": Decimal("1.0"), "B": Decimal("0.85"), "C": Decimal("0.7"), "D": Decimal("0.5")}

RULE_NAMES = {
    COMPLETION: "完成率",
    GROWTH: "增量",
    TIERED: "分档",
    RANK: "按排名赋分",
    PERCENT: "百分制折算",
    DIRECT: "直接赋分",
    GRADE: "定性评价",
    BONUS: "加分",
    DEDUCTION: "扣分",
    VETO: "一票否决",
}

_ALLOWED_KEYS = {
    COMPLETION: {"direction", "floor", "cap"},
    GROWTH: {"direction", "floor", "cap"},
    TIERED: {"direction", "tiers"},
    RANK: {"direction", "step", "min_fraction"},
    PERCENT: set(),
    DIRECT: set(),
    GRADE: {"map"},
    BONUS: set(),
    DEDUCTION: {"per_event"},
    VETO: set(),
}


# ---------------------------------------------------------------------------------------------------------------------
# Validation


def _check_rule(rule) -> str:
    if rule not in _ALLOWED_KEYS:
        raise ValueError(f"未知的计分规则「{rule}」，可选：{'、'.join(RULES)}")
    return rule


def _number(value, label: str) -> Decimal:
    d = to_decimal(value)
    if d is None:
        raise ValueError(f"{label}必须是数字，收到「{value}」")
    return d


def _fraction(value, label: str) -> Decimal:
    d = _number(value, label)
    if d < 0 or d > 1:
        raise ValueError(f"{label}必须在 0 到 1 之间，收到 {d}")
    return d


def _direction(params: dict, rule: str) -> str:
    direction = params.get("direction", HIGHER)
    if direction not in (HIGHER, LOWER):
        raise ValueError(f"未知的方向「{direction}」，只能是 higher（越大越好）或 lower（越小越好）")
    if rule == GROWTH and direction != HIGHER:
        # r = (v − b) / (t − b) has no "smaller is better" form in SCORING.md.
        raise ValueError("增量规则只支持 higher（越大越好）方向")
    return direction


def _floor_cap(params: dict) -> tuple[Decimal, Decimal]:
    floor = _number(params.get("floor", ZERO), "下限 floor")
    cap = _number(params.get("cap", ONE), "上限 cap")
    if floor < 0:
        raise ValueError(f"下限 floor 不能为负数，收到 {floor}")
    if cap < 0:
        raise ValueError(f"上限 cap 不能为负数，收到 {cap}")
    if cap < floor:
        raise ValueError(f"上限 cap（{cap}）不能小于下限 floor（{floor}）")
    return floor, cap


def _tiers(raw) -> list[list[Decimal]]:
    if not isinstance(raw, list | tuple) or not raw:
        raise ValueError("分档 tiers 必须是非空列表，每档为 [门槛, 得分比例]，例如 [[1.0, 1.0], [0.9, 0.8]]")
    tiers: list[list[Decimal]] = []
    for n, tier in enumerate(raw, start=1):
        if not isinstance(tier, list | tuple) or len(tier) != 2:
            raise ValueError(f"第 {n} 档必须是 [门槛, 得分比例] 两个数，收到「{tier}」")
        threshold = _number(tier[0], f"第 {n} 档门槛")
        fraction = _fraction(tier[1], f"第 {n} 档得分比例")
        if tiers and threshold >= tiers[-1][0]:
            raise ValueError("分档 tiers 必须按门槛从高到低排列，且门槛不得重复")
        tiers.append([threshold, fraction])
    return tiers


def _grade_map(raw) -> dict[str, Decimal]:
    if not isinstance(raw, dict) or not raw:
        raise ValueError('评价标准 map 必须是非空的「等次: 得分比例」对照表，例如 {"A": 1.0, "B": 0.85}')
    result: dict[str, Decimal] = {}
    for letter, fraction in raw.items():
        if not isinstance(letter, str) or not letter.strip():
            raise ValueError(f"评价等次必须是非空文字，收到「{letter}」")
        result[letter.strip()] = _fraction(fraction, f"等次「{letter}」的得分比例")
    return result


def validate_params(rule: str, params: dict | None) -> dict:
    """Return ``params`` normalised (numbers as Decimal, defaults filled); raise ValueError (Chinese) if bad."""
    _check_rule(rule)
    params = {} if params is None else params
    if not isinstance(params, dict):
        raise ValueError("计分参数必须是键值对（JSON 对象）")
    unknown = sorted(str(k) for k in params if k not in _ALLOWED_KEYS[rule])
    if unknown:
        allowed = "、".join(sorted(_ALLOWED_KEYS[rule])) or "无"
        raise ValueError(f"{RULE_NAMES[rule]}规则不认识参数：{'、'.join(unknown)}（可用参数：{allowed}）")

    if rule in (COMPLETION, GROWTH):
        floor, cap = _floor_cap(params)
        return {"direction": _direction(params, rule), "floor": floor, "cap": cap}
    if rule == TIERED:
        if "tiers" not in params:
            raise ValueError("分档规则必须设置 tiers，例如 [[1.0, 1.0], [0.9, 0.8], [0.8, 0.6]]")
        return {"direction": _direction(params, rule), "tiers": _tiers(params["tiers"])}
    if rule == RANK:
        if "step" not in params:
            raise ValueError("按排名赋分规则必须设置每名次递减分值 step")
        step = _number(params["step"], "每名次递减分值 step")
        if step < 0:
            raise ValueError(f"每名次递减分值 step 不能为负数，收到 {step}")
        min_fraction = _fraction(params.get("min_fraction", ZERO), "最低得分比例 min_fraction")
        return {"direction": _direction(params, rule), "step": step, "min_fraction": min_fraction}
    if rule == GRADE:
        return {"map": _grade_map(params.get("map", DEFAULT_GRADE_MAP))}
    if rule == DEDUCTION:
        if "per_event" not in params:
            raise ValueError("扣分规则必须设置每次扣分 per_event")
        per_event = _number(params["per_event"], "每次扣分 per_event")
        if per_event <= 0:
            raise ValueError(f"每次扣分 per_event 必须大于 0，收到 {per_event}")
        return {"per_event": per_event}
    return {}


def validate_value(rule: str, params: dict | None, value) -> Decimal | str:
    """Return the entered ``value`` as stored (Decimal, or the letter for ``grade``); raise ValueError if bad."""
    normalised = validate_params(rule, params)
    if rule == GRADE:
        letters = normalised["map"]
        letter = value.strip() if isinstance(value, str) else None
        if letter not in letters:
            raise ValueError(f"评价等次「{value}」不在评价标准中，可选：{'、'.join(letters)}")
        return letter
    number = to_decimal(value)
    if number is None:
        raise ValueError(f"{RULE_NAMES[rule]}指标的填报值必须是数字，收到「{value}」")
    if rule in COUNT_RULES:
        if number < 0 or number != number.to_integral_value():
            raise ValueError(f"{RULE_NAMES[rule]}指标填报的是次数，必须是不小于 0 的整数，收到 {value}")
        return Decimal(int(number))
    if rule == BONUS and number < 0:
        raise ValueError(f"加分不能为负数，收到 {value}")
    return number


# ---------------------------------------------------------------------------------------------------------------------
# Scoring. Each scorer returns the leaf's points for one unit and period, already rounded (§2); the engine calls
# them once per entry, so they compare against Decimal constants, cache the few distinct results that depend on
# m alone, and round with quantize() directly (their points are never negative, so no -0.00 can arise).
# Target-based scorers take (m, v, prepared target) where the prepared target comes from prepare_target(), once
# per unit and indicator; the others take (m, v). Ratios are compared without dividing (v ≥ cap × t rather than
# v / t ≥ cap), so results exactly on a boundary are exact.


def prepare_target(rule: str, params: dict, target: Decimal, base: Decimal | None):
    """What a target-based scorer needs of t(u, i) and b(u, i); None when the rule cannot use them (score 0)."""
    floor, cap = params.get("floor"), params.get("cap")
    if rule == GROWTH:
        b = ZERO if base is None else base
        span = target - b
        return (b, span, floor * span, cap * span) if span > ZERO else None
    if target <= ZERO:
        return None
    if params["direction"] == LOWER:
        return target
    if rule == COMPLETION:
        return (target, floor * target, cap * target)
    return tuple(threshold * target for threshold, _ in params["tiers"])  # tiered, higher


def _cached(function: Callable[[Decimal], object]) -> Callable[[Decimal], object]:
    """Memoise a function of m (a leaf has one m per category, so the cache stays tiny)."""
    cache: dict[Decimal, object] = {}

    def lookup(m: Decimal):
        result = cache.get(m)
        if result is None:
            result = cache[m] = function(m)
        return result

    return lookup


def _completion_scorer(params: dict) -> Callable:
    floor, cap = params["floor"], params["cap"]
    full = _cached(lambda m: (m * cap).quantize(CENT, ROUND_HALF_UP))

    if params["direction"] == HIGHER:

        def higher(m: Decimal, v: Decimal, prepared) -> Decimal:
            t, low, high = prepared  # t, floor × t, cap × t
            if v >= high:
                return full(m)
            if v < low:
                return ZERO2
            return (m * v / t).quantize(CENT, ROUND_HALF_UP)  # v ≥ floor × t ≥ 0 here, so f ≥ 0

        return higher

    def lower(m: Decimal, v: Decimal, t: Decimal) -> Decimal:
        # v ≤ 0 (nothing consumed) gives r = cap; otherwise r = t / v.
        if v <= ZERO or t >= cap * v:
            return full(m)
        if t < floor * v:
            return ZERO2
        return (m * t / v).quantize(CENT, ROUND_HALF_UP)

    return lower


def _growth_scorer(params: dict) -> Callable:
    cap = params["cap"]
    full = _cached(lambda m: (m * cap).quantize(CENT, ROUND_HALF_UP))

    def growth(m: Decimal, v: Decimal, prepared) -> Decimal:
        b, span, low, high = prepared  # b, t − b, floor × (t − b), cap × (t − b)
        gained = v - b
        if gained >= high:
            return full(m)
        if gained < low:
            return ZERO2
        return (m * gained / span).quantize(CENT, ROUND_HALF_UP)

    return growth


def _tiered_scorer(params: dict) -> Callable:
    thresholds = tuple(threshold for threshold, _ in params["tiers"])
    fractions = tuple(fraction for _, fraction in params["tiers"])
    table = _cached(lambda m: tuple((m * f).quantize(CENT, ROUND_HALF_UP) for f in fractions))

    if params["direction"] == HIGHER:

        def higher(m: Decimal, v: Decimal, scaled: tuple[Decimal, ...]) -> Decimal:
            for k, threshold_t in enumerate(scaled):  # threshold × t for each tier
                if v >= threshold_t:
                    return table(m)[k]
            return ZERO2

        return higher

    # v ≤ 0 gives r = 1, the default cap (tiered has no cap of its own): the first tier with threshold ≤ 1.
    at_one = next((k for k, threshold in enumerate(thresholds) if threshold <= ONE), None)

    def lower(m: Decimal, v: Decimal, t: Decimal) -> Decimal:
        if v <= ZERO:
            return ZERO2 if at_one is None else table(m)[at_one]
        for k, threshold in enumerate(thresholds):
            if t >= threshold * v:
                return table(m)[k]
        return ZERO2

    return lower


def _percent(m: Decimal, v: Decimal) -> Decimal:
    if v <= ZERO:
        return ZERO2
    if v >= HUNDRED:
        return m.quantize(CENT, ROUND_HALF_UP)
    return (m * v * CENT).quantize(CENT, ROUND_HALF_UP)  # × 0.01 is exact, and cheaper than ÷ 100


def _clamp_to_max(m: Decimal, v: Decimal) -> Decimal:
    """``direct`` and ``bonus``: the value itself, between 0 and m."""
    if v <= ZERO:
        return ZERO2
    return (v if v < m else m).quantize(CENT, ROUND_HALF_UP)


def _grade_scorer(params: dict) -> Callable:
    letters = params["map"]
    table = _cached(lambda m: {letter: (m * f).quantize(CENT, ROUND_HALF_UP) for letter, f in letters.items()})

    def grade(m: Decimal, v) -> Decimal:
        return table(m).get(v, ZERO2)  # the engine strips letters when it indexes entries

    return grade


def _deduction_scorer(params: dict) -> Callable:
    per_event = params["per_event"]

    def deduction(m: Decimal, v: Decimal) -> Decimal:
        """The deduction as a positive number (the caller subtracts it)."""
        if v <= ZERO:
            return ZERO2
        d = v * per_event
        return (d if d < m else m).quantize(CENT, ROUND_HALF_UP)

    return deduction


def make_scorer(rule: str, params: dict) -> Callable | None:
    """The point function of a leaf with validated ``params``; None for ``rank`` and ``veto`` (scored by the caller)."""
    if rule == COMPLETION:
        return _completion_scorer(params)
    if rule == GROWTH:
        return _growth_scorer(params)
    if rule == TIERED:
        return _tiered_scorer(params)
    if rule == PERCENT:
        return _percent
    if rule in (DIRECT, BONUS):
        return _clamp_to_max
    if rule == GRADE:
        return _grade_scorer(params)
    if rule == DEDUCTION:
        return _deduction_scorer(params)
    return None


def rank_points(m: Decimal, k: int, params: dict) -> Decimal:
    """``rank`` rule: max(m − step × (k − 1), m × min_fraction), rounded."""
    points = m - params["step"] * (k - 1)
    least = m * params["min_fraction"]
    return r2(points if points > least else least)
