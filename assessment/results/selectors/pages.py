"""Reads shared by the pages: which cycle a page shows, and how fresh its results are."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, Exists, OuterRef, Value, When

from assessment.models import RecomputeState, UnitResult
from targets.models import Cycle, CycleStatus


def cycle_for_page(*, year: object = None, statuses: Iterable[str] | None = None) -> Cycle | None:
    """The cycle asked for by `?cycle=<year>` (among `statuses`, all when None), else the default one.

    The default is the cycle being assessed (考核中 or 公示中, the newest first), else the newest with results,
    else the newest issued or final one; never a draft: next year's plan imported as 草稿 must not replace this
    year's results on anyone's page (a draft is shown only when asked for by year). One query.
    """
    qs = Cycle.objects.all()
    if statuses is not None:
        qs = qs.filter(status__in=list(statuses))
    if year not in (None, ""):
        try:
            return qs.filter(year=int(str(year))).first()
        except ValueError:
            return None
    assessed = [CycleStatus.SCORING, CycleStatus.PUBLICITY]
    priority = Case(
        When(status__in=assessed, then=Value(0)),
        When(Exists(UnitResult.objects.filter(cycle=OuterRef("pk"))), then=Value(1)),
        default=Value(2),
    )
    return qs.exclude(status=CycleStatus.DRAFT).order_by(priority, "-year").first()


def cycles_for_switcher(*, statuses: Iterable[str] | None = None) -> list[tuple[int, str]]:
    """(year, name) of the cycles a person may switch between, newest first."""
    qs = Cycle.objects.order_by("-year")
    if statuses is not None:
        qs = qs.filter(status__in=list(statuses))
    return [(year, name or f"{year}年度") for year, name in qs.values_list("year", "name")]


@dataclass(frozen=True)
class RecomputeStatus:
    """How fresh a cycle's results are: "as of 10:32, 3 changes pending"."""

    computed_at: datetime | None
    pending: bool
    pending_changes: int
    duration_ms: int | None
    last_error: str
    input_changed_at: datetime | None
    input_version: int = 0
    # Whether the cycle has results: SCORING.md §5, none before a period has started (pages say 尚未开始评分).
    started: bool = False

    @property
    def computed(self) -> bool:
        return self.computed_at is not None


def recompute_status(*, cycle: Cycle) -> RecomputeStatus:
    """One query. A cycle never written to has nothing pending and no results."""
    state = (
        RecomputeState.objects.filter(cycle=cycle)
        .annotate(has_results=Exists(UnitResult.objects.filter(cycle=OuterRef("cycle"))))
        .first()
    )
    if state is None:
        return RecomputeStatus(None, False, 0, None, "", None)
    # Versions count writes (each service call bumps once), so the difference is the number of pending changes.
    pending_changes = max(0, state.input_version - max(state.computed_version, 0)) if state.pending else 0
    return RecomputeStatus(
        computed_at=state.computed_at,
        pending=state.pending,
        pending_changes=pending_changes,
        duration_ms=state.duration_ms,
        last_error=state.last_error,
        input_changed_at=state.input_changed_at,
        input_version=state.input_version,
        started=state.has_results,
    )
