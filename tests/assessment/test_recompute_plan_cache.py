"""A worker keeps the plan parts an entry write cannot change (units, indicators, targets, cadre data) between
period-scoped recomputes, and never past a change of them: services draw a new plan stamp, and so does a forced
recompute after a change made outside the services."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment.models import UnitPeriodResult, UnitResult
from assessment.plan.services import indicator_points_set
from assessment.recompute import cache as recompute_cache
from assessment.recompute.service import cycle_recompute
from targets.models import IndicatorPoints
from tests.assessment.conftest import scores_write

pytestmark = pytest.mark.django_db
D = Decimal


def _q1_rate(unit, periods):
    return UnitPeriodResult.objects.get(unit=unit, period=periods["Q1"]).rate


def test_the_second_entry_write_loads_no_plan_parts(
    cycle, scored_district, periods, town_a, towns, direct_indicator, office_user, monkeypatch
):
    loads = []
    real = recompute_cache.plan_parts_load
    monkeypatch.setattr(
        recompute_cache, "plan_parts_load", lambda **kw: loads.append(set(kw["scope"].category_ids)) or real(**kw)
    )
    scores_write(cycle, office_user, [(periods["Q1"], town_a, direct_indicator, "11")])
    cycle_recompute(cycle_id=cycle.id)  # loads the towns' plan parts and keeps them
    scores_write(cycle, office_user, [(periods["Q1"], town_a, direct_indicator, "13")])

    with CaptureQueriesContext(connection) as queries:
        cycle_recompute(cycle_id=cycle.id)

    assert loads == [{towns.id}]
    assert not [q for q in queries.captured_queries if q["sql"].startswith('SELECT "targets_target"')]
    assert _q1_rate(town_a, periods) == D("65.00")  # 13 of 20


def test_entry_writes_after_a_plan_change_score_with_the_new_plan(
    cycle, scored_district, periods, town_a, towns, direct_indicator, office_user
):
    scores_write(cycle, office_user, [(periods["Q1"], town_a, direct_indicator, "11")])
    cycle_recompute(cycle_id=cycle.id)
    points = dict(IndicatorPoints.objects.filter(indicator=direct_indicator).values_list("category_id", "points"))
    indicator_points_set(
        indicator=direct_indicator, points={**points, towns.id: D("40")}, user=office_user, reason="分值调整"
    )
    cycle_recompute(cycle_id=cycle.id)  # everything, with 40 points

    scores_write(cycle, office_user, [(periods["Q1"], town_a, direct_indicator, "30")])
    cycle_recompute(cycle_id=cycle.id)

    assert _q1_rate(town_a, periods) == D("75.00")  # 30 of 40: not capped at the 20 points kept from before


def test_a_forced_recompute_after_a_change_outside_the_services_is_not_undone_by_later_writes(
    cycle, scored_district, periods, town_a, towns, direct_indicator, office_user
):
    scores_write(cycle, office_user, [(periods["Q1"], town_a, direct_indicator, "11")])
    cycle_recompute(cycle_id=cycle.id)
    IndicatorPoints.objects.filter(indicator=direct_indicator, category=towns).update(points=D("40"))  # a DBA's fix
    cycle_recompute(cycle_id=cycle.id, force=True)
    assert _q1_rate(town_a, periods) == D("27.50")

    scores_write(cycle, office_user, [(periods["Y"], town_a, direct_indicator, "30")])
    cycle_recompute(cycle_id=cycle.id)

    assert _q1_rate(town_a, periods) == D("27.50")
    assert UnitPeriodResult.objects.get(unit=town_a, period=periods["Y"]).rate == D("75.00")
    # S = (0.1 × 27.5 + 0.7 × 75) / 0.8
    assert UnitResult.objects.get(unit=town_a).score == D("69.06")
