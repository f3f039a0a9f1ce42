"""Period results (SCORING.md §4) and the cycle score built from them (§5)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Protocol, cast

from assessment.scoring.decimals import HUNDRED, ONE, ZERO, ZERO2, r2, to_decimal
from assessment.scoring.ranking import rank_codes
from assessment.scoring.rules import BASE, BONUS, DEDUCTION, Rule, rule_of, validate_params
from assessment.scoring.rules.rule import (
    ByLetter,
    ByNumber,
    ByRank,
    ByTarget,
    LetterScorer,
    NumberScorer,
    Params,
    Prepared,
    Preparer,
    RankPoints,
    TargetScorer,
)
from assessment.scoring.types import IndicatorDef, PeriodResult, Value

# How a leaf's points enter the period total: one scoring loop each.
KIND_TARGET = "target"  # base, scorer(m, v, prepared target)
KIND_VALUE = "value"  # base, scorer(m, v)
KIND_LETTER = "letter"  # base, scorer(m, letter)
KIND_RANK = "rank"
KIND_BONUS = "bonus"
KIND_DEDUCTION = "deduction"
KIND_VETO = "veto"


def _loop_kind(rule: Rule) -> str:
    if rule.kind == BONUS:
        return KIND_BONUS
    if rule.kind == DEDUCTION:
        return KIND_DEDUCTION
    if rule.kind != BASE:
        return KIND_VETO
    scoring = rule.scoring
    if isinstance(scoring, ByTarget):
        return KIND_TARGET
    if isinstance(scoring, ByRank):
        return KIND_RANK
    if isinstance(scoring, ByLetter):
        return KIND_LETTER
    return KIND_VALUE


@dataclass(frozen=True)
class Leaf:
    """An indicator with its params validated and its point functions built once (those its rule has)."""

    code: str
    rule: str
    kind: str
    params: Params
    periods: frozenset[str] | None
    points: dict[str, Decimal]
    is_base: bool
    takes_letters: bool
    prepare: Preparer | None = None
    target_scorer: TargetScorer | None = None
    number_scorer: NumberScorer | None = None
    letter_scorer: LetterScorer | None = None
    rank_points: RankPoints | None = None
    higher_first: bool = True

    def scored_in(self, period: str) -> bool:
        return self.periods is None or period in self.periods


def _leaf(ind: IndicatorDef, rule: Rule, params: Params, points: dict[str, Decimal]) -> Leaf:
    periods = None if ind.periods is None else frozenset(ind.periods)
    leaf = Leaf(ind.code, rule.code, _loop_kind(rule), params, periods, points, rule.kind == BASE, rule.takes_letters)
    scoring = rule.scoring
    if isinstance(scoring, ByTarget):
        return replace(leaf, prepare=scoring.prepare(params), target_scorer=scoring.scorer(params))
    if isinstance(scoring, ByNumber):
        return replace(leaf, number_scorer=scoring.scorer(params))
    if isinstance(scoring, ByLetter):
        return replace(leaf, letter_scorer=scoring.scorer(params))
    if isinstance(scoring, ByRank):
        return replace(leaf, rank_points=scoring.points(params), higher_first=scoring.higher_first(params))
    return leaf  # counted by the engine (veto)


def prepare_leaves(indicators: Iterable[IndicatorDef]) -> dict[str, Leaf]:
    """Validate every leaf's params (ValueError names the indicator) and build its scorer."""
    leaves: dict[str, Leaf] = {}
    for ind in indicators:
        try:
            params = validate_params(ind.rule, ind.params)
        except ValueError as exc:
            raise ValueError(f"指标 {ind.code}：{exc}") from exc
        points = {}
        for category, m in ind.points.items():
            value = to_decimal(m)
            if value is None:
                raise ValueError(f"指标 {ind.code}：类别 {category} 的分值必须是数字，收到「{m}」")
            points[category] = value
        leaves[ind.code] = _leaf(ind, rule_of(ind.rule), params, points)
    return leaves


Index = Mapping[tuple[str, str], Mapping[str, Value]]  # (indicator, period) -> {unit: entered value}


def _numbers(entries: Mapping[str, Value]) -> Mapping[str, Decimal]:
    """The entries of a leaf that is not letter-scored: ``index_entries`` keeps only numbers for those."""
    return cast(Mapping[str, Decimal], entries)


def _letters(entries: Mapping[str, Value]) -> Mapping[str, str]:
    """The entries of a letter-scored leaf: ``index_entries`` keeps them as stripped text."""
    return cast(Mapping[str, str], entries)


def _rank_rule_points(
    leaf: Leaf, rank_points: RankPoints, entries: Mapping[str, Decimal], category_of: Mapping[str, str]
) -> dict[str, Decimal]:
    """Points of every unit with an entry: its competition rank k among the entries of its own category."""
    cohorts: dict[str, list[Decimal]] = {}
    for u, v in entries.items():
        c = category_of[u]
        if c in leaf.points:
            cohorts.setdefault(c, []).append(v)
    points_in: dict[str, dict[Decimal, Decimal]] = {}  # category -> value -> points
    for c, values in cohorts.items():
        values.sort(reverse=leaf.higher_first)
        m = leaf.points[c]
        by_value: dict[Decimal, Decimal] = {}
        for position, value in enumerate(values, start=1):
            if value not in by_value:  # equal values keep the first (best) position: 1, 2, 2, 4
                by_value[value] = rank_points(m, position)
        points_in[c] = by_value
    return {u: points_in[category_of[u]][v] for u, v in entries.items() if category_of[u] in points_in}


class PeriodScorer:
    """Scores periods of one plan; what does not depend on the period is prepared once, here.

    ``categories`` maps category code -> its unit codes (in the order results are wanted); ``targets`` maps
    (unit, indicator) -> (t, b).
    """

    def __init__(
        self,
        categories: Mapping[str, list[str]],
        leaves: Mapping[str, Leaf],
        targets: Mapping[tuple[str, str], tuple[Decimal, Decimal | None]],
    ):
        self.categories = categories
        self.leaves = list(leaves.values())
        self.category_of = {u: c for c, codes in categories.items() for u in codes}
        # Per leaf: unit -> m(i, category of unit), only for the units it applies to.
        self.m_of = {
            leaf.code: {u: leaf.points[c] for u, c in self.category_of.items() if c in leaf.points}
            for leaf in self.leaves
        }
        # Per target-based leaf: unit -> the prepared target; units without a usable target score 0.
        self.target_of: dict[str, dict[str, Prepared]] = {leaf.code: {} for leaf in self.leaves}
        for (unit, code), (t, b) in targets.items():
            leaf = leaves.get(code)
            if leaf is None or leaf.prepare is None or unit not in self.category_of:
                continue
            prepared = leaf.prepare(t, b)
            if prepared is not None:
                self.target_of[code][unit] = prepared

    def score(self, period: str, index: Index, bonus_cap: Decimal) -> list[PeriodResult]:
        """Results of every unit in ``period``: by category, then in rank order; bonus points capped at
        ``bonus_cap`` (a setting, so not prepared with the rest).

        The loops run over the entries that exist rather than over every (unit, leaf) pair: a missing entry
        keeps the 0 its points start at.
        """
        leaves = [leaf for leaf in self.leaves if leaf.scored_in(period)]
        categories, category_of = self.categories, self.category_of
        full: dict[str, Decimal] = {}
        templates: dict[str, dict[str, Decimal]] = {}
        for c in categories:
            applicable = [leaf for leaf in leaves if c in leaf.points]
            full[c] = sum((leaf.points[c] for leaf in applicable if leaf.is_base), ZERO)
            templates[c] = {leaf.code: ZERO if leaf.kind == KIND_VETO else ZERO2 for leaf in applicable}

        points = {u: templates[c].copy() for u, c in category_of.items()}
        base = dict.fromkeys(category_of, ZERO2)
        bonus = dict.fromkeys(category_of, ZERO2)
        deduction = dict.fromkeys(category_of, ZERO2)
        vetoed: set[str] = set()

        for leaf in leaves:
            code, kind = leaf.code, leaf.kind
            entries = index.get((code, period))
            if not entries:
                continue
            m_of = self.m_of[code]
            # One loop per kind keeps the per-entry work to two lookups, one scorer call and one addition.
            if kind == KIND_TARGET and leaf.target_scorer is not None:
                target_scorer, target_of = leaf.target_scorer, self.target_of[code]
                for u, v in _numbers(entries).items():
                    m = m_of.get(u)
                    if m is not None:
                        prepared = target_of.get(u)
                        if prepared is not None:
                            pts = points[u][code] = target_scorer(m, v, prepared)
                            base[u] += pts
            elif kind == KIND_VALUE and leaf.number_scorer is not None:
                number_scorer = leaf.number_scorer
                for u, v in _numbers(entries).items():
                    m = m_of.get(u)
                    if m is not None:
                        pts = points[u][code] = number_scorer(m, v)
                        base[u] += pts
            elif kind == KIND_LETTER and leaf.letter_scorer is not None:
                letter_scorer = leaf.letter_scorer
                for u, letter in _letters(entries).items():
                    m = m_of.get(u)
                    if m is not None:
                        pts = points[u][code] = letter_scorer(m, letter)
                        base[u] += pts
            elif kind == KIND_RANK and leaf.rank_points is not None:
                for u, pts in _rank_rule_points(leaf, leaf.rank_points, _numbers(entries), category_of).items():
                    points[u][code] = pts
                    base[u] += pts
            elif kind == KIND_BONUS and leaf.number_scorer is not None:
                number_scorer = leaf.number_scorer
                for u, v in _numbers(entries).items():
                    m = m_of.get(u)
                    if m is not None:
                        pts = points[u][code] = number_scorer(m, v)
                        bonus[u] += pts
            elif kind == KIND_DEDUCTION and leaf.number_scorer is not None:
                number_scorer = leaf.number_scorer
                for u, v in _numbers(entries).items():
                    m = m_of.get(u)
                    if m is not None:
                        d = number_scorer(m, v)
                        points[u][code] = ZERO2 - d  # negative, and never a negative zero
                        deduction[u] += d
            elif kind == KIND_VETO:  # the count itself, no points
                for u, v in _numbers(entries).items():
                    if u in m_of:
                        points[u][code] = v
                        if v >= ONE:
                            vetoed.add(u)

        results: list[PeriodResult] = []
        for c, unit_codes in categories.items():
            f = full[c]
            capped: dict[str, Decimal] = {}
            totals: dict[str, Decimal] = {}
            rates: dict[str, Decimal] = {}
            for u in unit_codes:
                a = bonus[u] if bonus[u] < bonus_cap else bonus_cap
                t = r2(base[u] + a - deduction[u])
                capped[u] = a
                totals[u] = t
                rates[u] = r2(t * HUNDRED / f) if f else ZERO2
            for u, rank in rank_codes(unit_codes, rates, vetoed):
                results.append(
                    PeriodResult(
                        unit=u,
                        period=period,
                        base=base[u],
                        bonus=capped[u],
                        deduction=deduction[u],
                        total=totals[u],
                        full_marks=f,
                        rate=rates[u],
                        rank=rank,
                        vetoed=u in vetoed,
                        points=points[u],
                        category=c,
                    )
                )
        return results


class RatedPeriod(Protocol):
    """What the cycle score reads of a unit's period: a ``PeriodResult``, or a stored rate (SCORING.md §5)."""

    @property
    def unit(self) -> str: ...
    @property
    def period(self) -> str: ...
    @property
    def rate(self) -> Decimal: ...
    @property
    def vetoed(self) -> bool: ...


def cycle_scores(
    period_results: Iterable[RatedPeriod], weights: Mapping[str, Decimal]
) -> tuple[dict[str, Decimal], set[str]]:
    """S(u) = Σ w_p × R_p / Σ w_p over the periods given (the started ones), and the units vetoed in any of them."""
    weighted: dict[str, Decimal] = {}
    total_weight: dict[str, Decimal] = {}
    vetoed: set[str] = set()
    for pr in period_results:
        w = weights[pr.period]
        weighted[pr.unit] = weighted.get(pr.unit, ZERO) + w * pr.rate
        total_weight[pr.unit] = total_weight.get(pr.unit, ZERO) + w
        if pr.vetoed:
            vetoed.add(pr.unit)
    scores = {u: (r2(weighted[u] / total_weight[u]) if total_weight[u] else ZERO2) for u in weighted}
    return scores, vetoed
