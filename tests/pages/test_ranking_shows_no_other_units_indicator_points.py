"""A unit leader sees of another unit only what the ranking publishes (rank, score, grade, colour): no other
unit's per-indicator points anywhere in the page, its lost-points panel or its chart data (DESIGN.md)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessment.models import UnitPeriodResult, UnitResult

pytestmark = pytest.mark.django_db


def _figures(value: Decimal) -> set[str]:
    """The ways a template could print `value`."""
    return {format(value.quantize(Decimal("0.01")), "f"), format(value.normalize(), "f")}


def test_leader_not_in_first_place_sees_no_other_units_indicator_points(login, district, leader_of_town_a, town_a):
    UnitResult.objects.filter(cycle=district.cycle, unit=town_a).update(rank=99)  # someone else leads
    others = UnitPeriodResult.objects.filter(cycle=district.cycle).exclude(unit=town_a).order_by("unit_id", "pk")
    # Give every other unit per-indicator points that no published or own figure can coincide with (thousands,
    # where scores and points are below 200), then look for them.
    leaked, sums = set(), {}
    for n, result in enumerate(others):
        result.points = {
            code: str(Decimal("5000.37") + 10 * n + Decimal(i) / 100) for i, code in enumerate(sorted(result.points))
        }
        result.save(update_fields=["points"])
        for code, value in result.points.items():
            leaked |= _figures(Decimal(value))
            key = (result.unit_id, code)
            sums[key] = sums.get(key, Decimal("0")) + Decimal(value)
    for total in sums.values():
        leaked |= _figures(total)

    response = login(leader_of_town_a).get(reverse("pages:ranking"))
    html = response.content.decode()
    page = response.context["page"]
    assert page.rows[0].unit_id != town_a.pk
    assert page.lost, "the lost-points panel is shown"
    assert sorted(f for f in leaked if f in html) == []
    assert "第一名" not in html.split('data-testid="ranking-table"')[0]
    chart = str(response.context["chart"])
    assert sorted(f for f in leaked if f in chart) == []
