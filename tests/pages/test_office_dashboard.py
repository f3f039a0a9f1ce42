"""The office dashboard: scoring progress per lead department, units lacking targets, appeals, recompute."""

import re

import pytest
from django.urls import reverse

from assessment.models import RecomputeState, ScoreEntry
from targets.models import Indicator, Target
from units.models import Unit

pytestmark = pytest.mark.django_db


def _board(client):
    response = client.get(reverse("pages:dashboard"))
    assert response.status_code == 200
    return response, response.context["board"]


def test_only_the_office_opens_the_dashboard(login, district, leader_of_town_a, org_user):
    assert login(leader_of_town_a).get(reverse("pages:dashboard")).status_code == 403
    assert login(org_user).get(reverse("pages:dashboard")).status_code == 403


def test_progress_counts_entered_against_expected_per_lead_department(login, district, office_user):
    _, board = _board(login(office_user))
    assert [p.code for p in board.open_periods] == ["Q1", "Q2", "Q3", "Y"]
    units_in_category = Unit.objects.filter(category=district.categories[0]).count()
    for dept in board.progress:
        leaves = Indicator.objects.filter(cycle=district.cycle, lead_unit_id=dept.unit_id).exclude(rule="")
        for period, cell in zip(board.open_periods, dept.cells, strict=True):
            assert cell.expected == leaves.count() * units_in_category
            assert cell.entered == ScoreEntry.objects.filter(period=period, indicator__in=leaves).count()


def test_closed_periods_are_left_out_of_the_progress(login, district, office_user):
    district.periods[0].is_open = False
    district.periods[0].save()
    _, board = _board(login(office_user))
    assert [p.code for p in board.open_periods] == ["Q2", "Q3", "Y"]


def test_units_lacking_targets_are_listed_with_how_many(login, district, office_user, town_a):
    Target.objects.filter(unit=town_a, indicator__code="A02").delete()
    response, board = _board(login(office_user))
    missing = {m.code: m.missing for m in board.missing_targets}
    assert missing["T01"] == 1
    # The scenario leaves its last unit without any of its three targets.
    assert missing[district.units[-1].code] == 3
    assert len(missing) == 2
    assert "缺少目标的单位" in response.content.decode()


def test_pending_appeals_are_counted_and_listed(login, appeals_of_town_a, office_user):
    response, board = _board(login(office_user))
    assert board.pending_appeal_count == 1
    assert [a.status for a in board.pending_appeals] == ["pending"]
    assert "甲镇" in response.content.decode()


def test_recompute_status_and_time(login, district, office_user):
    client = login(office_user)
    response, _ = _board(client)
    assert "已是最新" in response.content.decode()
    RecomputeState.objects.filter(cycle=district.cycle).update(input_version=3)
    html = client.get(reverse("pages:dashboard")).content.decode()
    assert re.search(r"待重新计算（2 项变更）", html)


def test_links_to_imports_and_exports(login, district, office_user):
    html = login(office_user).get(reverse("pages:dashboard")).content.decode()
    assert reverse("pages:results") in html
    assert "导出考核结果" in html
