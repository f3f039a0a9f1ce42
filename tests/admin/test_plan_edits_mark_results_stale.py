"""Plan data changed in the admin is an engine input: the cycle's results are marked stale; a locked cycle's plan
cannot be changed."""

from decimal import Decimal

from django.urls import reverse

from assessment.models import RecomputeState
from targets.models import IndicatorPoints


def _input_version(cycle) -> int:
    state = RecomputeState.objects.filter(cycle=cycle).first()
    return state.input_version if state else 0


def _indicator_form(indicator, points, towns):
    return {
        "cycle": indicator.cycle_id,
        "code": indicator.code,
        "name": indicator.name,
        "parent": "",
        "rule": indicator.rule,
        "params": "{}",
        "lead_unit": indicator.lead_unit_id or "",
        "points_by_category-TOTAL_FORMS": "1",
        "points_by_category-INITIAL_FORMS": "1",
        "points_by_category-MIN_NUM_FORMS": "0",
        "points_by_category-MAX_NUM_FORMS": "1000",
        "points_by_category-0-id": points.pk,
        "points_by_category-0-indicator": indicator.pk,
        "points_by_category-0-category": towns.pk,
        "points_by_category-0-points": "25",
    }


def test_changing_an_indicators_points_marks_the_results_stale(office_client, cycle, towns, direct_indicator):
    points = IndicatorPoints.objects.get(indicator=direct_indicator, category=towns)
    before = _input_version(cycle)
    response = office_client.post(
        reverse("admin:targets_indicator_change", args=[direct_indicator.pk]),
        _indicator_form(direct_indicator, points, towns),
    )
    assert response.status_code == 302
    points.refresh_from_db()
    assert points.points == Decimal("25")
    assert _input_version(cycle) == before + 1


def test_a_locked_cycles_indicator_cannot_be_changed(office_client, cycle, towns, direct_indicator):
    points = IndicatorPoints.objects.get(indicator=direct_indicator, category=towns)
    cycle.status = "final"
    cycle.save()
    response = office_client.post(
        reverse("admin:targets_indicator_change", args=[direct_indicator.pk]),
        _indicator_form(direct_indicator, points, towns),
    )
    assert response.status_code == 403
    points.refresh_from_db()
    assert points.points == Decimal("20")
