"""The office dashboard: scoring progress per lead department, units lacking targets, pending appeals.

Every figure is a grouped count in the database or a sum over plan rows; the query count does not depend on
the number of units, indicators or entries.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, F

from assessment.models import Appeal, AppealStatus, ScoreEntry
from assessment.results.selectors.pages import RecomputeStatus, recompute_status
from targets.models import TARGET_RULES, Cycle, Indicator, IndicatorPoints, Period, Target
from units.models import Unit

PENDING_APPEALS_SHOWN = 50
# Plan figures are cached per input version (every change of entries, targets or plan bumps it); the TTL bounds
# what an edit outside the services (a unit added in the admin) can leave stale.
FIGURES_TTL_SECONDS = 300


@dataclass
class ProgressCell:
    entered: int
    expected: int

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.entered / self.expected)) if self.expected else 0

    @property
    def complete(self) -> bool:
        # 0 / 0 (nothing to enter in this period) is not "complete": it is shown as nothing to do.
        return self.expected > 0 and self.entered >= self.expected

    @property
    def missing(self) -> int:
        return max(0, self.expected - self.entered)


@dataclass
class DepartmentProgress:
    unit_id: int | None
    name: str
    cells: list[ProgressCell]

    @property
    def missing(self) -> int:
        return sum(c.missing for c in self.cells)


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


def _plan_figures(*, cycle: Cycle, periods: list[Period], open_periods: list[Period]):
    """(unit count, progress per lead department, units lacking targets): the costly part, grouped counts."""
    units_per_category: dict[int, int] = dict(
        Unit.objects.values("category_id").annotate(n=Count("id")).values_list("category_id", "n")
    )
    leaves, scored_in, applies = _expected_pairs(cycle=cycle, periods=periods)

    # Expected entries: every (unit, leaf) pair that applies, in every period the leaf is scored in.
    expected: dict[tuple[int | None, int], int] = defaultdict(int)
    names: dict[int | None, str] = {}
    lead_of: dict[int, int | None] = {}
    for ind_id, _rule, lead_id, lead_name in leaves:
        names[lead_id] = lead_name or "（未指定牵头单位）"
        lead_of[ind_id] = lead_id
        units = sum(units_per_category.get(c, 0) for c in applies.get(ind_id, ()))
        for period in open_periods:
            if period.pk in scored_in[ind_id]:
                expected[(lead_id, period.pk)] += units
    # Grouped by indicator without joins (an index-only count), then folded into lead departments here.
    entered: dict[tuple[int | None, int], int] = defaultdict(int)
    for ind_id, period_id, n in (
        ScoreEntry.objects.filter(cycle=cycle, period__in=open_periods)
        .order_by()
        .values("indicator_id", "period_id")
        .annotate(n=Count("*"))
        .values_list("indicator_id", "period_id", "n")
    ):
        if ind_id in lead_of:
            entered[(lead_of[ind_id], period_id)] += n
    progress = [
        DepartmentProgress(
            unit_id=lead_id,
            name=names[lead_id],
            cells=[
                ProgressCell(entered=entered.get((lead_id, p.pk), 0), expected=expected.get((lead_id, p.pk), 0))
                for p in open_periods
            ],
        )
        for lead_id in sorted(names, key=lambda k: (k is None, names[k]))
    ]
    # What is missing first: the department with the most scores still to enter leads the table.
    progress.sort(key=lambda d: -d.missing)

    # Units lacking targets: target-based leaves applying to the unit's category without a unit target.
    expected_targets: dict[int, int] = defaultdict(int)
    for ind_id, rule, *_ in leaves:
        if rule in TARGET_RULES:
            for category_id in applies.get(ind_id, ()):
                expected_targets[category_id] += 1
    missing_targets: list[MissingTargets] = []
    if expected_targets:
        have = dict(
            Target.objects.filter(
                cycle=cycle,
                unit__isnull=False,
                indicator__rule__in=list(TARGET_RULES),
                indicator__points_by_category__category_id=F("unit__category_id"),
            )
            .order_by()
            .values("unit_id")
            .annotate(n=Count("id"))
            .values_list("unit_id", "n")
        )
        for unit_id, code, name, category_id, category_name in (
            Unit.objects.filter(category_id__in=list(expected_targets))
            .order_by("category__code", "code")
            .values_list("id", "code", "name", "category_id", "category__name")
        ):
            want = expected_targets[category_id]
            missing = want - have.get(unit_id, 0)
            if missing > 0:
                missing_targets.append(MissingTargets(unit_id, code, name, category_name, missing, want))
    return sum(units_per_category.values()), progress, missing_targets


def dashboard(*, cycle: Cycle) -> Dashboard:
    """The office's view of a cycle: a fixed number of queries whatever the size of the district, and the
    plan figures only once per input version."""
    board = Dashboard(cycle=cycle, status=recompute_status(cycle=cycle))
    board.periods = list(Period.objects.filter(cycle=cycle).order_by("order", "code"))
    board.open_periods = [p for p in board.periods if p.is_open]
    key = "kaohe:dashboard:{}:{}:{}".format(
        cycle.pk, board.status.input_version, ",".join(str(p.pk) for p in board.open_periods)
    )
    figures = cache.get(key)
    if figures is None:
        figures = _plan_figures(cycle=cycle, periods=board.periods, open_periods=board.open_periods)
        cache.set(key, figures, FIGURES_TTL_SECONDS)
    board.unit_count, board.progress, board.missing_targets = figures

    pending = Appeal.objects.filter(cycle=cycle, status=AppealStatus.PENDING)
    board.pending_appeal_count = pending.count()
    board.pending_appeals = list(
        pending.select_related("unit", "indicator", "period").order_by("filed_at")[:PENDING_APPEALS_SHOWN]
    )
    return board
