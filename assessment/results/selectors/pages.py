"""Reads shared by the pages: which cycle a page shows, and how fresh its results are."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from assessment.models import RecomputeState
from targets.models import Cycle


def cycle_for_page(*, year: object = None, statuses: Iterable[str] | None = None) -> Cycle | None:
    """The cycle asked for by `?cycle=<year>`, else the newest one in one of `statuses` (all when None)."""
    qs = Cycle.objects.order_by("-year")
    if statuses is not None:
        qs = qs.filter(status__in=list(statuses))
    if year not in (None, ""):
        try:
            return qs.filter(year=int(str(year))).first()
        except ValueError:
            return None
    return qs.first()


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

    @property
    def computed(self) -> bool:
        return self.computed_at is not None


def recompute_status(*, cycle: Cycle) -> RecomputeStatus:
    """One query. A cycle never written to has nothing pending and no results."""
    state = RecomputeState.objects.filter(cycle=cycle).first()
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
    )
