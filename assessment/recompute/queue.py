"""Marking a cycle's inputs as changed and scheduling a coalesced recompute after commit.

Every service that changes an input of the engine (entries, targets, indicators, settings, cadre data) calls
`cycle_inputs_changed` inside its transaction. The version bump is one UPDATE of a tiny row, and one insert records
what the change made stale (`RecomputeDirty`: the categories and periods of an entry write, or everything) so the
recompute can limit itself to those categories (and periods); a change that is not an entry write also draws a new
plan stamp, so no worker reuses the plan parts it kept (`assessment.recompute.cache`). The recompute is sent only
after commit and only if none is already queued. A write after a quiet spell is recomputed at once; the tasks of a
burst are spaced at least `recompute_interval` apart (twice the last recompute's duration, at least
RECOMPUTE_MIN_INTERVAL_SECONDS), and while one waits the "queued" mark stays set so later writes add nothing to the
queue: a burst costs at most one recompute per interval. A worker clears the mark *before* it loads data, so a write
that lands during a recompute queues exactly one more and the last write is always reflected. If the cache or the
broker is down the write still commits and nothing fails after the commit (the failure is logged once per outage); the
periodic sweep (`assessment.recompute.tasks.sweep_stale_cycles`) catches up from the version numbers.

The task is sent by its name (`RECOMPUTE_TASK`): this module imports nothing of the tasks that run it.
"""

import logging
import time
from collections.abc import Iterable

from celery import current_app
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from assessment.models import RecomputeState
from assessment.models.results import RecomputeDirty, plan_stamp_new
from assessment.recompute.queued import QUEUED_KEY, QUEUED_TTL_SECONDS, RECOMPUTE_TASK, recompute_dequeued

logger = logging.getLogger(__name__)
__all__ = ["QUEUED_KEY", "cycle_inputs_changed", "recompute_dequeued", "recompute_enqueue", "recompute_interval"]
# The least time between the starts of two recomputes of a cycle: the coalescing window of a burst. A write after a
# quiet spell does not wait for it (the time from a saved score to its results is what people wait for). The window
# grows to twice the last recompute's duration (`recompute_interval`), so a long burst keeps the worker busy at
# most half the time however slow the recompute is, up to a ceiling that bounds how stale results can get.
RECOMPUTE_MIN_INTERVAL_SECONDS = 0.3
RECOMPUTE_MAX_INTERVAL_SECONDS = 60.0
# When the last task of the cycle was due (a Unix time): the next one is due no earlier than the interval after it.
LAST_DUE_KEY = "kaohe:recompute-last-due:{cycle_id}"


def cycle_inputs_changed(
    *, cycle_id: int, category_ids: Iterable[int] | None = None, scopes: Iterable[tuple[int, int]] | None = None
) -> None:
    """Bump the cycle's input version, record what it made stale, and queue a recompute once the surrounding
    transaction commits.

    ``category_ids``: the categories whose results alone the change can affect (every period of them). ``scopes``:
    (category id, period id) pairs whose entries alone changed (an entry write: its units' categories and its
    periods), so only those periods' results of those categories (and the categories' cycle results) are
    stale. Both None — the default, and the only safe value for anything but score entries — means every result
    of the cycle (plan, targets, settings, cadre data, exemptions …).
    """
    bump = {"input_version": F("input_version") + 1, "input_changed_at": timezone.now()}
    if category_ids is None and scopes is None:
        bump["plan_stamp"] = plan_stamp_new()  # what workers keep of the plan is no longer valid
    if not RecomputeState.objects.filter(cycle_id=cycle_id).update(**bump):
        RecomputeState.objects.get_or_create(cycle_id=cycle_id)
        RecomputeState.objects.filter(cycle_id=cycle_id).update(**bump)
    # The UPDATE holds the state row's lock until commit, so this is our own version and no other writer's.
    version = RecomputeState.objects.filter(cycle_id=cycle_id).values_list("input_version", flat=True).get()
    pairs: set[tuple[int | None, int | None]] = set()
    if category_ids is not None:
        pairs.update((c, None) for c in category_ids)
    if scopes is not None:
        pairs.update((c, p) for c, p in scopes)
    if category_ids is None and scopes is None:
        pairs.add((None, None))
    RecomputeDirty.objects.bulk_create(
        [
            RecomputeDirty(cycle_id=cycle_id, version=version, category_id=c, period_id=p)
            for c, p in sorted(pairs, key=lambda cp: (cp[0] or 0, cp[1] or 0))
        ]
    )
    # Every commit asks for a recompute; the cache key below (and cycle_recompute returning at once when its
    # results are current) turn a burst of such asks into a handful of real recomputes.
    transaction.on_commit(lambda: recompute_enqueue(cycle_id=cycle_id))


class _OutageLog:
    """Logs a failed enqueue once per outage, not once per write: a dead Redis under a burst of writes would
    otherwise bury the log in identical tracebacks. A reminder follows every REMINDER_SECONDS while the outage
    lasts, and the first enqueue that works again says so. Per process: each web worker logs its own outage."""

    REMINDER_SECONDS = 600

    def __init__(self):
        self.since: float | None = None  # when the current outage was first logged (monotonic clock)
        self.logged_at = 0.0
        self.failures = 0

    def failed(self, cycle_id: int) -> None:
        now = time.monotonic()
        self.failures += 1
        if self.since is None:
            self.since = self.logged_at = now
            logger.exception(
                "Could not queue or run a recompute of cycle %s; the scores are saved and the periodic "
                "sweep will catch up. Further failures are not logged one by one until it works again",
                cycle_id,
            )
        elif now - self.logged_at >= self.REMINDER_SECONDS:
            self.logged_at = now
            logger.error(
                "Recompute queue still unavailable: %s writes since %.0f s ago left to the periodic sweep",
                self.failures,
                now - self.since,
            )

    def worked(self) -> None:
        if self.since is not None:
            logger.warning("Recompute queue available again after %s failed enqueues", self.failures)
        self.since, self.failures = None, 0


_outage = _OutageLog()


def recompute_enqueue(*, cycle_id: int) -> bool:
    """Send one recompute task unless one is already waiting. Returns whether a task was sent.

    Runs after the commit of a write, so it never raises: the write is saved whatever happens here, and a page
    must not report it as failed. If the cache or the broker is down (or an eager recompute fails), the failure
    is logged once per outage and the periodic sweep recomputes from the version numbers.
    """
    try:
        sent = _enqueue(cycle_id)
    except Exception:
        _outage.failed(cycle_id)
        return False
    _outage.worked()
    return sent


def recompute_interval(*, duration_ms: int | None) -> float:
    """The least time in seconds between the starts of two recomputes of a cycle whose last recompute took
    ``duration_ms`` (None: never computed)."""
    if not duration_ms:
        return RECOMPUTE_MIN_INTERVAL_SECONDS
    return min(RECOMPUTE_MAX_INTERVAL_SECONDS, max(RECOMPUTE_MIN_INTERVAL_SECONDS, 2 * duration_ms / 1000))


def _enqueue(cycle_id: int) -> bool:
    key = QUEUED_KEY.format(cycle_id=cycle_id)
    if not cache.add(key, 1, timeout=QUEUED_TTL_SECONDS):
        return False
    try:
        now = time.time()
        last_due = cache.get(LAST_DUE_KEY.format(cycle_id=cycle_id))
        countdown = 0.0
        if last_due is not None:
            # Read only when a task is actually sent (at most once per interval), not on every write.
            duration_ms = RecomputeState.objects.filter(cycle_id=cycle_id).values_list("duration_ms", flat=True).first()
            countdown = max(0.0, last_due + recompute_interval(duration_ms=duration_ms) - now)
        if countdown:
            # The mark must outlive the wait, or writes during a long countdown would queue more tasks.
            cache.touch(key, timeout=countdown + QUEUED_TTL_SECONDS)
        cache.set(LAST_DUE_KEY.format(cycle_id=cycle_id), now + countdown, timeout=countdown + QUEUED_TTL_SECONDS)
        # By name: a signature runs the registered task (eagerly in tests without a broker) or sends it.
        current_app.signature(RECOMPUTE_TASK, args=[cycle_id]).apply_async(countdown=countdown or None, retry=False)
    except Exception:
        # Nothing is queued: let the next write try again (if the cache itself is down this fails too, and the
        # mark expires with its TTL).
        try:
            cache.delete(key)
        except Exception:
            pass
        raise
    return True
