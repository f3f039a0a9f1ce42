"""The inbox: a person sees and marks only their own notifications; marking is POST with CSRF."""

import pytest
from django.test import Client

from assessment.notifications.models import Notification
from assessment.notifications.services import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_inboxes(leader_of_town_a, leader_of_town_b):
    notify(users=[leader_of_town_a], event="appeal_answered", key="a:1", title="甲镇的申诉已答复", url="/ranking/")
    notify(users=[leader_of_town_a], event="publicity_opened", key="p:1", title="2025年度考核结果开始公示")
    notify(users=[leader_of_town_b], event="appeal_answered", key="a:2", title="乙镇的申诉已答复")
    return {
        "a": Notification.objects.filter(recipient=leader_of_town_a).order_by("pk"),
        "b": Notification.objects.get(recipient=leader_of_town_b),
    }


def test_the_list_shows_only_ones_own(client, two_inboxes, leader_of_town_a):
    client.force_login(leader_of_town_a)
    page = client.get("/notifications/").content.decode()
    assert "甲镇的申诉已答复" in page and "2025年度考核结果开始公示" in page
    assert "乙镇的申诉已答复" not in page
    assert "申诉已答复" in page and "考核结果公示" in page  # the events' labels
    assert "None" not in page


def test_marking_another_persons_notification_is_a_404_and_changes_nothing(client, two_inboxes, leader_of_town_a):
    client.force_login(leader_of_town_a)
    other = two_inboxes["b"]
    assert client.post(f"/notifications/{other.pk}/read/").status_code == 404
    other.refresh_from_db()
    assert other.read_at is None


def test_mark_one_read_then_go_to_its_page(client, two_inboxes, leader_of_town_a):
    client.force_login(leader_of_town_a)
    first = two_inboxes["a"][0]
    response = client.post(f"/notifications/{first.pk}/read/", {"next": first.url})
    assert response.status_code == 302 and response["Location"] == "/ranking/"
    first.refresh_from_db()
    assert first.read_at is not None
    assert two_inboxes["a"][1].read_at is None


def test_mark_read_never_redirects_off_the_site(client, two_inboxes, leader_of_town_a):
    client.force_login(leader_of_town_a)
    first = two_inboxes["a"][0]
    response = client.post(f"/notifications/{first.pk}/read/", {"next": "https://evil.example/"})
    assert response["Location"] == "/notifications/"


def test_mark_all_read_touches_only_ones_own(client, two_inboxes, leader_of_town_a):
    client.force_login(leader_of_town_a)
    client.post("/notifications/read-all/")
    assert not Notification.objects.filter(recipient=leader_of_town_a, read_at__isnull=True).exists()
    two_inboxes["b"].refresh_from_db()
    assert two_inboxes["b"].read_at is None
    assert "已将 2 条消息标为已读" in client.get("/notifications/").content.decode()


def test_only_unread_filter(client, two_inboxes, leader_of_town_a):
    client.force_login(leader_of_town_a)
    client.post(f"/notifications/{two_inboxes['a'][0].pk}/read/")
    page = client.get("/notifications/?unread=1").content.decode()
    assert "2025年度考核结果开始公示" in page and "甲镇的申诉已答复" not in page


def test_writes_are_post_only_and_need_the_csrf_token(two_inboxes, leader_of_town_a):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(leader_of_town_a)
    first = two_inboxes["a"][0]
    assert strict.get(f"/notifications/{first.pk}/read/").status_code == 405
    assert strict.get("/notifications/read-all/").status_code == 405
    assert strict.post(f"/notifications/{first.pk}/read/").status_code == 403
    assert strict.post("/notifications/read-all/").status_code == 403
    assert strict.post("/notifications/preference/", {}).status_code == 403
    assert not Notification.objects.filter(read_at__isnull=False).exists()


def test_anonymous_visitors_are_sent_to_the_login(client, two_inboxes):
    response = client.get("/notifications/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    first = two_inboxes["a"][0]
    assert client.post(f"/notifications/{first.pk}/read/").status_code == 302
    first.refresh_from_db()
    assert first.read_at is None
