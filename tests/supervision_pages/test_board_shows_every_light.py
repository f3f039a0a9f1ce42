"""The office's board: items by light with counts, filters by unit, leader, source and light, the 缺报 list,
the reports and records waiting for the office, and the monthly progress ranking."""

import re

import pytest
from django.urls import reverse

from tests.supervision_pages.world import AS_OF

pytestmark = pytest.mark.django_db


def _board(client, **params):
    response = client.get(reverse("supervision:board"), {"as_of": AS_OF.isoformat(), **params})
    assert response.status_code == 200
    return response.content.decode()


def _count(html, key):
    match = re.search(rf'data-testid="count-{key}"><span class="n">(\d+)</span>', html)
    return int(match.group(1))


def _listed(html):
    return re.findall(r'data-testid="item-([A-Z0-9-]+)" data-status="(\w+)"', html)


def test_every_light_is_counted_and_listed_worst_first(login, world, office_user):
    html = _board(login(office_user))
    counts = {k: _count(html, k) for k in ("overdue", "behind", "due_soon", "on_track", "done", "missing")}
    assert counts == {"overdue": 2, "behind": 1, "due_soon": 1, "on_track": 3, "done": 1, "missing": 1}
    listed = _listed(html)
    assert [status for _code, status in listed] == [
        "overdue",
        "overdue",
        "behind",
        "due_soon",
        "on_track",
        "on_track",
        "on_track",
        "done",
    ]
    assert dict(listed)["DB-A6"] == "on_track"  # 缺报 is shown beside the status, it does not change it
    for word in ("超期", "滞后", "临期", "正常", "已办结", "缺报"):
        assert word in html


def test_filters_narrow_the_list_not_the_ranking(login, world, office_user, town_b):
    client = login(office_user)
    html = _board(client, unit=town_b.pk)
    assert sorted(code for code, _s in _listed(html)) == ["DB-B1", "DB-B2"]
    assert _count(html, "overdue") == 1
    assert "甲镇" in html.split('data-testid="progress-ranking"')[1]  # the ranking still covers every unit

    leader = world.cadres["a2"]
    assert sorted(c for c, _s in _listed(_board(client, leader=leader.pk))) == ["DB-A2", "DB-A4", "DB-A6"]
    assert [c for c, _s in _listed(_board(client, source="领导批示"))] == ["DB-A3"]
    assert [c for c, _s in _listed(_board(client, light="overdue"))] == ["DB-A1", "DB-B1"]
    assert [c for c, _s in _listed(_board(client, light="missing"))] == ["DB-A6"]


def test_missing_list_names_the_month_and_its_due_day(login, world, office_user):
    html = _board(login(office_user)).split('data-testid="missing-list"')[1].split("</section>")[0]
    assert "DB-A6" in html and "2025年5月" in html and "6月5日" in html
    assert "DB-A4" not in html


def test_monthly_ranking_by_share_of_items_on_track(login, world, office_user):
    html = _board(login(office_user), month="2025-06").split('data-testid="progress-ranking"')[1]
    rows = re.findall(
        r'<td class="num">(\d+)</td><td><a [^>]+>(.+?)</a></td><td class="num">(\d+)</td>'
        r'<td class="num">(\d+)</td><td class="num">([\d.]+)%</td>',
        html,
    )
    # As of the board's date: 甲镇 4 of 6 on track (超期 and 滞后 are not), 乙镇 1 of 2.
    assert rows == [("1", "甲镇", "6", "4", "66.67"), ("2", "乙镇", "2", "1", "50.00")]


def test_ranking_of_an_earlier_month_is_as_of_its_last_day(login, world, office_user):
    html = _board(login(office_user), month="2025-05").split('data-testid="progress-ranking"')[1]
    # On 31 May, reports dated in June did not exist yet: 甲镇 had DB-A5 done and DB-A6 on track of its five started
    # items (DB-A3 starts on 1 June), 乙镇 none of two (DB-B1 overdue since 21 May, DB-B2 behind).
    assert "2025年5月" in html
    rows = re.findall(r'<a [^>]+>(.+?)</a></td><td class="num">(\d+)</td><td class="num">(\d+)</td>', html)
    assert rows == [("甲镇", "5", "2"), ("乙镇", "2", "0")]


def test_reports_and_records_wait_with_their_buttons(login, world, office_user):
    html = _board(login(office_user))
    pending = html.split('data-testid="pending-reports"')[1].split("</section>")[0]
    assert "路基完成一半" in pending and "乙镇主体施工" in pending
    assert f'data-testid="approve-{world.reports["a_pending"].pk}"' in pending
    assert 'name="reason" required' in pending
    records = html.split('data-testid="proposed-records"')[1].split("</section>")[0]
    assert "节点逾期：DB-A1 第 1 节点" in records and "节点逾期：DB-B1 第 1 节点" in records
    assert "信访积案督查通报" not in records  # confirmed records are not waiting
    assert f'data-testid="confirm-{world.records["a_proposed"].pk}"' in records


def test_the_office_dashboard_leads_to_the_board(login, world, office_user):
    html = login(office_user).get(reverse("pages:dashboard")).content.decode()
    assert f"{reverse('supervision:board')}?cycle=2025" in html
