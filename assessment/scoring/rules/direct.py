"""``direct`` 直接赋分 (SCORING.md §3): points = clamp(v, 0, m)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from assessment.scoring.decimals import CENT, ZERO, ZERO2
from assessment.scoring.rules import checks
from assessment.scoring.rules.rule import BASE, ByNumber, NumberScorer, Params, Rule


def clamp_to_max(m: Decimal, v: Decimal) -> Decimal:
    """The value itself, between 0 and m (``bonus`` scores the same way)."""
    if v <= ZERO:
        return ZERO2
    return (v if v < m else m).quantize(CENT, ROUND_HALF_UP)


def scorer(params: Params) -> NumberScorer:
    return clamp_to_max


def words(params: Params) -> str:
    return "填报的分值即得分，最低 0 分，最高为本指标分值"


RULE = Rule(
    code="direct",
    order=60,
    label="直接赋分",
    kind=BASE,
    params=(),
    entry_help="填报的分值即得分，不超过本指标分值。",
    example="",
    check_params=checks.no_params,
    check_value=checks.number_value,
    scoring=ByNumber(scorer=scorer),
    words=words,
)
