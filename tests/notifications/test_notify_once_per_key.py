"""notify(): one message per person and event key, however often it is called, with one e-mail each."""

import pytest
from django.core import mail

from assessment.notifications.models import Notification
from assessment.notifications.services import notify

pytestmark = pytest.mark.django_db


def _notify(users, key="appeal_answered:1", **kw):
    kw.setdefault("title", "您的申诉已答复")
    return notify(users=users, event="appeal_answered", key=key, **kw)


def test_the_same_event_twice_gives_one_message_and_one_email(django_capture_on_commit_callbacks, leader_a_with_mail):
    with django_capture_on_commit_callbacks(execute=True):
        first = _notify([leader_a_with_mail], body="考核办答复：采纳", url="/workflow/appeals/")
    with django_capture_on_commit_callbacks(execute=True):
        second = _notify([leader_a_with_mail], body="考核办答复：采纳", url="/workflow/appeals/")
    assert (first, second) == (1, 0)
    assert Notification.objects.filter(recipient=leader_a_with_mail).count() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["leader_a@example.gov.cn"]
    assert message.subject == "【考核管理系统】您的申诉已答复"
    assert "考核办答复：采纳" in message.body and "http://127.0.0.1:8000/workflow/appeals/" in message.body
    assert Notification.objects.get().emailed_at is not None


def test_a_second_call_reaches_only_the_people_not_told_yet(
    django_capture_on_commit_callbacks, leader_a_with_mail, second_leader_of_town_a
):
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify([leader_a_with_mail]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify([leader_a_with_mail, second_leader_of_town_a]) == 1
    assert [m.to for m in mail.outbox] == [["leader_a@example.gov.cn"], ["leader_a2@example.gov.cn"]]


def test_another_key_is_another_message(leader_a_with_mail):
    assert _notify([leader_a_with_mail], key="appeal_answered:1") == 1
    assert _notify([leader_a_with_mail], key="appeal_answered:2") == 1
    assert Notification.objects.filter(recipient=leader_a_with_mail).count() == 2


def test_a_person_listed_twice_and_inactive_people_and_none(leader_a_with_mail, leader_b_with_mail):
    leader_b_with_mail.is_active = False
    leader_b_with_mail.save()
    assert _notify([leader_a_with_mail, leader_a_with_mail, None, leader_b_with_mail]) == 1
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["leader_a"]


def test_nobody_to_tell_writes_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert _notify([]) == 0


@pytest.mark.parametrize(
    ("kw", "problem"),
    [
        ({"event": "no_such_event"}, "unknown notification event"),
        ({"key": ""}, "key"),
        ({"key": "x" * 201}, "key"),
        ({"url": "https://evil.example/"}, "url"),
        ({"url": "//evil.example/"}, "url"),
        ({"url": "javascript:alert(1)"}, "url"),
    ],
)
def test_bad_arguments_are_refused_and_nothing_is_written(leader_a_with_mail, kw, problem):
    args = {"users": [leader_a_with_mail], "event": "appeal_answered", "key": "k", "title": "标题", **kw}
    with pytest.raises(ValueError, match=problem):
        notify(**args)
    assert not Notification.objects.exists()


def test_a_long_title_is_shortened_not_refused(leader_a_with_mail):
    _notify([leader_a_with_mail], title="长" * 300)
    title = Notification.objects.get().title
    assert len(title) == 200 and title.endswith("…")


def test_the_services_limits_are_the_columns_lengths():
    from assessment.notifications import services

    field = Notification._meta.get_field
    assert (services.TITLE_MAX, services.KEY_MAX, services.URL_MAX) == (
        field("title").max_length,
        field("key").max_length,
        field("url").max_length,
    )
