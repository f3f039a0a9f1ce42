"""Recompute a cycle's results: load the plan, run the engine, replace the result rows in one transaction.

Called by the Celery tasks in `assessment.tasks` (queued after every input change, and by the periodic sweep).
The input version is read before anything is loaded, so every write that lands during a recompute bumps the
version past the one stamped on the results and is picked up by the next run. Two workers recomputing the same
cycle serialise on a row lock of its RecomputeState, and the one holding an older version writes nothing.

Category-scoped recompute. Ranks, grades, 末位, colours, money, the `rank` rule and cadre results are all per
category, so a score entry can only move the results of its unit's category — except through the set of started
periods, which is global. When every input version since the results were computed is accounted for by
`RecomputeDirty` rows naming categories (entry writes), only those categories are loaded, computed and replaced,
with the whole cycle's started periods given to the engine; if the started periods differ from those of the stored
results, or any version is not accounted for (a plan, target, settings or cadre change, a forced recompute, a bump
made elsewhere), everything is recomputed. The dirty rows up to the version written are deleted in the write
transaction; rows of later versions stay for the next run.
"""

from __future__ import annotations

import logging
import time

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from assessment.engine import compute
from assessment.models import RecomputeState, UnitPeriodResult
from assessment.models.results import RecomputeDirty
from targets.models import Cycle, CycleStatus, Period

from .recompute_load import cycle_plan_load, started_periods_load
from .recompute_write import results_replace, results_rows_build

logger = logging.getLogger(__name__)


def dirty_categories(*, cycle_id: int, after: int, upto: int) -> set[int] | None:
    """The categories whose results the input versions ``after`` < v ≤ ``upto`` made stale; None when any of them
    may have changed everything (a row without category, or a version with no row at all)."""
    if after < 0:
        return None  # never computed
    categories: set[int] = set()
    versions: set[int] = set()
    for version, category_id in RecomputeDirty.objects.filter(
        cycle_id=cycle_id, version__gt=after, version__lte=upto
    ).values_list("version", "category_id"):
        if category_id is None:
            return None
        versions.add(version)
        categories.add(category_id)
    return categories if len(versions) == upto - after else None


def _stored_started_periods(cycle_id: int) -> frozenset[str]:
    """The started periods the stored results were computed with: every started period has a row per unit."""
    rows = UnitPeriodResult.objects.filter(period_id=OuterRef("pk")).order_by()
    return frozenset(Period.objects.filter(cycle_id=cycle_id).filter(Exists(rows)).order_by().values_list("code",
                                                                                                     flat=True))


def cycle_recompute(*, cycle_id: int, force: bool = False) -> RecomputeState:
    """Bring the cycle's result rows up to its current input version (a final cycle's results stay frozen).

    ``force`` recomputes everything even when the results are current (after a settings fix made outside the
    services, or to measure): it bumps the input version and stamps every row with it, so the new rows are told
    apart from the old ones.
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
    categories = None if force else dirty_categories(cycle_id=cycle_id, after=state.computed_version, upto=version)
    started_periods = None
    try:
        if categories is not None:
            started_periods = started_periods_load(cycle_id=cycle_id)
            if started_periods != _stored_started_periods(cycle_id):
                categories = started_periods = None  # a period started or stopped: every result moves
        loaded = cycle_plan_load(cycle=cycle, category_ids=categories, started_periods=started_periods)
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
        if categories is not None and _stored_started_periods(cycle_id) != started_periods:
            # A concurrent full recompute wrote results with other started periods after our check: only a full
            # recompute keeps every category on the same started periods. Nothing is written here.
            scoped_stale = True
        else:
            scoped_stale = False
            counts = results_replace(cycle_id=cycle_id, rows=rows, input_version=version, computed_at=computed_at,
                                     category_ids=categories, restamp=force)
            RecomputeDirty.objects.filter(cycle_id=cycle_id, version__lte=version).delete()
            state.computed_version = version
            state.computed_at = computed_at
            state.duration_ms = round((time.perf_counter() - started) * 1000)
            state.last_error = ""
            # input_version is left alone: writers bump it concurrently with an UPDATE of their own.
            state.save(update_fields=["computed_version", "computed_at", "duration_ms", "last_error"])
    if scoped_stale:
        return _full_recompute_now(cycle_id)
    scope = "everything" if categories is None else f"categories {sorted(categories)}"
    logger.info(
        "Cycle %s recomputed (%s) at input version %s in %s ms (load %.0f, engine %.0f, write and commit %.0f ms): "
        "%s rows kept, %s deleted, %s inserted",
        cycle_id, scope, version, state.duration_ms, (loaded_at - started) * 1000, (computed - loaded_at) * 1000,
        (time.perf_counter() - computed) * 1000, counts.kept, counts.deleted, counts.inserted,
    )
    return state


def _full_recompute_now(cycle_id: int) -> RecomputeState:
    """Recompute everything at the current input version: a version with no dirty row forces a full one."""
    with transaction.atomic():
        RecomputeState.objects.filter(cycle_id=cycle_id).update(input_version=F("input_version") + 1)
    return cycle_recompute(cycle_id=cycle_id)


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
