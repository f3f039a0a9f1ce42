"""The recompute pauses cyclic garbage collection while it runs and always leaves it as it found it: a worker left
with collection off would keep every reference cycle it ever made."""

import gc

import pytest

from assessment.recompute import service as recompute_module
from assessment.recompute.service import cycle_recompute


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


@pytest.mark.django_db
def test_collection_is_off_while_loading_and_on_again_after(cycle, town_a, direct_indicator, monkeypatch,
                                                            gc_restored):
    gc.enable()
    seen = _load_spy(monkeypatch)
    cycle_recompute(cycle_id=cycle.id, force=True)
    assert seen == [False]
    assert gc.isenabled()


@pytest.mark.django_db
def test_collection_is_on_again_after_a_failed_recompute(cycle, town_a, direct_indicator, monkeypatch, gc_restored):
    gc.enable()
    _load_spy(monkeypatch, fail=True)
    with pytest.raises(RuntimeError):
        cycle_recompute(cycle_id=cycle.id, force=True)
    assert gc.isenabled()


@pytest.mark.django_db
def test_collection_switched_off_by_the_caller_stays_off(cycle, town_a, direct_indicator, monkeypatch, gc_restored):
    gc.disable()
    _load_spy(monkeypatch)
    cycle_recompute(cycle_id=cycle.id, force=True)
    assert not gc.isenabled()

