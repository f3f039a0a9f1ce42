"""The recompute's one cache is keyed by (cycle, plan stamp, scope): the same scope under the same stamp is a hit —
whichever of its categories' periods it names — and a plan change, which draws a new stamp, is a miss."""

from decimal import Decimal

import pytest

from assessment.models import RecomputeState
from assessment.plan.services import indicator_points_set
from assessment.recompute import cache as recompute_cache
from assessment.recompute.cache import kept_plan_get
from assessment.recompute.scope import EVERYTHING, Scope
from targets.models import IndicatorPoints

pytestmark = pytest.mark.django_db


@pytest.fixture
def loads(monkeypatch) -> list[Scope]:
    """The scopes whose plan parts were read from the database, in order."""
    seen: list[Scope] = []
    real = recompute_cache.plan_parts_load

    def spy(**kwargs):
        seen.append(kwargs["scope"])
        return real(**kwargs)

    monkeypatch.setattr(recompute_cache, "plan_parts_load", spy)
    return seen


def _stamp(cycle) -> int:
    return RecomputeState.objects.get(cycle=cycle).plan_stamp


def test_the_same_scope_is_a_hit_whatever_periods_it_names(scored_district, cycle, towns, periods, loads):
    stamp = _stamp(cycle)
    first = kept_plan_get(cycle_id=cycle.id, plan_stamp=stamp, scope=Scope.of_pairs([(towns.id, periods["Q1"].id)]))
    again = kept_plan_get(cycle_id=cycle.id, plan_stamp=stamp, scope=Scope.of_pairs([(towns.id, periods["Y"].id)]))
    whole = kept_plan_get(cycle_id=cycle.id, plan_stamp=stamp, scope=Scope.of_categories([towns.id]))
    assert first is again is whole
    assert loads == [Scope.of_categories([towns.id])]
    assert set(first.prepared.units) == set(first.parts.unit_codes.values())  # the towns' units, prepared


def test_other_categories_are_a_miss(scored_district, cycle, towns, econ, loads):
    stamp = _stamp(cycle)
    towns_kept = kept_plan_get(cycle_id=cycle.id, plan_stamp=stamp, scope=Scope.of_categories([towns.id]))
    both = kept_plan_get(cycle_id=cycle.id, plan_stamp=stamp, scope=Scope.of_categories([towns.id, econ.id]))
    assert towns_kept is not both
    assert loads == [Scope.of_categories([towns.id]), Scope.of_categories([towns.id, econ.id])]


def test_a_plan_change_draws_a_new_stamp_and_is_a_miss(
    scored_district, cycle, towns, direct_indicator, office_user, loads
):
    scope = Scope.of_categories([towns.id])
    before = kept_plan_get(cycle_id=cycle.id, plan_stamp=_stamp(cycle), scope=scope)
    points = dict(IndicatorPoints.objects.filter(indicator=direct_indicator).values_list("category_id", "points"))
    old_stamp = _stamp(cycle)
    indicator_points_set(
        indicator=direct_indicator, points={**points, towns.id: Decimal("40")}, user=office_user, reason="分值调整"
    )
    assert _stamp(cycle) != old_stamp

    after = kept_plan_get(cycle_id=cycle.id, plan_stamp=_stamp(cycle), scope=scope)

    assert after is not before and loads == [scope, scope]
    leaf = after.prepared.leaves[direct_indicator.code]
    assert leaf.points[towns.code] == Decimal("40")  # prepared from the new plan
    assert not [key for key in recompute_cache._kept if key[0] == cycle.id and key[1] == old_stamp]


def test_a_full_recompute_is_never_kept(scored_district, cycle):
    with pytest.raises(ValueError):
        kept_plan_get(cycle_id=cycle.id, plan_stamp=_stamp(cycle), scope=EVERYTHING)
