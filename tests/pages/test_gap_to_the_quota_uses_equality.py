"""Issue 13 §10 / SCORING.md §7: tied units at the boundary all qualify for 优秀, so the gap to the quota is the
difference itself (equal scores share the rank), not one cent more."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessment.models import UnitResult
from tests.pages.scenario import district_build

pytestmark = pytest.mark.django_db


def test_the_gap_to_the_quota_is_reached_by_equalling_the_boundary_score(login, town_a, town_b, leader_of_town_a):
    district_build(units_per_category=8, include=(town_a, town_b))
    client = login(leader_of_town_a)
    quota = client.get(reverse("pages:ranking")).context["page"].gap.quota
    assert quota >= 1
    others = list(UnitResult.objects.exclude(unit=town_a).order_by("rank", "unit__code"))
    boundary = others[quota - 1]
    UnitResult.objects.filter(unit=town_a).update(score=boundary.score - Decimal("15.96"), rank=len(others) + 1)
    gap = client.get(reverse("pages:ranking")).context["page"].gap
    assert gap.quota_row.code == boundary.unit.code
    assert gap.to_quota == Decimal("15.96")  # equal to the boundary unit's score is enough, not 15.97
