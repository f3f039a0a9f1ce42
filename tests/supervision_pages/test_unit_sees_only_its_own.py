"""A unit's page: its items with the next due milestone, its reports and its 红黄黑档案 — for its own leader and
liaison, and the readers of everything; another unit's page, item form or evidence is refused."""

import pytest
from django.urls import reverse

from tests.supervision_pages.world import AS_OF

pytestmark = pytest.mark.django_db


def _unit_page(client, unit):
    return client.get(reverse("supervision:unit", args=[unit.pk]), {"as_of": AS_OF.isoformat()})


def test_liaison_lands_on_the_units_page_with_its_items_and_records(login, world, liaison_of_town_a):
    client = login(liaison_of_town_a)
    home = client.get("/")
    assert home.status_code == 302 and home["Location"] == reverse("supervision:my_unit")
    html = client.get(reverse("supervision:my_unit"), {"as_of": AS_OF.isoformat()}).content.decode()
    assert "甲镇" in html and "DB-A1" in html and "老旧小区改造" in html
    assert "第 1 节点 · 2025-06-01" in html  # the next due milestone, overdue since 2 June
    assert "防汛工作受市政府表彰" in html and "信访积案督查通报" in html
    assert "路基完成一半" in html  # its report waiting for review
    for other in ("DB-B1", "乙镇集贸市场搬迁", "乙镇安全事故问责", "乙镇主体施工"):
        assert other not in html
    assert f'href="{reverse("supervision:report_create", args=[world.items["behind"].pk])}"' in html
    assert "督查督办" in html  # the header menu leads here


def test_leader_sees_own_unit_and_is_refused_another(login, world, leader_of_town_a, town_a, town_b):
    client = login(leader_of_town_a)
    assert _unit_page(client, town_a).status_code == 200
    assert _unit_page(client, town_b).status_code == 403


@pytest.mark.parametrize("who", ["liaison_of_town_a", "leader_of_town_a"])
def test_another_units_item_form_and_evidence_are_not_found(request, login, world, who):
    client = login(request.getfixturevalue(who))
    assert client.get(reverse("supervision:report_create", args=[world.items["b_on_track"].pk])).status_code == 404
    assert client.get(reverse("supervision:report_create", args=[world.items["on_track"].pk])).status_code == 200


@pytest.mark.parametrize("who", ["office_user", "org_user", "auditor"])
def test_readers_open_every_unit_without_a_report_button(request, login, world, who, town_b):
    html = _unit_page(login(request.getfixturevalue(who)), town_b).content.decode()
    assert "乙镇集贸市场搬迁" in html
    assert "报送进展</a>" not in html


@pytest.mark.parametrize("who", ["liaison_of_town_a", "leader_of_town_a", "finance_scorer", "cadre_user"])
def test_board_and_archives_are_refused_to_units(request, login, world, who):
    client = login(request.getfixturevalue(who))
    for name in ("supervision:board", "supervision:archive", "supervision:archive_cadres"):
        assert client.get(reverse(name)).status_code == 403, name


@pytest.mark.parametrize("who", ["org_user", "auditor"])
def test_readers_see_the_board_without_review_buttons(request, login, world, who):
    html = login(request.getfixturevalue(who)).get(reverse("supervision:board")).content.decode()
    assert "待审核的进展报告" in html
    assert 'name="decision"' not in html


@pytest.mark.parametrize("who", ["org_user", "auditor", "leader_of_town_a", "liaison_of_town_a"])
def test_only_the_office_reviews_and_decides(request, login, world, who):
    client = login(request.getfixturevalue(who))
    report, record = world.reports["a_pending"], world.records["a_proposed"]
    client.post(reverse("supervision:report_review", args=[report.pk]), {"decision": "approve"})
    client.post(reverse("supervision:record_decide", args=[record.pk]), {"decision": "confirm"})
    report.refresh_from_db()
    record.refresh_from_db()
    assert report.status == "pending" and record.status == "proposed"
