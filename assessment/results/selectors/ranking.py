"""The unit leader's ranking page: the category ranking, the own unit's breakdown, gaps, trend, cadres, appeals.

Reads result rows written by the recompute service and never recomputes anything itself, except the
presentational sums of the indicator tree (a parent's points are the sum of its children, SCORING.md §1).
The query count is fixed: it does not grow with the number of units, indicators or periods.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from assessment.models import (
    Appeal,
    CadreResult,
    ScoreEntry,
    UnitGrade,
    UnitPeriodResult,
    UnitResult,
    exemption_on_record,
)
from assessment.results.selectors.pages import RecomputeStatus, recompute_status
from assessment.scoring.decimals import CENT, HUNDRED, ZERO
from assessment.scoring.rules import BASE, BONUS, DEDUCTION, RULE_NAMES, RULES, VETO, explain, rules_of_kind
from targets.models import Cycle, Indicator, IndicatorPoints, Period, Target
from units.models import Unit


def q2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class RankingRow:
    """One line of the published category ranking: what everybody may see of every unit."""

    unit_id: int
    code: str
    name: str
    rank: int
    score: Decimal
    grade: str
    grade_label: str
    colour: str
    colour_label: str
    vetoed: bool
    last_place: bool
    is_own: bool = False


@dataclass
class BreakdownRow:
    """A node of the indicator tree for one unit and period; leaves carry the entry, parents the sums."""

    code: str
    name: str
    depth: int
    is_leaf: bool
    kind: str  # base | bonus | deduction | veto | group
    rule_label: str = ""
    points: Decimal = ZERO
    full: Decimal | None = None
    lost: Decimal = ZERO
    veto_count: Decimal = ZERO
    entered: str = ""
    has_entry: bool = False
    exempted: bool = False
    exemption_reason: str = ""
    explained: str = ""  # the unit's t and b, full marks m and the rule in words (leaves only)


@dataclass
class Gap:
    above: RankingRow | None = None
    to_above: Decimal | None = None
    needed_to_pass: Decimal | None = None
    excellent_min: Decimal = ZERO
    to_excellent_line: Decimal = ZERO
    quota: int = 0
    quota_row: RankingRow | None = None
    to_quota: Decimal | None = None
    is_excellent: bool = False
    vetoed: bool = False


@dataclass
class LostIndicator:
    """A leaf where the own unit lost points, over the started periods (never another unit's figures)."""

    code: str
    name: str
    kind: str  # base | deduction
    full: Decimal | None  # full marks (None for a deduction: it has none, it only takes points away)
    own_points: Decimal
    lost: Decimal
    cost: Decimal  # in points of the cycle score S


@dataclass
class TrendPoint:
    code: str
    name: str
    rate: Decimal
    rank: int
    total: Decimal
    vetoed: bool


@dataclass
class RankingPage:
    cycle: Cycle
    unit: Unit
    status: RecomputeStatus
    rows: list[RankingRow] = field(default_factory=list)
    own: RankingRow | None = None  # the unit's own line of the ranking
    own_row: RankingRow | None = None
    periods: list[Period] = field(default_factory=list)  # started periods (with a result for the unit)
    period: Period | None = None
    period_result: UnitPeriodResult | None = None
    breakdown: list[BreakdownRow] = field(default_factory=list)
    exempted: list[BreakdownRow] = field(default_factory=list)
    gap: Gap | None = None
    lost: list[LostIndicator] = field(default_factory=list)
    trend: list[TrendPoint] = field(default_factory=list)
    cadres: list[CadreResult] = field(default_factory=list)
    appeals: list[Appeal] = field(default_factory=list)

    @property
    def has_results(self) -> bool:
        return self.own is not None

    @property
    def category_size(self) -> int:
        return len(self.rows)

    def chart_data(self) -> dict:
        """Plain JSON for the trend chart (read by static/js/ranking.js from a json_script tag)."""
        return {
            "periods": [p.name or p.code for p in self.trend],
            "rates": [str(p.rate) for p in self.trend],
            "ranks": [p.rank for p in self.trend],
            "size": self.category_size,
        }


def _rows(*, cycle: Cycle, unit: Unit) -> tuple[list[RankingRow], RankingRow | None]:
    """The category's published ranking, as plain rows (a city category has 150 units; no model objects)."""
    from assessment.models import Colour

    # Lazy labels translated once per page, not once per row.
    grade_labels = {k: str(v) for k, v in UnitGrade.choices}
    colour_labels = {k: str(v) for k, v in Colour.choices}
    rows, own = [], None
    results = (
        UnitResult.objects.filter(cycle=cycle, category_id=unit.category_id)
        .order_by("rank", "unit__code")
        .values_list("unit_id", "unit__code", "unit__name", "rank", "score", "grade", "colour", "vetoed", "last_place")
    )
    for unit_id, code, name, rank, score, grade, colour, vetoed, last_place in results:
        row = RankingRow(
            unit_id=unit_id,
            code=code,
            name=name,
            rank=rank,
            score=score,
            grade=grade,
            grade_label=grade_labels.get(grade, grade),
            colour=colour,
            colour_label=colour_labels.get(colour, "") if colour else "",
            vetoed=vetoed,
            last_place=last_place,
            is_own=unit_id == unit.pk,
        )
        rows.append(row)
        if row.is_own:
            own = row
    return rows, own


def gap_of(*, cycle: Cycle, rows: list[RankingRow], own_row: RankingRow, own: RankingRow) -> Gap:
    gap = Gap(excellent_min=q2(cycle.excellent_min), is_excellent=own.grade == UnitGrade.EXCELLENT)
    if own.vetoed:
        gap.vetoed = True
        return gap
    index = rows.index(own_row)
    for candidate in reversed(rows[:index]):
        if candidate.rank < own_row.rank:
            gap.above = candidate
            gap.to_above = q2(candidate.score - own_row.score)
            # To pass is to score strictly more: one hundredth above, scores being kept to two places.
            gap.needed_to_pass = gap.to_above + CENT
            break
    gap.to_excellent_line = max(ZERO, q2(cycle.excellent_min - own_row.score))
    gap.quota = math.floor(len(rows) * cycle.excellent_quota)
    if gap.quota >= 1 and own_row.rank > gap.quota:
        quota_row = rows[gap.quota - 1]
        if not quota_row.vetoed:
            gap.quota_row = quota_row
            # SCORING.md §7: units tied at the boundary rank all qualify, so equalling the score is enough.
            gap.to_quota = q2(quota_row.score - own_row.score)
    return gap


def _tree(
    *,
    indicators: list[dict],
    full_by_id: dict[int, Decimal],
    points: dict[str, Decimal],
    entries: dict[int, dict],
    targets: dict[int, tuple[Decimal, Decimal | None]] | None = None,
) -> list[BreakdownRow]:
    """Depth-first rows of the indicator tree, keeping the leaves scored for the unit in the period."""
    rule_labels = RULE_NAMES
    children: dict[int | None, list[dict]] = {}
    for ind in indicators:
        children.setdefault(ind["parent_id"], []).append(ind)
    for group in children.values():
        group.sort(key=lambda i: i["code"])

    out: list[BreakdownRow] = []

    def visit(ind: dict, depth: int) -> BreakdownRow | None:
        if ind["rule"]:
            if ind["code"] not in points:
                return None
            pts = points[ind["code"]]
            kind = RULES[ind["rule"]].kind if ind["rule"] in RULES else BASE
            entry = entries.get(ind["id"])
            row = BreakdownRow(
                code=ind["code"],
                name=ind["name"],
                depth=depth,
                is_leaf=True,
                kind=kind,
                rule_label=rule_labels.get(ind["rule"], ind["rule"]),
                has_entry=entry is not None,
            )
            target, base = (targets or {}).get(ind["id"], (None, None))
            full = full_by_id.get(ind["id"]) if kind in (BASE, BONUS, DEDUCTION) else None
            row.explained = explain(ind["rule"], ind.get("params"), target=target, base=base, full=full)
            if entry is not None:
                value = entry["value"]
                row.entered = entry["letter"] or (format(value.normalize(), "f") if value is not None else "")
                row.exempted = exemption_on_record(entry["exemption_reason"], entry["exemption_date"])
                row.exemption_reason = entry["exemption_reason"] if row.exempted else ""
            if kind == BASE:
                row.points = pts
                row.full = full_by_id.get(ind["id"], ZERO)
                row.lost = row.full - pts
            elif kind == BONUS:
                row.points = pts
            elif kind == DEDUCTION:
                row.points = pts  # stored negative
                row.lost = -pts
            else:
                row.veto_count = pts
            out.append(row)
            return row
        position = len(out)
        row = BreakdownRow(code=ind["code"], name=ind["name"], depth=depth, is_leaf=False, kind="group")
        out.append(row)
        kept = [r for r in (visit(child, depth + 1) for child in children.get(ind["id"], [])) if r is not None]
        if not kept:
            del out[position:]
            return None
        row.points = sum((r.points for r in kept), ZERO)
        fulls = [r.full for r in kept if r.full is not None]
        row.full = sum(fulls, ZERO) if fulls else None
        row.lost = sum((r.lost for r in kept), ZERO)
        row.veto_count = sum((r.veto_count for r in kept), ZERO)
        return row

    for root in children.get(None, []):
        visit(root, 0)
    return out


def _lost(
    *,
    period_results: list[UnitPeriodResult],
    weights: dict[int, Decimal],
    full_by_code: dict[str, Decimal],
    names: dict[str, str],
    rules: dict[str, str],
) -> list[LostIndicator]:
    """The three leaves where the unit lost the most of its cycle score against full marks.

    Only the unit's own figures: DESIGN.md publishes nothing of another unit beyond rank, score, grade and colour.
    A leaf's cost is its lost points turned into points of S the way S is formed (SCORING.md §5):
    Σ_p w_p × lost_p / F_p × 100 / Σ w_p. Bonus leaves are not part of full marks and veto leaves cost no points.
    """
    total_weight = sum((weights[r.period_id] for r in period_results), ZERO)
    if not total_weight:
        return []
    costs: dict[str, Decimal] = {}
    own_sum: dict[str, Decimal] = {}
    full_sum: dict[str, Decimal] = {}
    for own in period_results:
        if not own.full_marks:
            continue
        for code, pts in own.points.items():
            rule = RULES.get(rules.get(code, ""))
            if rule is None or rule.kind in (BONUS, VETO):
                continue
            pts = Decimal(str(pts))
            if rule.kind == DEDUCTION:
                lost = -pts  # stored negative
            else:
                full = full_by_code.get(code, ZERO)
                full_sum[code] = full_sum.get(code, ZERO) + full
                lost = full - pts
            own_sum[code] = own_sum.get(code, ZERO) + pts
            share = weights[own.period_id] * lost * HUNDRED / own.full_marks / total_weight
            costs[code] = costs.get(code, ZERO) + share
    deductions = rules_of_kind(DEDUCTION)
    worst = sorted(((q2(c), code) for code, c in costs.items() if q2(c) > 0), key=lambda t: (-t[0], t[1]))[:3]
    out = []
    for cost, code in worst:
        deduction = rules.get(code) in deductions
        full = None if deduction else full_sum[code]
        lost = -own_sum[code] if deduction else full - own_sum[code]
        out.append(
            LostIndicator(
                code=code,
                name=names.get(code, code),
                kind="deduction" if deduction else "base",
                full=full,
                own_points=own_sum[code],
                lost=lost,
                cost=cost,
            )
        )
    return out


def ranking_page(*, cycle: Cycle, unit: Unit, period_code: str | None = None) -> RankingPage:
    """Everything the ranking page shows for `unit` (the caller has checked `can_view_unit_detail`).

    Ten queries when results exist, whatever the size of the category or the indicator tree.
    """
    page = RankingPage(cycle=cycle, unit=unit, status=recompute_status(cycle=cycle))
    page.rows, page.own = _rows(cycle=cycle, unit=unit)
    page.appeals = list(
        Appeal.objects.filter(cycle=cycle, unit=unit).select_related("indicator", "period").order_by("-filed_at")
    )
    if page.own is None:
        return page
    page.own_row = page.own
    page.gap = gap_of(cycle=cycle, rows=page.rows, own_row=page.own_row, own=page.own)

    all_periods = list(Period.objects.filter(cycle=cycle).order_by("order", "code"))
    # Only the own unit's period rows are read: their per-indicator points are not published for other units.
    period_rows = list(UnitPeriodResult.objects.filter(cycle=cycle, unit=unit))
    for r in period_rows:
        r.points = {code: Decimal(str(v)) for code, v in (r.points or {}).items()}
    own_by_period = {r.period_id: r for r in period_rows}
    page.periods = [p for p in all_periods if p.pk in own_by_period]
    page.trend = [
        TrendPoint(
            code=p.code,
            name=p.name or p.code,
            rate=own_by_period[p.pk].rate,
            rank=own_by_period[p.pk].rank,
            total=own_by_period[p.pk].total,
            vetoed=own_by_period[p.pk].vetoed,
        )
        for p in page.periods
    ]
    if page.periods:
        page.period = next((p for p in page.periods if p.code == period_code), page.periods[-1])
        page.period_result = own_by_period[page.period.pk]

    indicators = list(Indicator.objects.filter(cycle=cycle).values("id", "code", "name", "parent_id", "rule", "params"))
    full_by_id = dict(
        IndicatorPoints.objects.filter(indicator__cycle=cycle, category_id=unit.category_id).values_list(
            "indicator_id", "points"
        )
    )
    entries = {}
    if page.period is not None:
        entries = {
            e["indicator_id"]: e
            for e in ScoreEntry.objects.filter(cycle=cycle, unit=unit, period=page.period).values(
                "indicator_id", "value", "letter", "exemption_reason", "exemption_date"
            )
        }
        unit_targets = Target.objects.filter(cycle=cycle, unit=unit).values_list("indicator_id", "value", "base")
        page.breakdown = _tree(
            indicators=indicators,
            full_by_id=full_by_id,
            points=page.period_result.points,
            entries=entries,
            targets={iid: (value, base) for iid, value, base in unit_targets},
        )
        page.exempted = [r for r in page.breakdown if r.exempted]
    page.lost = _lost(
        period_results=[own_by_period[p.pk] for p in page.periods],
        weights={p.pk: p.weight for p in all_periods},
        full_by_code={i["code"]: full_by_id.get(i["id"], ZERO) for i in indicators},
        names={i["code"]: i["name"] for i in indicators},
        rules={i["code"]: i["rule"] for i in indicators},
    )
    page.cadres = list(
        CadreResult.objects.filter(cycle=cycle, unit=unit).select_related("cadre").order_by("rank", "cadre__code")
    )
    return page
