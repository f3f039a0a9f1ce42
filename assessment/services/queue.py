"""Marking a cycle's inputs as changed and scheduling a coalesced recompute after commit.

Every service that changes an input of the engine (entries, targets, indicators, settings, cadre data) calls
`cycle_inputs_changed` inside its transaction. The version bump is one UPDATE of a tiny row; the recompute is
sent only after commit and only if none is already queued, so a burst of writes causes a handful of recomputes.
A worker clears the "queued" mark *before* it loads data, so a write that lands during a recompute queues
another one and the last write is always reflected. If the broker is down the write still commits; the
periodic sweep (`assessment.tasks.sweep_stale_cycles`) catches up from the version numbers.
"""

import logging

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from assessment.models import RecomputeState

logger = logging.getLogger(__name__)
QUEUED_KEY = "kaohe:recompute-queued:{cycle_id}"
# A lost task (worker killed before ack) must not block scheduling for long; the sweep covers the gap.
QUEUED_TTL_SECONDS = 120
# How long a queued recompute waits for more writes to arrive: the coalescing window of a burst.
RECOMPUTE_DELAY_SECONDS = 0.3


def cycle_inputs_changed(*, cycle_id: int) -> None:
    """Bump the cycle's input version and queue a recompute once the surrounding transaction commits."""
    updated = RecomputeState.objects.filter(cycle_id=cycle_id).update(
        input_version=F("input_version") + 1, input_changed_at=timezone.now()
    )
    if not updated:
        RecomputeState.objects.get_or_create(cycle_id=cycle_id)
        RecomputeState.objects.filter(cycle_id=cycle_id).update(
            input_version=F("input_version") + 1, input_changed_at=timezone.now()
        )
    if _enqueue_pending(cycle_id):
        return  # this transaction already recompute_enqueues the cycle on commit: one recompute per transaction

    def enqueue() -> None:
        enqueue.done = True
        recompute_enqueue(cycle_id=cycle_id)

    enqueue.kaohe_cycle_id = cycle_id
    enqueue.done = False
    transaction.on_commit(enqueue)


def _enqueue_pending(cycle_id: int) -> bool:
    """Whether the current transaction has already registered an on-commit enqueue for the cycle.

    Django clears its on-commit list on rollback, so asking it (rather than remembering in a set of our own)
    can never leave a cycle marked as scheduled by a transaction that did not commit. A callback that already
    ran (tests run them early with captureOnCommitCallbacks) no longer counts.
    """
    connection = transaction.get_connection()
    return any(
        getattr(func, "kaohe_cycle_id", None) == cycle_id and not func.done for _, func, *_ in connection.run_on_commit
    )


def recompute_enqueue(*, cycle_id: int) -> bool:
    """Send one recompute task unless one is already waiting. Returns whether a task was sent."""
    from assessment.tasks import recompute_cycle

    key = QUEUED_KEY.format(cycle_id=cycle_id)
    if not cache.add(key, 1, timeout=QUEUED_TTL_SECONDS):
        return False
    try:
        recompute_cycle.apply_async(args=[cycle_id], countdown=RECOMPUTE_DELAY_SECONDS, retry=False)
    except Exception:  # the broker is down: the score is saved, the sweep will recompute
        cache.delete(key)
        logger.exception("Could not run or queue a recompute of cycle %s; the periodic sweep will catch up", cycle_id)
        return False
    return True


def recompute_dequeued(*, cycle_id: int) -> None:
    """Called by the worker before it loads data: later writes must queue a fresh recompute."""
    cache.delete(QUEUED_KEY.format(cycle_id=cycle_id))
