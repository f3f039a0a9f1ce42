"""Period results (SCORING.md §4) and the cycle score built from them (§5)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from assessment.scoring import rules
from assessment.scoring.decimals import HUNDRED, ONE, ZERO, ZERO2, r2, to_decimal
from assessment.scoring.ranking import rank_codes
from assessment.scoring.types import IndicatorDef, PeriodResult

# How a leaf's points enter the period total.
KIND_TARGET = "target"  # completion, growth, tiered: scorer(m, v, prepared target)
KIND_VALUE = "value"  # percent, direct, grade: scorer(m, v)
KIND_RANK = "rank"
KIND_BONUS = "bonus"
KIND_DEDUCTION = "deduction"
KIND_VETO = "veto"

_KINDS = {
    rules.COMPLETION: KIND_TARGET,
    rules.GROWTH: KIND_TARGET,
    rules.TIERED: KIND_TARGET,
    rules.RANK: KIND_RANK,
    rules.PERCENT: KIND_VALUE,
    rules.DIRECT: KIND_VALUE,
    rules.GRADE: KIND_VALUE,
    rules.BONUS: KIND_BONUS,
    rules.DEDUCTION: KIND_DEDUCTION,
    rules.VETO: KIND_VETO,
}


@dataclass(frozen=True)
class Leaf:
    """An indicator with its params validated and its point function built once."""

    code: str
    rule: str
    kind: str
    params: dict
    periods: frozenset[str] | None
    points: dict[str, Decimal]
    scorer: Callable | None

    @property
    def is_base(self) -> bool:
        return self.rule in rules.BASE_RULES

    def scored_in(self, period: str) -> bool:
        return self.periods is None or period in self.periods


def prepare_leaves(indicators: Iterable[IndicatorDef]) -> dict[str, Leaf]:
    """Validate every leaf's params (ValueError names the indicator) and build its scorer."""
    leaves: dict[str, Leaf] = {}
    for ind in indicators:
        try:
            params = rules.validate_params(ind.rule, ind.params)
        except ValueError as exc:
            raise ValueError(f"指标 {ind.code}：{exc}") from exc
        points = {}
        for category, m in ind.points.items():
            value = to_decimal(m)
            if value is None:
                raise ValueError(f"指标 {ind.code}：类别 {category} 的分值必须是数字，收到「{m}」")
            points[category] = value
        periods = None if ind.periods is None else frozenset(ind.periods)
        leaves[ind.code] = Leaf(
            ind.code, ind.rule, _KINDS[ind.rule], params, periods, points, rules.make_scorer(ind.rule, params)
        )
    return leaves


def _rank_rule_points(leaf: Leaf, entries: Mapping[str, Decimal], category_of: Mapping[str, str]) -> dict[str, Decimal]:
    """Points of every unit with an entry: its competition rank k among the entries of its own category."""
    cohorts: dict[str, list[Decimal]] = {}
    for u, v in entries.items():
        c = category_of[u]
        if c in leaf.points:
            cohorts.setdefault(c, []).append(v)
    higher_first = leaf.params["direction"] == rules.HIGHER
    points_in: dict[str, dict[Decimal, Decimal]] = {}  # category -> value -> points
    for c, values in cohorts.items():
        values.sort(reverse=higher_first)
        m = leaf.points[c]
        by_value: dict[Decimal, Decimal] = {}
        for position, value in enumerate(values, start=1):
            if value not in by_value:  # equal values keep the first (best) position: 1, 2, 2, 4
                by_value[value] = rules.rank_points(m, position, leaf.params)
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
        self.target_of: dict[str, dict[str, object]] = {leaf.code: {} for leaf in self.leaves}
        for (unit, code), (t, b) in targets.items():
            leaf = leaves.get(code)
            if leaf is None or leaf.kind != KIND_TARGET or unit not in self.category_of:
                continue
            prepared = rules.prepare_target(leaf.rule, leaf.params, t, b)
            if prepared is not None:
                self.target_of[code][unit] = prepared

    def score(
        self, period: str, index: Mapping[tuple[str, str], Mapping[str, object]], bonus_cap: Decimal
    ) -> list[PeriodResult]:
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
            code, kind, scorer = leaf.code, leaf.kind, leaf.scorer
            entries = index.get((code, period))
            if not entries:
                continue
            m_of = self.m_of[code]
            # One loop per kind keeps the per-entry work to two lookups, one scorer call and one addition.
            if kind == KIND_TARGET:
                target_of = self.target_of[code]
                for u, v in entries.items():
                    m = m_of.get(u)
                    if m is not None:
                        prepared = target_of.get(u)
                        if prepared is not None:
                            pts = points[u][code] = scorer(m, v, prepared)
                            base[u] += pts
            elif kind == KIND_VALUE:
                for u, v in entries.items():
                    m = m_of.get(u)
                    if m is not None:
                        pts = points[u][code] = scorer(m, v)
                        base[u] += pts
            elif kind == KIND_RANK:
                for u, pts in _rank_rule_points(leaf, entries, category_of).items():
                    points[u][code] = pts
                    base[u] += pts
            elif kind == KIND_BONUS:
                for u, v in entries.items():
                    m = m_of.get(u)
                    if m is not None:
                        pts = points[u][code] = scorer(m, v)
                        bonus[u] += pts
            elif kind == KIND_DEDUCTION:
                for u, v in entries.items():
                    m = m_of.get(u)
                    if m is not None:
                        d = scorer(m, v)
                        points[u][code] = ZERO2 - d  # negative, and never a negative zero
                        deduction[u] += d
            else:  # veto: the count itself, no points
                for u, v in entries.items():
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


def cycle_scores(
    period_results: Iterable[PeriodResult], weights: Mapping[str, Decimal]
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
