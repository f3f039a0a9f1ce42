"""The organisation department's pages: every category's results with filters, cadres, teams, outcome lists."""

import pytest
from django.urls import reverse

from assessment.models import CadreResult, UnitResult
from tests.pages.scenario import district_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_categories(town_a, town_b):
    categories = (("ZJ", "镇街"), ("JJ", "经济部门"))
    return district_build(units_per_category=6, include=(town_a, town_b), categories=categories)


def test_results_of_every_category(login, two_categories, org_user):
    blocks = login(org_user).get(reverse("pages:results")).context["blocks"]
    assert [b.code for b in blocks] == ["JJ", "ZJ"]
    assert sum(len(b.results) for b in blocks) == UnitResult.objects.count() == 12


def test_filters_by_category_grade_colour_and_name(login, two_categories, org_user):
    client = login(org_user)
    blocks = client.get(reverse("pages:results"), {"category": "JJ"}).context["blocks"]
    assert [b.code for b in blocks] == ["JJ"]
    UnitResult.objects.filter(unit__code="T01").update(grade="excellent", colour="red")
    blocks = client.get(reverse("pages:results"), {"grade": "excellent"}).context["blocks"]
    assert {r["grade"] for b in blocks for r in b.results} == {"excellent"}
    blocks = client.get(reverse("pages:results"), {"colour": "red"}).context["blocks"]
    assert "T01" in [r["code"] for b in blocks for r in b.results]
    blocks = client.get(reverse("pages:results"), {"q": "甲镇"}).context["blocks"]
    assert [r["code"] for b in blocks for r in b.results] == ["T01"]


def test_unknown_filter_values_are_ignored(login, two_categories, org_user):
    blocks = login(org_user).get(reverse("pages:results"), {"grade": "'; drop", "colour": "pink"}).context["blocks"]
    assert sum(len(b.results) for b in blocks) == 12


def test_cadre_results_with_recall_flags(login, two_categories, org_user):
    CadreResult.objects.filter(cadre__code="T01-3").update(grade="incompetent", recall=True)
    client = login(org_user)
    page = client.get(reverse("pages:cadre_results")).context["page_obj"]
    assert page.paginator.count == CadreResult.objects.count()
    recalled = client.get(reverse("pages:cadre_results"), {"recall": "1"})
    codes = [c.cadre.code for c in recalled.context["page_obj"]]
    assert "T01-3" in codes
    assert all(c.recall for c in recalled.context["page_obj"])
    assert "召回管理" in recalled.content.decode()


def test_leadership_teams_carry_their_units_grade(login, two_categories, org_user, town_a):
    teams = login(org_user).get(reverse("pages:team_results")).context["teams"]
    team_a = next(t for t in teams if t.result.unit_id == town_a.pk)
    assert team_a.result.grade == UnitResult.objects.get(unit=town_a).grade
    expected = CadreResult.objects.filter(unit=town_a, team_member=True).order_by("rank", "cadre__code")
    assert [m.cadre.code for m in team_a.members] == list(expected.values_list("cadre__code", flat=True))
    assert all(m.team_member for m in team_a.members)


def test_outcome_lists_follow_the_outcomes_on_record(login, two_categories, org_user, town_a, town_b):
    UnitResult.objects.filter(unit=town_a).update(outcomes=["commend"])
    UnitResult.objects.filter(unit=town_b).update(outcomes=["criticise", "talk", "veto"])
    CadreResult.objects.filter(cadre__code="T02-1").update(recall=True, grade="incompetent")
    lists = login(org_user).get(reverse("pages:outcome_results")).context["lists"]
    assert town_a.pk in [r.unit_id for r in lists.commend]
    assert town_b.pk in [r.unit_id for r in lists.criticise]
    assert town_b.pk in [r.unit_id for r in lists.talk]
    assert town_b.pk in [r.unit_id for r in lists.veto]
    assert town_b.pk not in [r.unit_id for r in lists.commend]
    assert "T02-1" in [c.cadre.code for c in lists.recall]


def test_leaders_and_scorers_cannot_open_the_results_pages(login, two_categories, leader_of_town_a):
    client = login(leader_of_town_a)
    for name in ("pages:results", "pages:cadre_results", "pages:team_results", "pages:outcome_results"):
        assert client.get(reverse(name)).status_code == 403


def test_result_workbook_download(login, two_categories, org_user, monkeypatch):
    from assessment.results import workbook as results_export

    calls = []

    def fake_workbook(*, cycle, user=None):
        calls.append((cycle.year, user.username))
        return b"PK-fake-xlsx"

    monkeypatch.setattr(results_export, "results_workbook_bytes", fake_workbook)
    response = login(org_user).get(reverse("pages:results_download"), {"cycle": "2025"})
    assert response.status_code == 200
    assert response.content == b"PK-fake-xlsx"
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    assert calls == [(2025, "orgdept")]


def test_leader_and_auditor_cannot_download_the_result_workbook(login, two_categories, leader_of_town_a, auditor):
    assert login(leader_of_town_a).get(reverse("pages:results_download")).status_code == 403
    assert login(auditor).get(reverse("pages:results_download")).status_code == 403
