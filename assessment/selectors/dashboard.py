"""The office dashboard: scoring progress per lead department, units lacking targets, pending appeals.

Every figure is a grouped count in the database or a sum over plan rows; the query count does not depend on
the number of units, indicators or entries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F

from assessment.models import Appeal, AppealStatus, ScoreEntry
from targets.models import TARGET_RULES, Cycle, Indicator, IndicatorPoints, Period, Target
from units.models import Unit

from .pages import RecomputeStatus, recompute_status

PENDING_APPEALS_SHOWN = 50


@dataclass
class ProgressCell:
    entered: int
    expected: int

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.entered / self.expected)) if self.expected else 100

    @property
    def complete(self) -> bool:
        return self.entered >= self.expected


@dataclass
class DepartmentProgress:
    unit_id: int | None
    name: str
    cells: list[ProgressCell]


@dataclass
class MissingTargets:
    unit_id: int
    code: str
    name: str
    category: str
    missing: int
    expected: int


@dataclass
class Dashboard:
    cycle: Cycle
    status: RecomputeStatus
    periods: list[Period] = field(default_factory=list)
    open_periods: list[Period] = field(default_factory=list)
    progress: list[DepartmentProgress] = field(default_factory=list)
    missing_targets: list[MissingTargets] = field(default_factory=list)
    pending_appeals: list[Appeal] = field(default_factory=list)
    pending_appeal_count: int = 0
    unit_count: int = 0


def _expected_pairs(*, cycle: Cycle, periods: list[Period]):
    """Per leaf indicator: its lead department, the categories it applies to and the periods it is scored in."""
    leaves = list(
        Indicator.objects.filter(cycle=cycle)
        .exclude(rule="")
        .values_list("id", "rule", "lead_unit_id", "lead_unit__name")
    )
    scored_in: dict[int, set[int]] = defaultdict(set)
    for ind_id, period_id in Indicator.periods.through.objects.filter(indicator__cycle=cycle).values_list(
        "indicator_id", "period_id"
    ):
        scored_in[ind_id].add(period_id)
    all_periods = {p.pk for p in periods}
    applies: dict[int, set[int]] = defaultdict(set)
    for ind_id, category_id in IndicatorPoints.objects.filter(indicator__cycle=cycle).values_list(
        "indicator_id", "category_id"
    ):
        applies[ind_id].add(category_id)
    return leaves, {i: (scored_in.get(i) or all_periods) for i, *_ in leaves}, applies


def dashboard(*, cycle: Cycle) -> Dashboard:
    """The office's view of a cycle. Ten queries whatever the size of the district."""
    board = Dashboard(cycle=cycle, status=recompute_status(cycle=cycle))
    board.periods = list(Period.objects.filter(cycle=cycle).order_by("order", "code"))
    board.open_periods = [p for p in board.periods if p.is_open]

    units_per_category: dict[int, int] = dict(
        Unit.objects.values("category_id").annotate(n=Count("id")).values_list("category_id", "n")
    )
    board.unit_count = sum(units_per_category.values())
    leaves, scored_in, applies = _expected_pairs(cycle=cycle, periods=board.periods)

    # Expected entries: every (unit, leaf) pair that applies, in every period the leaf is scored in.
    expected: dict[tuple[int | None, int], int] = defaultdict(int)
    names: dict[int | None, str] = {}
    for ind_id, _rule, lead_id, lead_name in leaves:
        names[lead_id] = lead_name or "（未指定牵头单位）"
        units = sum(units_per_category.get(c, 0) for c in applies.get(ind_id, ()))
        for period in board.open_periods:
            if period.pk in scored_in[ind_id]:
                expected[(lead_id, period.pk)] += units
    entered: dict[tuple[int | None, int], int] = {
        (lead_id, period_id): n
        for lead_id, period_id, n in ScoreEntry.objects.filter(cycle=cycle, period__in=board.open_periods)
        .values("indicator__lead_unit_id", "period_id")
        .annotate(n=Count("id"))
        .values_list("indicator__lead_unit_id", "period_id", "n")
    }
    for lead_id in sorted(names, key=lambda k: (k is None, names[k])):
        cells = [
            ProgressCell(entered=entered.get((lead_id, p.pk), 0), expected=expected.get((lead_id, p.pk), 0))
            for p in board.open_periods
        ]
        board.progress.append(DepartmentProgress(unit_id=lead_id, name=names[lead_id], cells=cells))

    # Units lacking targets: target-based leaves applying to the unit's category without a unit target.
    expected_targets: dict[int, int] = defaultdict(int)
    for ind_id, rule, *_ in leaves:
        if rule in TARGET_RULES:
            for category_id in applies.get(ind_id, ()):
                expected_targets[category_id] += 1
    have = dict(
        Target.objects.filter(
            cycle=cycle,
            unit__isnull=False,
            indicator__rule__in=list(TARGET_RULES),
            indicator__points_by_category__category_id=F("unit__category_id"),
        )
        .values("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )
    if expected_targets:
        for unit_id, code, name, category_id, category_name in (
            Unit.objects.filter(category_id__in=list(expected_targets))
            .order_by("category__code", "code")
            .values_list("id", "code", "name", "category_id", "category__name")
        ):
            want = expected_targets[category_id]
            missing = want - have.get(unit_id, 0)
            if missing > 0:
                board.missing_targets.append(MissingTargets(unit_id, code, name, category_name, missing, want))

    pending = Appeal.objects.filter(cycle=cycle, status=AppealStatus.PENDING)
    board.pending_appeal_count = pending.count()
    board.pending_appeals = list(
        pending.select_related("unit", "indicator", "period").order_by("filed_at")[:PENDING_APPEALS_SHOWN]
    )
    return board
