"""The "recompute queued" mark of a cycle, shared by the queue that sends the task and the task that clears it.

The queue sets it (in Django's cache) when it sends a recompute task and sends none while it is set; the task clears
it before it loads anything, so a write landing during a recompute queues exactly one more. Both sides import this
module and neither imports the other: the queue sends the task by its name, `RECOMPUTE_TASK`.
"""

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)
RECOMPUTE_TASK = "assessment.recompute.tasks.recompute_cycle"
QUEUED_KEY = "kaohe:recompute-queued:{cycle_id}"
# A lost task (worker killed before ack) must not block scheduling for long; the sweep covers the gap.
QUEUED_TTL_SECONDS = 120


def recompute_dequeued(*, cycle_id: int) -> None:
    """Called by the worker before it loads data: later writes must queue a fresh recompute."""
    try:
        cache.delete(QUEUED_KEY.format(cycle_id=cycle_id))
    except Exception:  # a cache outage must not stop the recompute; the mark expires with its TTL
        logger.warning("Could not clear the queued mark of cycle %s", cycle_id, exc_info=True)
