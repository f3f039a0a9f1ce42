"""The recompute's entry points — the Celery task, the sweep task, `manage.py recompute` — pause cyclic garbage
collection while the recompute runs and always leave it as they found it (a worker left with collection off would
keep every reference cycle it ever made); the service itself leaves collection as its caller has it."""

import gc
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F

from assessment.models import RecomputeState
from assessment.recompute import service as recompute_module
from assessment.recompute.service import cycle_recompute
from assessment.recompute.tasks import recompute_cycle, sweep_stale_cycles

pytestmark = pytest.mark.django_db


def _load_spy(monkeypatch, *, fail: bool = False) -> list[bool]:
    seen: list[bool] = []
    real = recompute_module.cycle_plan_load

    def spy(**kwargs):
        seen.append(gc.isenabled())
        if fail:
            raise RuntimeError("load failed")
        return real(**kwargs)

    monkeypatch.setattr(recompute_module, "cycle_plan_load", spy)
    return seen


def _stale(cycle) -> None:
    RecomputeState.objects.get_or_create(cycle=cycle)
    RecomputeState.objects.filter(cycle=cycle).update(input_version=F("input_version") + 1)


@pytest.mark.parametrize("entry_point", ["task", "sweep", "command"])
def test_collection_is_off_while_loading_and_on_again_after(
    entry_point, cycle, town_a, direct_indicator, monkeypatch, gc_restored
):
    gc.enable()
    _stale(cycle)
    seen = _load_spy(monkeypatch)
    if entry_point == "task":
        recompute_cycle(cycle.id)
    elif entry_point == "sweep":
        sweep_stale_cycles()
    else:
        call_command("recompute", "--cycle", str(cycle.year), stdout=StringIO())
    assert seen == [False]
    assert gc.isenabled()


def test_the_service_leaves_collection_on(cycle, town_a, direct_indicator, monkeypatch, gc_restored):
    gc.enable()
    seen = _load_spy(monkeypatch)
    cycle_recompute(cycle_id=cycle.id, force=True)
    assert seen == [True]


def test_collection_is_on_again_after_a_failed_recompute(cycle, town_a, direct_indicator, monkeypatch, gc_restored):
    gc.enable()
    _stale(cycle)
    _load_spy(monkeypatch, fail=True)
    with pytest.raises(RuntimeError):
        recompute_cycle(cycle.id)
    assert gc.isenabled()


def test_collection_switched_off_by_the_caller_stays_off(cycle, town_a, direct_indicator, monkeypatch, gc_restored):
    gc.disable()
    _stale(cycle)
    seen = _load_spy(monkeypatch)
    recompute_cycle(cycle.id)
    assert seen == [False]
    assert not gc.isenabled()
