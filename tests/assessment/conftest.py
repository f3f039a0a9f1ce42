"""Helpers shared by the recompute tests: what each recompute loaded, writing several scores at once, and garbage
collection put back as a test found it."""

import gc

import pytest

from assessment.services import recompute
from assessment.services.entries import EntryInput, entries_write


class PlanLoads(list):
    """(category ids, period ids) each recompute loaded, in order; None stands for everything."""

    @property
    def categories(self) -> list:
        return [categories for categories, _ in self]


@pytest.fixture
def plan_loads(monkeypatch) -> PlanLoads:
    seen = PlanLoads()
    real = recompute.cycle_plan_load

    def spy(**kwargs):
        categories, period_ids = kwargs.get("category_ids"), kwargs.get("period_ids")
        seen.append((None if categories is None else set(categories), None if period_ids is None else set(period_ids)))
        return real(**kwargs)

    monkeypatch.setattr(recompute, "cycle_plan_load", spy)
    return seen


def scores_write(cycle, user, rows) -> None:
    """Write (period, unit, indicator, raw) rows through the one write path, as one transaction."""
    entries_write(cycle=cycle, user=user,
                  inputs=[EntryInput(period=p, unit=u, indicator=i, raw=raw) for p, u, i, raw in rows])


@pytest.fixture
def gc_restored():
    """Whatever a test does to cyclic garbage collection is undone after it."""
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()
