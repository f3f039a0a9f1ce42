"""Celery tasks, the recompute's entry points in a worker: a few lines each — clear the mark, call the service.

They pause cyclic garbage collection around the whole job (`gc_paused`), as `manage.py recompute` does; the
services leave it as their caller has it. Nothing here imports the queue that sends them (it sends by name).
"""

from celery import shared_task

from assessment.common.errors import CycleLockedError
from assessment.common.gc_pause import gc_paused
from assessment.recompute.queued import RECOMPUTE_TASK, recompute_dequeued
from assessment.recompute.service import cycle_recompute, stale_cycles_sweep


@shared_task(name=RECOMPUTE_TASK, ignore_result=True)
@gc_paused()
def recompute_cycle(cycle_id: int) -> None:
    recompute_dequeued(cycle_id=cycle_id)
    try:
        cycle_recompute(cycle_id=cycle_id)
    except CycleLockedError:
        pass  # queued before the move to 已审定: its results are frozen


@shared_task(name="assessment.recompute.tasks.sweep_stale_cycles", ignore_result=True)
@gc_paused()
def sweep_stale_cycles() -> None:
    stale_cycles_sweep()
