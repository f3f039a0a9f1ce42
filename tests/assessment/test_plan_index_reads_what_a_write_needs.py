"""The plan-facts loader decides how much a write reads: the facts of its own indicators when they are few, the
whole cycle's when they are many — and gives the same verdicts either way."""

from decimal import Decimal

import pytest

from assessment.plan import plan_index
from assessment.plan.plan_index import PlanIndex
from tests.factories import IndicatorFactory, IndicatorPointsFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def leaves(cycle, town_a):
    made = [IndicatorFactory(cycle=cycle, code=f"L{n:02}", rule="direct") for n in range(4)]
    for leaf in made:
        IndicatorPointsFactory(indicator=leaf, category=town_a.category, points=Decimal("5"))
    return made


def test_a_few_indicators_read_their_own_facts_only(cycle, leaves, monkeypatch):
    monkeypatch.setattr(plan_index, "FEW_INDICATORS", 2)
    index = PlanIndex.for_indicators(cycle.id, [leaves[0].id, leaves[1].id, leaves[0].id])
    assert set(index.leaves) == {leaves[0].id, leaves[1].id}


def test_many_indicators_read_the_whole_cycle(cycle, leaves, monkeypatch):
    monkeypatch.setattr(plan_index, "FEW_INDICATORS", 2)
    index = PlanIndex.for_indicators(cycle.id, [leaf.id for leaf in leaves[:3]])
    assert set(index.leaves) >= {leaf.id for leaf in leaves}


def test_the_verdicts_are_the_same_either_way(cycle, leaves, periods, town_a, dept_finance, monkeypatch):
    few = PlanIndex.for_indicators(cycle.id, [leaves[0].id])
    monkeypatch.setattr(plan_index, "FEW_INDICATORS", 0)
    whole = PlanIndex.for_indicators(cycle.id, [leaves[0].id])
    for unit in (town_a, dept_finance):
        assert few.applicability_error(
            indicator=leaves[0], unit=unit, period=periods["Y"]
        ) == whole.applicability_error(indicator=leaves[0], unit=unit, period=periods["Y"])
