"""Cadres 干部 (SCORING.md §10): target completion P, score C, rank and grade within the unit."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_FLOOR, Decimal, Inexact, getcontext
from fractions import Fraction

from assessment.scoring.decimals import HUNDRED, ZERO, ZERO2, r2, r2_fraction, to_decimal
from assessment.scoring.ranking import competition_ranks
from assessment.scoring.types import (
    BASIC,
    COMPETENT,
    EXCELLENT,
    INCOMPETENT,
    CadreDef,
    CadreResult,
    CadreTargetDef,
    Settings,
    UnitResult,
)

HALF = Decimal("0.5")
# Decimal sums of 34-digit quotients are off by far less than this; exact ties need the slow path.
_TIE_TOLERANCE = Decimal("1e-20")


def target_completion(targets: list[CadreTargetDef]) -> Decimal | None:
    """P = Σ w × min(max(a, 0) / t, 1) × 100 / Σ w, rounded; None when there are no targets (or Σ w = 0).

    A target with t ≤ 0 (rejected at import) contributes 0. When a quotient did not terminate and the result
    lies next to a rounding tie, the sum is redone in exact fractions so that a true x.xx5 rounds up.
    """
    total_weight = sum((t.weight for t in targets), ZERO)
    if not total_weight:
        return None
    # (weight, actual clipped at 0, target) of the targets that can contribute at all
    terms = [
        (t.weight, ZERO if t.actual is None or t.actual < 0 else t.actual, t.target) for t in targets if t.target > 0
    ]
    context = getcontext()
    context.clear_flags()
    done = sum((w if a >= t else w * a / t for w, a, t in terms), ZERO)
    p = done * HUNDRED / total_weight
    if not context.flags[Inexact] or not _near_half_cent(p):
        return r2(p)
    exact = sum((Fraction(w) if a >= t else Fraction(w) * Fraction(a) / Fraction(t) for w, a, t in terms), Fraction(0))
    return r2_fraction(exact * 100 / Fraction(total_weight))


def _near_half_cent(x: Decimal) -> bool:
    """Whether x lies so close to a rounding tie (…5 in the third decimal) that lost digits could matter."""
    hundredths = x.scaleb(2)
    return abs(hundredths - hundredths.to_integral_value(ROUND_FLOOR) - HALF) < _TIE_TOLERANCE


def cadre_score(s: Decimal, p: Decimal | None, e: Decimal, settings: Settings) -> Decimal:
    """C = w_u × S + w_t × P + w_e × E; without targets w_t is shared over the other two in proportion."""
    w_u, w_t, w_e = settings.cadre_weight_unit, settings.cadre_weight_target, settings.cadre_weight_eval
    if p is not None:
        return r2(w_u * s + w_t * p + w_e * e)
    rest = w_u + w_e
    if not rest:
        return ZERO2
    return r2((w_u * s + w_e * e) * (w_u + w_t + w_e) / rest)


def cadre_grade(score: Decimal, rank: int, quota: int, capped: bool, settings: Settings) -> str:
    if rank <= quota and score >= settings.cadre_excellent_min:
        grade = EXCELLENT
    elif score >= settings.cadre_competent_min:
        grade = COMPETENT
    elif score >= settings.cadre_basic_min:
        grade = BASIC
    else:
        grade = INCOMPETENT
    if capped and grade in (EXCELLENT, COMPETENT):
        return BASIC  # a vetoed unit's leadership team is at best 基本称职
    return grade


def cadre_completions(cadre_targets: Iterable[CadreTargetDef]) -> dict[str, Decimal | None]:
    """P of every cadre that has targets (a cadre without any is absent: its P is None)."""
    targets: dict[str, list[CadreTargetDef]] = {}
    for t in cadre_targets:
        targets.setdefault(t.cadre, []).append(t)
    return {code: target_completion(mine) for code, mine in targets.items()}


def cadre_results(
    cadres: Iterable[CadreDef],
    completions: Mapping[str, Decimal | None],
    evaluations: Mapping[str, object],
    unit_results: Mapping[str, UnitResult],
    settings: Settings,
) -> list[CadreResult]:
    """Results for the cadres of units in the plan, ordered by unit code, rank, cadre code; ``completions`` as
    `cadre_completions` gives them."""
    by_unit: dict[str, dict[str, CadreDef]] = {}
    for cadre in cadres:
        if cadre.unit in unit_results:
            by_unit.setdefault(cadre.unit, {})[cadre.code] = cadre

    results: list[CadreResult] = []
    for unit_code in sorted(by_unit):
        members = by_unit[unit_code]
        unit = unit_results[unit_code]
        completion: dict[str, Decimal | None] = {}
        evaluation: dict[str, Decimal] = {}
        scores: dict[str, Decimal] = {}
        for code in members:
            p = completions.get(code)
            e = to_decimal(evaluations.get(code)) or ZERO
            completion[code] = p
            evaluation[code] = e
            scores[code] = cadre_score(unit.score, p, e, settings)
        quota = int(len(members) * settings.cadre_quota.get(unit.grade, ZERO))
        for code, rank in competition_ranks(members, scores):
            cadre = members[code]
            grade = cadre_grade(scores[code], rank, quota, unit.vetoed and cadre.team_member, settings)
            results.append(
                CadreResult(
                    cadre=code,
                    unit=unit_code,
                    team_member=cadre.team_member,
                    target_completion=completion[code],
                    evaluation=evaluation[code],
                    score=scores[code],
                    rank=rank,
                    grade=grade,
                    recall=grade == INCOMPETENT,
                )
            )
    return results
