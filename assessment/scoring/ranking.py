"""Ranking (SCORING.md §6), grades (§7), 末位 and colours (§8), rewards and outcomes (§9)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from assessment.scoring.decimals import ZERO, r2
from assessment.scoring.types import (
    BLACK,
    COMMEND,
    CRITICISE,
    EXCELLENT,
    FAIL,
    GOOD,
    NO_COLOUR,
    PASS,
    RED,
    TALK,
    VETO,
    YELLOW,
    Settings,
    UnitDef,
    UnitResult,
)


def competition_ranks(codes: Iterable[str], scores: Mapping[str, Decimal], start: int = 0) -> list[tuple[str, int]]:
    """Codes by score descending (ties by code) with competition ranks 1, 2, 2, 4 …, offset by ``start``."""
    ordered = sorted(sorted(codes), key=scores.__getitem__, reverse=True)  # stable: ties stay in code order
    ranked: list[tuple[str, int]] = []
    previous = None
    rank = 0
    for position, code in enumerate(ordered, start=1):
        score = scores[code]
        if score != previous:
            rank = position
            previous = score
        ranked.append((code, start + rank))
    return ranked


def rank_codes(codes: Iterable[str], scores: Mapping[str, Decimal], vetoed: set[str]) -> list[tuple[str, int]]:
    """§6: non-vetoed units first, then vetoed ones, ranks running on from the first group into the second."""
    clean = [c for c in codes if c not in vetoed]
    dirty = [c for c in codes if c in vetoed]
    ranked = competition_ranks(clean, scores)
    ranked.extend(competition_ranks(dirty, scores, start=len(clean)))
    return ranked


def last_place(ranked: list[tuple[str, int]], vetoed: set[str], last_place_count: int) -> set[str]:
    """§8: the non-vetoed unit at position count − last_place_count + 1 (at least 1) and all ranked at or below it."""
    clean = [(code, rank) for code, rank in ranked if code not in vetoed]  # already by rank, then code
    position = max(len(clean) - last_place_count + 1, 1)
    if not clean or position > len(clean):
        return set()
    cutoff = clean[position - 1][1]
    return {code for code, rank in clean if rank >= cutoff}


def unit_grade(score: Decimal, rank: int, quota: int, vetoed: bool, settings: Settings) -> str:
    """§7, in order: vetoed, excellent (within the quota), good, pass, fail."""
    if vetoed:
        return FAIL
    if rank <= quota and score >= settings.excellent_min:
        return EXCELLENT
    if score >= settings.good_min:
        return GOOD
    if score >= settings.pass_min:
        return PASS
    return FAIL


def colour_of(grade: str, is_last: bool) -> str:
    if grade == FAIL:
        return BLACK
    if grade == EXCELLENT:
        return RED
    if is_last:
        return YELLOW
    return NO_COLOUR


def outcomes_of(grade: str, is_last: bool, vetoed: bool) -> tuple[str, ...]:
    """§9 outcomes in the fixed order commend, talk, criticise, veto."""
    outcomes = []
    if grade == EXCELLENT:
        outcomes.append(COMMEND)
    if is_last or grade == FAIL:
        outcomes.append(TALK)
    if grade == FAIL:
        outcomes.append(CRITICISE)
    if vetoed:
        outcomes.append(VETO)
    return tuple(outcomes)


def category_results(
    category: str,
    units: list[UnitDef],
    scores: Mapping[str, Decimal],
    vetoed: set[str],
    settings: Settings,
) -> list[UnitResult]:
    """Cycle results of one category's units, in rank order."""
    by_code = {u.code: u for u in units}
    codes = list(by_code)
    ranked = rank_codes(codes, scores, vetoed)
    quota = int(len(codes) * settings.excellent_quota)  # floor: the quota is never negative
    last = last_place(ranked, vetoed, int(settings.last_place_count))
    results = []
    for code, rank in ranked:
        is_vetoed = code in vetoed
        grade = unit_grade(scores[code], rank, quota, is_vetoed, settings)
        is_last = code in last
        coefficient = settings.coefficients.get(grade, ZERO)
        results.append(
            UnitResult(
                unit=code,
                category=category,
                score=scores[code],
                rank=rank,
                grade=grade,
                colour=colour_of(grade, is_last),
                last_place=is_last,
                vetoed=is_vetoed,
                coefficient=coefficient,
                bonus_money=r2(settings.bonus_base * coefficient * by_code[code].headcount),
                outcomes=outcomes_of(grade, is_last, is_vetoed),
            )
        )
    return results
