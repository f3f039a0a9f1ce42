"""Helpers shared by the recompute tests: what each recompute loaded, writing several scores at once, a small scored
district, and garbage collection put back as a test found it."""

import gc
from decimal import Decimal

import pytest

from assessment.recompute import service as recompute
from assessment.recompute.scope import Scope
from assessment.scores.entries import EntryInput, entries_write
from tests.factories import IndicatorPointsFactory


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
        scope = kwargs.get("scope", Scope.everything())
        seen.append(
            (
                None if scope.category_ids is None else set(scope.category_ids),
                None if scope.period_ids is None else set(scope.period_ids),
            )
        )
        return real(**kwargs)

    monkeypatch.setattr(recompute, "cycle_plan_load", spy)
    return seen


def scores_write(cycle, user, rows) -> None:
    """Write (period, unit, indicator, raw) rows through the one write path, as one transaction."""
    entries_write(
        cycle=cycle, user=user, inputs=[EntryInput(period=p, unit=u, indicator=i, raw=raw) for p, u, i, raw in rows]
    )


@pytest.fixture
def gc_restored():
    """Whatever a test does to cyclic garbage collection is undone after it."""
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


@pytest.fixture
def scored_district(cycle, periods, towns, econ, town_a, town_b, dept_finance, direct_indicator, office_user):
    """Towns A and B and the finance bureau scored on A01 (20 points) in Q1 (weight 0.1) and Y (0.7), computed."""
    IndicatorPointsFactory(indicator=direct_indicator, category=econ, points=Decimal("20"))
    scores_write(
        cycle,
        office_user,
        [
            (periods["Q1"], town_a, direct_indicator, "10"),
            (periods["Q1"], town_b, direct_indicator, "12"),
            (periods["Q1"], dept_finance, direct_indicator, "16"),
            (periods["Y"], town_a, direct_indicator, "14"),
            (periods["Y"], town_b, direct_indicator, "16"),
            (periods["Y"], dept_finance, direct_indicator, "10"),
        ],
    )
    recompute.cycle_recompute(cycle_id=cycle.id)
