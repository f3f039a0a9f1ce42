"""Celery tasks: a few lines each — load by id, call the service."""

from celery import shared_task


@shared_task(name="assessment.recompute.tasks.recompute_cycle", ignore_result=True)
def recompute_cycle(cycle_id: int) -> None:
    from assessment.common.errors import CycleLockedError
    from assessment.recompute.queue import recompute_dequeued
    from assessment.recompute.service import cycle_recompute

    recompute_dequeued(cycle_id=cycle_id)
    try:
        cycle_recompute(cycle_id=cycle_id)
    except CycleLockedError:
        pass  # queued before the move to 已审定: its results are frozen


@shared_task(name="assessment.recompute.tasks.sweep_stale_cycles", ignore_result=True)
def sweep_stale_cycles() -> None:
    from assessment.recompute.service import stale_cycles_sweep

    stale_cycles_sweep()
