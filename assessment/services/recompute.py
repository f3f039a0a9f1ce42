"""Recompute a cycle's results: load the plan, run the engine, replace the result rows in one transaction.

Called by the Celery tasks in `assessment.tasks` (queued after every input change, and by the periodic sweep).
The input version is read before anything is loaded, so every write that lands during a recompute bumps the
version past the one stamped on the results and is picked up by the next run. Two workers recomputing the same
cycle serialise on a row lock of its RecomputeState, and the one holding an older version writes nothing.
"""

from __future__ import annotations

import logging
import time

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from assessment.engine import compute
from assessment.models import RecomputeState
from targets.models import Cycle, CycleStatus

from .recompute_load import cycle_plan_load
from .recompute_write import results_replace, results_rows_build

logger = logging.getLogger(__name__)


def cycle_recompute(*, cycle_id: int, force: bool = False) -> RecomputeState:
    """Bring the cycle's result rows up to its current input version (a final cycle's results stay frozen).

    ``force`` recomputes even when the results are current (after a settings fix made outside the services, or
    to measure): it bumps the input version so the new rows are told apart from the old ones.
    """
    started = time.perf_counter()
    state, _ = RecomputeState.objects.get_or_create(cycle_id=cycle_id)
    if force:
        RecomputeState.objects.filter(pk=state.pk).update(input_version=F("input_version") + 1)
        state.refresh_from_db()
    version = state.input_version
    if state.computed_version >= version:
        return state  # a task queued before an earlier recompute caught up: nothing new to compute
    cycle = Cycle.objects.get(pk=cycle_id)
    if cycle.status == CycleStatus.FINAL:
        return state
    try:
        loaded = cycle_plan_load(cycle=cycle)
        loaded_at = time.perf_counter()
        results = compute(loaded.plan)
        computed = time.perf_counter()
    except Exception as exc:
        RecomputeState.objects.filter(pk=state.pk).update(last_error=f"{type(exc).__name__}: {exc}"[:2000])
        logger.exception("Recompute of cycle %s at input version %s failed", cycle_id, version)
        raise
    computed_at = timezone.now()
    rows = results_rows_build(loaded=loaded, results=results)

    with transaction.atomic():
        state = RecomputeState.objects.select_for_update().get(pk=state.pk)
        # Another worker finished a newer (or the same) version while we computed, or the cycle was locked.
        if state.computed_version >= version or not _still_open(cycle_id):
            return state
        counts = results_replace(cycle_id=cycle_id, rows=rows, input_version=version, computed_at=computed_at)
        state.computed_version = version
        state.computed_at = computed_at
        state.duration_ms = round((time.perf_counter() - started) * 1000)
        state.last_error = ""
        # input_version is left alone: writers bump it concurrently with an UPDATE of their own.
        state.save(update_fields=["computed_version", "computed_at", "duration_ms", "last_error"])
    logger.info(
        "Cycle %s recomputed at input version %s in %s ms (load %.0f, engine %.0f, write and commit %.0f ms): "
        "%s rows kept, %s deleted, %s inserted",
        cycle_id, version, state.duration_ms, (loaded_at - started) * 1000, (computed - loaded_at) * 1000,
        (time.perf_counter() - computed) * 1000, counts.kept, counts.deleted, counts.inserted,
    )
    return state


def _still_open(cycle_id: int) -> bool:
    return not Cycle.objects.filter(pk=cycle_id, status=CycleStatus.FINAL).exists()


def stale_cycles_recompute() -> list[int]:
    """Recompute every non-final cycle whose inputs are newer than its results; returns the cycles brought up
    to date. One failing cycle (recorded in its last_error) does not stop the others."""
    stale = list(
        RecomputeState.objects.filter(input_version__gt=F("computed_version"))
        .exclude(cycle__status=CycleStatus.FINAL)
        .order_by("cycle_id")
        .values_list("cycle_id", flat=True)
    )
    done = []
    for cycle_id in stale:
        try:
            cycle_recompute(cycle_id=cycle_id)
        except Exception:  # already logged and recorded on the state row
            continue
        done.append(cycle_id)
    return done
