"""A leader sees only what the ranking publishes of other units; their detail is refused, whatever the URL."""

import pytest
from django.urls import reverse

from assessment.models import UnitResult

pytestmark = pytest.mark.django_db


def test_leader_is_refused_another_units_detail(login, district, leader_of_town_a, town_b):
    response = login(leader_of_town_a).get(reverse("pages:unit_ranking", args=[town_b.pk]))
    assert response.status_code == 403
    assert "只能查看本单位的考核明细" in response.content.decode()


def test_leader_may_open_their_own_unit_by_id(login, district, leader_of_town_a, town_a):
    assert login(leader_of_town_a).get(reverse("pages:unit_ranking", args=[town_a.pk])).status_code == 200


def test_an_unknown_unit_id_is_not_found(login, district, leader_of_town_a):
    assert login(leader_of_town_a).get(reverse("pages:unit_ranking", args=[999999])).status_code == 404


def test_other_units_show_only_rank_score_grade_and_colour(login, district, leader_of_town_a, town_b):
    html = login(leader_of_town_a).get(reverse("pages:ranking")).content.decode()
    other = UnitResult.objects.get(cycle=district.cycle, unit=town_b)
    # No link into another unit's page, and none of its private figures or cadres.
    assert reverse("pages:unit_ranking", args=[town_b.pk]) not in html
    assert f"{other.bonus_money:.2f}" not in html
    for cadre in town_b.cadres.all():
        assert cadre.name not in html


def test_leader_of_another_unit_sees_their_own_unit_not_town_a(login, district, leader_of_town_b, town_b):
    page = login(leader_of_town_b).get(reverse("pages:ranking")).context["page"]
    assert page.unit == town_b
    assert [r.name for r in page.rows if r.is_own] == ["乙镇"]


def test_person_without_a_unit_has_no_ranking_page(login, district, finance_scorer):
    assert login(finance_scorer).get(reverse("pages:ranking")).status_code == 403


def test_organisation_department_may_open_any_units_detail(login, district, org_user, town_b):
    response = login(org_user).get(reverse("pages:unit_ranking", args=[town_b.pk]))
    assert response.status_code == 200
    assert response.context["page"].own.unit_id == town_b.pk


def test_leader_sees_no_results_of_a_cycle_still_being_drafted(login, district, leader_of_town_a):
    district.cycle.status = "issued"
    district.cycle.save()
    response = login(leader_of_town_a).get(reverse("pages:ranking"))
    assert response.status_code == 200
    assert "page" not in response.context
    assert "暂无考核结果" in response.content.decode()
