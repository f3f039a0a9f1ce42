"""Celery tasks: a few lines each — load by id, call the service."""

from celery import shared_task


@shared_task(name="assessment.tasks.recompute_cycle", ignore_result=True)
def recompute_cycle(cycle_id: int) -> None:
    from assessment.services.errors import CycleLockedError
    from assessment.services.queue import recompute_dequeued
    from assessment.services.recompute import cycle_recompute

    recompute_dequeued(cycle_id=cycle_id)
    try:
        cycle_recompute(cycle_id=cycle_id)
    except CycleLockedError:
        pass  # queued before the move to 已审定: its results are frozen


@shared_task(name="assessment.tasks.sweep_stale_cycles", ignore_result=True)
def sweep_stale_cycles() -> None:
    from assessment.services.recompute import stale_cycles_sweep

    stale_cycles_sweep()
