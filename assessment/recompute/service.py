"""Recompute a cycle's results: load the plan, run the engine, replace the result rows in one transaction.

Called by the Celery tasks in `assessment.recompute.tasks` (queued after every input change, and by the periodic sweep).
The input version is read before anything is loaded, so every write that lands during a recompute bumps the
version past the one stamped on the results and is picked up by the next run. Two workers recomputing the same
cycle serialise on a row lock of its RecomputeState, and the one holding an older version writes nothing.

Category-scoped recompute. Ranks, grades, 末位, colours, money, the `rank` rule and cadre results are all per
category, so a score entry can only move the results of its unit's category — except through the set of started
periods, which is global. When every input version since the results were computed is accounted for by
`RecomputeDirty` rows naming categories (entry writes), the recompute's `Scope` (`assessment.recompute.scope`,
passed on to the load and the write) is those categories: only they are loaded, computed and replaced,
with the whole cycle's started periods given to the engine; if the started periods differ from those of the stored
results, or any version is not accounted for (a plan, target, settings or cadre change, a forced recompute, a bump
made elsewhere), everything is recomputed. The dirty rows up to the version written are deleted in the write
transaction; rows of later versions stay for the next run.

Period-scoped recompute. A unit's period results depend only on that period's entries, and its cycle score only on
the rounded period rates and vetoed flags (SCORING.md §4–§5), which the period rows store exactly as the engine
formed them. So when every dirty row also names a period (entry writes), only those periods' entries of the dirty
categories are loaded and scored, the categories' other started periods are taken from their stored (rate, vetoed)
— current, since nothing since the computed version touched them — and `compute_periods` gives the categories'
cycle and cadre results; of the period rows only those periods' are replaced. A stored rate that is missing (a
unit without rows) falls back to the category-scoped recompute.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from assessment.models import RecomputeState, UnitPeriodResult
from assessment.models.results import RecomputeDirty, plan_stamp_new
from assessment.recompute.cache import kept_plan_get
from assessment.recompute.load import LoadedPlan, cycle_plan_load, started_periods_load
from assessment.recompute.scope import Scope
from assessment.recompute.unscorable import unscorable_entries_error
from assessment.recompute.write import results_replace, results_rows_build
from assessment.scoring import Results, compute, compute_periods
from targets.cycle_lock import CycleLockedError, cycle_check_status, cycle_lock_for_write
from targets.models import Cycle, CycleStatus, Period

logger = logging.getLogger(__name__)
SWEEP_LOCK_KEY = "kaohe:sweep-running"
# Longer than any sweep takes; a sweep killed with its worker frees the lock after this long at most.
SWEEP_LOCK_SECONDS = 300
FROZEN = "{cycle} 已审定，结果已冻结，不再重算"


def dirty_scope(*, cycle_id: int, after: int, upto: int) -> Scope:
    """What the input versions ``after`` < v ≤ ``upto`` made stale: everything when any of them may have changed
    everything (a row without category, or a version with no row at all)."""
    if after < 0:
        return Scope.everything()  # never computed
    pairs: set[tuple[int, int | None]] = set()
    versions: set[int] = set()
    for version, category_id, period_id in RecomputeDirty.objects.filter(
        cycle_id=cycle_id, version__gt=after, version__lte=upto
    ).values_list("version", "category_id", "period_id"):
        if category_id is None:
            return Scope.everything()
        versions.add(version)
        pairs.add((category_id, period_id))
    if len(versions) != upto - after:
        return Scope.everything()
    return Scope.of_pairs(pairs)


def stored_rates(
    *,
    cycle_id: int,
    loaded: LoadedPlan,
    category_ids: Collection[int],
    computed_period_ids: Collection[int],
    started_periods: frozenset[str],
) -> dict[str, dict[str, tuple[Decimal, bool]]]:
    """{period: {unit: (rate, vetoed)}} of the categories' stored period rows of the started periods other than
    ``computed_period_ids``: what `compute_periods` takes for the periods it does not score."""
    unit_codes = {uid: code for code, uid in loaded.unit_ids.items()}
    period_codes = {pid: code for code, pid in loaded.period_ids.items() if code in started_periods}
    rates: dict[str, dict[str, tuple[Decimal, bool]]] = {code: {} for code in period_codes.values()}
    stored = (
        UnitPeriodResult.objects.filter(
            cycle_id=cycle_id,
            category_id__in=list(category_ids),
            period_id__in=[pid for pid in period_codes if pid not in computed_period_ids],
        )
        .order_by()
        .values_list("unit_id", "period_id", "rate", "vetoed")
    )
    for uid, pid, rate, vetoed in stored:
        unit = unit_codes.get(uid)
        if unit is not None:
            rates[period_codes[pid]][unit] = (rate, vetoed)
    return rates


@dataclass
class _Computed:
    """What the load and the engine gave, the scope actually computed, and where the time went."""

    loaded: LoadedPlan
    results: Results
    scope: Scope
    load_seconds: float
    engine_seconds: float


def _scoped_compute(
    *, cycle: Cycle, scope: Scope, started_periods: frozenset[str] | None, plan_stamp: int
) -> _Computed:
    """Load and compute ``scope`` (of some periods: the categories' other started periods from their stored
    rates). The outcome's scope is the scope's whole categories when a stored rate was missing and they were
    computed whole instead. A scope of some categories reads its plan parts, prepared, from what this process
    keeps for ``plan_stamp`` (`assessment.recompute.cache`): only the entries are read."""
    load = engine = 0.0
    start = time.perf_counter()
    kept = None
    if not scope.is_everything:
        kept = kept_plan_get(cycle_id=cycle.id, plan_stamp=plan_stamp, scope=scope)
    parts, prepared = (None, None) if kept is None else (kept.parts, kept.prepared)
    if scope.is_some_periods:
        if started_periods is None:  # cycle_recompute widens to everything when it does not know them
            raise ValueError("a recompute of some periods needs the started periods")
        loaded = cycle_plan_load(cycle=cycle, scope=scope, started_periods=started_periods, parts=parts)
        other = stored_rates(
            cycle_id=cycle.id,
            loaded=loaded,
            category_ids=scope.categories,
            computed_period_ids=scope.periods,
            started_periods=started_periods,
        )
        codes = {code for code, pid in loaded.period_ids.items() if pid in scope.periods}
        loaded_at = time.perf_counter()
        load = loaded_at - start
        try:
            results = compute_periods(loaded.plan, periods=codes, other_rates=other, prepared=prepared)
            return _Computed(loaded, results, scope, load, time.perf_counter() - loaded_at)
        except KeyError:  # a unit without its stored period rows (a new unit, say): compute its categories whole
            engine = time.perf_counter() - loaded_at
            scope = scope.whole_categories()
            logger.info("Cycle %s: stored period rates incomplete, recomputing %s whole", cycle.id, scope)
            start = time.perf_counter()
    loaded = cycle_plan_load(cycle=cycle, scope=scope, started_periods=started_periods, parts=parts)
    loaded_at = time.perf_counter()
    results = compute(loaded.plan, prepared=prepared)
    return _Computed(loaded, results, scope, load + loaded_at - start, engine + time.perf_counter() - loaded_at)


def stored_started_periods(cycle_id: int) -> frozenset[str]:
    """The started periods the stored results were computed with: every started period has a row per unit."""
    rows = UnitPeriodResult.objects.filter(period_id=OuterRef("pk")).order_by()
    return frozenset(
        Period.objects.filter(cycle_id=cycle_id).filter(Exists(rows)).order_by().values_list("code", flat=True)
    )


def cycle_recompute(*, cycle_id: int, force: bool = False) -> RecomputeState:
    """Bring the cycle's result rows up to its current input version.

    A final cycle's results stay frozen: it is refused with CycleLockedError (forced or not), before anything is
    bumped; the task and the sweep take that as "nothing to do", the command prints it.

    ``force`` recomputes everything even when the results are current (after a settings fix made outside the
    services, or to measure): it bumps the input version and stamps every row with it, so the new rows are told
    apart from the old ones.

    Cyclic garbage collection is left as the caller has it: the entry points (the task, `manage.py recompute`)
    pause it around the whole job (`assessment.common.gc_pause`).
    """
    started = time.perf_counter()
    cycle = Cycle.objects.get(pk=cycle_id)
    cycle_check_status(cycle=cycle, locked_message=FROZEN)
    state, _ = RecomputeState.objects.get_or_create(cycle_id=cycle_id)
    if force:  # also after a change made outside the services: nothing kept of the plan is trusted
        with transaction.atomic():
            # Under the cycle lock, like every input change: a bump after the move to 已审定 would leave the
            # frozen results looking stale for good.
            cycle = cycle_lock_for_write(cycle_id=cycle_id, locked_message=FROZEN)
            RecomputeState.objects.filter(pk=state.pk).update(
                input_version=F("input_version") + 1, plan_stamp=plan_stamp_new()
            )
        state.refresh_from_db()
    version = state.input_version
    if state.computed_version >= version:
        return state  # a task queued before an earlier recompute caught up: nothing new to compute
    scope = Scope.everything() if force else dirty_scope(cycle_id=cycle_id, after=state.computed_version, upto=version)
    started_periods = None
    try:
        if not scope.is_everything:
            started_periods = started_periods_load(cycle_id=cycle_id)
            if started_periods != stored_started_periods(cycle_id):
                # a period started or stopped: every result moves
                scope, started_periods = Scope.everything(), None
        done = _scoped_compute(cycle=cycle, scope=scope, started_periods=started_periods, plan_stamp=state.plan_stamp)
        loaded, results, scope = done.loaded, done.results, done.scope
        computed = time.perf_counter()
    except Exception as exc:
        # One bad stored entry must not leave the office with an anonymous traceback: name it when it is one.
        named = unscorable_entries_error(cycle_id=cycle_id)
        message = str(named) if named else f"{type(exc).__name__}: {exc}"
        RecomputeState.objects.filter(pk=state.pk).update(last_error=message[:2000])
        logger.exception("Recompute of cycle %s at input version %s failed: %s", cycle_id, version, message)
        if named:
            raise named from exc
        raise
    computed_at = timezone.now()
    rows = results_rows_build(loaded=loaded, results=results)

    with transaction.atomic():
        state = RecomputeState.objects.select_for_update().get(pk=state.pk)
        # Another worker finished a newer (or the same) version while we computed, or the cycle was locked.
        if state.computed_version >= version or not _still_open(cycle_id):
            return state
        if not scope.is_everything and stored_started_periods(cycle_id) != started_periods:
            # A concurrent full recompute wrote results with other started periods after our check: only a full
            # recompute keeps every category on the same started periods. Nothing is written here.
            scoped_stale = True
        else:
            scoped_stale = False
            counts = results_replace(
                cycle_id=cycle_id, rows=rows, input_version=version, computed_at=computed_at, scope=scope, restamp=force
            )
            RecomputeDirty.objects.filter(cycle_id=cycle_id, version__lte=version).delete()
            state.computed_version = version
            state.computed_at = computed_at
            state.last_error = ""
            # input_version is left alone: writers bump it concurrently with an UPDATE of their own.
            state.save(update_fields=["computed_version", "computed_at", "last_error"])
    if scoped_stale:
        return _full_recompute_now(cycle_id)
    # Measured after the commit, which ran the deferred foreign-key checks of every inserted row.
    written = time.perf_counter()
    state.duration_ms = round((written - started) * 1000)
    RecomputeState.objects.filter(pk=state.pk, computed_version=version).update(duration_ms=state.duration_ms)
    logger.info(
        "Cycle %s recomputed (%s) at input version %s in %s ms (load %.0f, engine %.0f, write and commit %.0f ms): "
        "%s rows kept, %s deleted, %s inserted",
        cycle_id,
        scope,
        version,
        state.duration_ms,
        (computed - started - done.engine_seconds) * 1000,
        done.engine_seconds * 1000,
        (written - computed) * 1000,
        counts.kept,
        counts.deleted,
        counts.inserted,
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
        except CycleLockedError:  # moved to 已审定 since it was listed
            continue
        except Exception:  # already logged and recorded on the state row
            continue
        done.append(cycle_id)
    return done


def stale_cycles_sweep() -> list[int] | None:
    """The periodic sweep: `stale_cycles_recompute`, one at a time across every process. Two beats (an orphan left
    by a killed `worker -B`, say) send it twice; the overlapping one returns None at once instead of computing
    every stale cycle a second time. Without a cache to lock in, it sweeps anyway: a second sweep only wastes
    work (results are written under the state row's lock)."""
    token = secrets.token_hex(8)
    try:
        if not cache.add(SWEEP_LOCK_KEY, token, timeout=SWEEP_LOCK_SECONDS):
            logger.info("Another sweep is running; this one does nothing")
            return None
    except Exception:
        logger.warning("No cache for the sweep lock; sweeping without it", exc_info=True)
        return stale_cycles_recompute()
    try:
        return stale_cycles_recompute()
    finally:
        try:
            if cache.get(SWEEP_LOCK_KEY) == token:  # not a later sweep's lock, should ours have expired
                cache.delete(SWEEP_LOCK_KEY)
        except Exception:
            logger.warning("Could not release the sweep lock; it expires in %s s", SWEEP_LOCK_SECONDS, exc_info=True)
