"""The page header shows the unread count on every page, at the cost of one query; the inbox's queries are pinned."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessment.notifications.models import Notification
from assessment.notifications.services import notify

pytestmark = pytest.mark.django_db


def _badge(html: str) -> str | None:
    match = re.search(r'id="header-messages">消息(?:<span class="unread-count"[^>]*>(\d+)</span>)?</a>', html)
    assert match, "the header's message link is missing"
    return match.group(1)


def _tell(user, n, prefix="k"):
    for i in range(n):
        notify(users=[user], event="publicity_opened", key=f"{prefix}:{i}", title=f"第 {i} 条")


def test_the_header_shows_the_unread_count_on_other_pages(client, leader_of_town_a, leader_of_town_b):
    _tell(leader_of_town_a, 3)
    _tell(leader_of_town_b, 5)
    client.force_login(leader_of_town_a)
    assert _badge(client.get("/help/").content.decode()) == "3"
    Notification.objects.filter(recipient=leader_of_town_a, key="k:0").update(read_at=timezone.now())
    assert _badge(client.get("/notifications/").content.decode()) == "2"
    client.post("/notifications/read-all/")
    assert _badge(client.get("/help/").content.decode()) is None


def _count_queries(client, url) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), [q["sql"] for q in ctx.captured_queries]


def test_the_header_costs_one_query_whatever_the_count(client, leader_of_town_a):
    client.force_login(leader_of_town_a)
    before, _ = _count_queries(client, "/help/")
    _tell(leader_of_town_a, 40)
    after, sql = _count_queries(client, "/help/")
    assert after == before
    assert sum("notifications_notification" in q for q in sql) == 1


def test_the_inbox_costs_the_same_queries_for_3_and_60_messages(client, leader_of_town_a, django_assert_num_queries):
    client.force_login(leader_of_town_a)
    _tell(leader_of_town_a, 3)
    # session, user, page count, unread count (the header's too), preference, page rows, the menu's roles and units
    with django_assert_num_queries(8):
        client.get("/notifications/")
    _tell(leader_of_town_a, 60, prefix="more")
    with django_assert_num_queries(8):
        page = client.get("/notifications/").content.decode()
    assert page.count('class="notice unread"') == 30 and "第 1 / 3 页" in page


def test_the_admin_and_the_staff_workflow_pages_show_the_count_too(client, office_user):
    _tell(office_user, 2)
    client.force_login(office_user)
    for url in ("/admin/", "/admin/notifications/notification/"):
        html = client.get(url).content.decode()
        assert re.search(r'id="header-messages">消息 <span class="admin-unread-count"[^>]*>2</span></a>', html), url
