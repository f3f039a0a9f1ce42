"""The admin's list of every notification: read-only, for the readers of everything (考核办, 组织部, 纪检审计)."""

import pytest

from assessment.notifications.models import Notification
from assessment.notifications.services import notify

pytestmark = pytest.mark.django_db
URL = "/admin/notifications/notification/"


@pytest.fixture
def note(leader_of_town_a):
    notify(users=[leader_of_town_a], event="appeal_answered", key="a:1", title="您的申诉已采纳：甲镇 A01")
    return Notification.objects.get()


@pytest.mark.parametrize("who", ["office_user", "org_user", "auditor"])
def test_readers_of_everything_read_every_notification_and_change_none(request, client, note, who):
    client.force_login(request.getfixturevalue(who))
    page = client.get(URL)
    assert page.status_code == 200 and "您的申诉已采纳：甲镇 A01" in page.content.decode()
    detail = client.get(f"{URL}{note.pk}/change/")
    assert detail.status_code == 200
    assert client.post(f"{URL}{note.pk}/change/", {"title": "改过"}).status_code == 403
    assert client.get(f"{URL}add/").status_code == 403
    assert client.post(f"{URL}{note.pk}/delete/", {"post": "yes"}).status_code == 403
    note.refresh_from_db()
    assert note.title == "您的申诉已采纳：甲镇 A01"


@pytest.mark.parametrize("who", ["finance_scorer", "leader_of_town_a"])
def test_other_roles_do_not_see_others_messages_in_the_admin(request, client, note, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code in (302, 403)
    assert client.get(f"{URL}{note.pk}/change/").status_code in (302, 403, 404)


def test_the_admin_list_costs_the_same_queries_for_3_and_30_recipients(client, office_user, django_assert_num_queries):
    from tests.factories import UserFactory

    def tell(n, prefix):
        users = [UserFactory(username=f"{prefix}{i}") for i in range(n)]
        notify(users=users, event="publicity_opened", key=f"{prefix}:open", title="考核结果开始公示")

    client.force_login(office_user)
    tell(3, "few")
    client.get(URL)  # warm the content types
    with django_assert_num_queries(11) as few:
        assert client.get(URL).status_code == 200
    tell(30, "many")
    with django_assert_num_queries(len(few)):
        page = client.get(URL)
    assert page.content.decode().count("考核结果开始公示") >= 33
