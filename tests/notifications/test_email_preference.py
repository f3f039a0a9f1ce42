"""Each person can turn e-mail off; the inbox still receives. No address, no e-mail."""

import pytest
from django.core import mail

from assessment.notifications.models import Notification, NotificationPreference
from assessment.notifications.services import notify

pytestmark = pytest.mark.django_db


def _notify(users, key="k1"):
    return notify(users=users, event="publicity_opened", key=key, title="考核结果开始公示")


def test_email_off_gets_the_message_but_no_email(
    client, django_capture_on_commit_callbacks, leader_a_with_mail, second_leader_of_town_a
):
    client.force_login(leader_a_with_mail)
    response = client.post("/notifications/preference/", {})  # the box unticked
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=leader_a_with_mail).email_enabled is False
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify([leader_a_with_mail, second_leader_of_town_a]) == 2
    assert [m.to for m in mail.outbox] == [["leader_a2@example.gov.cn"]]
    assert Notification.objects.filter(recipient=leader_a_with_mail, emailed_at__isnull=True).exists()
    page = client.get("/notifications/").content.decode()
    assert "考核结果开始公示" in page and 'name="email_enabled" value="on">' in page  # shown unticked


def test_turning_it_back_on_sends_again(client, django_capture_on_commit_callbacks, leader_a_with_mail):
    NotificationPreference.objects.create(user=leader_a_with_mail, email_enabled=False)
    client.force_login(leader_a_with_mail)
    client.post("/notifications/preference/", {"email_enabled": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        _notify([leader_a_with_mail])
    assert len(mail.outbox) == 1


def test_without_an_address_no_email_and_the_page_says_so(client, django_capture_on_commit_callbacks, leader_of_town_a):
    assert leader_of_town_a.email == ""
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify([leader_of_town_a]) == 1
    assert mail.outbox == []
    client.force_login(leader_of_town_a)
    assert "尚未登记电子邮箱" in client.get("/notifications/").content.decode()
