"""``rank`` 按排名赋分 (SCORING.md §3): points = max(m − step × (k − 1), m × min_fraction) for competition rank k."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from assessment.scoring.decimals import ZERO, r2
from assessment.scoring.rules import checks
from assessment.scoring.rules.rule import BASE, ByRank, Param, Params, RankPoints, Rule

STEP = Param("step", "每低一个名次减的分值")
MIN_FRACTION = Param("min_fraction", "最低得分比例", ZERO)


def check_params(params: Mapping[str, object]) -> Params:
    if "step" not in params:
        raise ValueError("按排名赋分规则必须设置每名次递减分值 step")
    step = checks.number(params["step"], "每名次递减分值 step")
    if step < 0:
        raise ValueError(f"每名次递减分值 step 不能为负数，收到 {step}")
    min_fraction = checks.fraction(params["min_fraction"], "最低得分比例 min_fraction")
    return {"direction": checks.direction(params), "step": step, "min_fraction": min_fraction}


def points(params: Params) -> RankPoints:
    step, min_fraction = checks.decimal_param(params, "step"), checks.decimal_param(params, "min_fraction")

    def rank_points(m: Decimal, k: int) -> Decimal:
        pts = m - step * (k - 1)
        least = m * min_fraction
        return r2(pts if pts > least else least)

    return rank_points


def words(params: Params) -> str:
    order = "从高到低" if checks.is_higher(params) else "从低到高"
    step, least = checks.decimal_param(params, "step"), checks.decimal_param(params, "min_fraction")
    floor = f"，最低得分值的 {checks.percent(least)}" if least > 0 else "，最低 0 分"
    return (
        f"同类别有填报的单位按完成值{order}排名（并列取较好名次），第 1 名得满分，"
        f"每低一个名次减 {checks.shown(step)} 分{floor}"
    )


RULE = Rule(
    code="rank",
    order=40,
    label="按排名赋分",
    kind=BASE,
    params=(checks.DIRECTION, STEP, MIN_FRACTION),
    entry_help="填报实际值，在同类别有填报的单位中排名（并列取较好名次）后计分。",
    example='{"step": 0.5, "min_fraction": 0.6}',
    check_params=check_params,
    check_value=checks.number_value,
    scoring=ByRank(points=points, higher_first=checks.is_higher),
    words=words,
)
