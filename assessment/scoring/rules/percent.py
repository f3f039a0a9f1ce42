"""``percent`` 百分制折算 (SCORING.md §3): f = clamp(v, 0, 100) / 100, e.g. a satisfaction survey 满意度测评."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from assessment.scoring.decimals import CENT, HUNDRED, ZERO, ZERO2
from assessment.scoring.rules import checks
from assessment.scoring.rules.rule import BASE, ByNumber, NumberScorer, Params, Rule


def percent(m: Decimal, v: Decimal) -> Decimal:
    if v <= ZERO:
        return ZERO2
    if v >= HUNDRED:
        return m.quantize(CENT, ROUND_HALF_UP)
    return (m * v * CENT).quantize(CENT, ROUND_HALF_UP)  # × 0.01 is exact, and cheaper than ÷ 100


def scorer(params: Params) -> NumberScorer:
    return percent


def words(params: Params) -> str:
    return "得分 = 分值 × 百分制得分 ÷ 100（低于 0 按 0、高于 100 按 100）"


RULE = Rule(
    code="percent",
    order=50,
    label="百分制折算",
    kind=BASE,
    params=(),
    entry_help="填报 0–100 的百分制得分，按比例折算。",
    example="",
    check_params=checks.no_params,
    check_value=checks.number_value,
    scoring=ByNumber(scorer=scorer),
    words=words,
)
