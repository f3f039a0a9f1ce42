"""``bonus`` 加分 (SCORING.md §3): v = points claimed (≥ 0); points = min(v, m), added to the bonus pool."""

from __future__ import annotations

from decimal import Decimal

from assessment.scoring.rules import checks
from assessment.scoring.rules.direct import clamp_to_max
from assessment.scoring.rules.rule import BONUS, ByNumber, NumberScorer, Params, Rule


def check_value(label: str, params: Params, value: object) -> Decimal:
    number = checks.number_value(label, params, value)
    if number < 0:
        raise ValueError(f"加分不能为负数，收到 {value}")
    return number


def scorer(params: Params) -> NumberScorer:
    return clamp_to_max


def words(params: Params) -> str:
    return "填报的加分即得分，不超过本指标分值，计入加分（每期加分合计不超过加分上限）"


RULE = Rule(
    code="bonus",
    order=80,
    label="加分",
    kind=BONUS,
    params=(checks.FROM_RECORDS,),
    entry_help="填报加分分值，不超过本指标分值，计入加分。",
    example="",
    check_params=lambda params: checks.from_records(params, ("红",)),
    check_value=check_value,
    scoring=ByNumber(scorer=scorer),
    words=words,
)
