"""``deduction`` 扣分 (SCORING.md §3): v = number of events; deduction = min(v × per_event, m), subtracted."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from assessment.scoring.decimals import CENT, ZERO, ZERO2
from assessment.scoring.rules import checks
from assessment.scoring.rules.rule import DEDUCTION, ByNumber, NumberScorer, Param, Params, Rule

PER_EVENT = Param("per_event", "每次扣分")


def check_params(params: Mapping[str, object]) -> Params:
    if "per_event" not in params:
        raise ValueError("扣分规则必须设置每次扣分 per_event")
    per_event = checks.number(params["per_event"], "每次扣分 per_event")
    if per_event <= 0:
        raise ValueError(f"每次扣分 per_event 必须大于 0，收到 {per_event}")
    return {"per_event": per_event, **checks.from_records(params, ("黄", "黑"))}


def scorer(params: Params) -> NumberScorer:
    per_event = checks.decimal_param(params, "per_event")

    def deduction(m: Decimal, v: Decimal) -> Decimal:
        """The deduction as a positive number (the engine subtracts it)."""
        if v <= ZERO:
            return ZERO2
        d = v * per_event
        return (d if d < m else m).quantize(CENT, ROUND_HALF_UP)

    return deduction


def words(params: Params) -> str:
    return f"每发生 1 次扣 {checks.shown(checks.decimal_param(params, 'per_event'))} 分，扣分不超过本指标分值"


RULE = Rule(
    code="deduction",
    order=90,
    label="扣分",
    kind=DEDUCTION,
    params=(PER_EVENT, checks.FROM_RECORDS),
    entry_help="填报的是次数，扣分不超过本指标分值。",
    example='{"per_event": 2}',
    check_params=check_params,
    check_value=checks.count_value,
    scoring=ByNumber(scorer=scorer),
    words=words,
)
