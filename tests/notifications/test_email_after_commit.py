"""E-mail leaves only after the caller's transaction commits; a rollback leaves neither message nor mail."""

import pytest
from django.core import mail
from django.db import transaction

from assessment.notifications.models import Notification
from assessment.notifications.services import notify

pytestmark = pytest.mark.django_db


def _notify(user):
    return notify(users=[user], event="publicity_opened", key="publicity_opened:1:x", title="考核结果开始公示")


def test_no_email_before_the_commit(django_capture_on_commit_callbacks, leader_a_with_mail):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify(leader_a_with_mail)
        assert Notification.objects.count() == 1
    assert mail.outbox == []  # the transaction has not committed: nothing sent
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_rollback_leaves_no_message_and_sends_no_email(django_capture_on_commit_callbacks, leader_a_with_mail):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            _notify(leader_a_with_mail)
            raise RuntimeError("the caller's write failed")
    assert callbacks == []
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_the_email_task_delivered_twice_sends_once(django_capture_on_commit_callbacks, leader_a_with_mail):
    from assessment.notifications.mail import emails_send

    with django_capture_on_commit_callbacks(execute=True):
        _notify(leader_a_with_mail)
    ids = list(Notification.objects.values_list("id", flat=True))
    assert emails_send(notification_ids=ids) == 0  # a redelivered task (acks late) finds it sent
    assert len(mail.outbox) == 1


def test_a_broker_that_refuses_the_task_still_gets_the_mail_out(
    monkeypatch, django_capture_on_commit_callbacks, leader_a_with_mail
):
    from celery import current_app

    def refuse(*args, **kwargs):
        raise ConnectionError("broker down")

    monkeypatch.setattr(current_app, "signature", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        _notify(leader_a_with_mail)
    assert len(mail.outbox) == 1


def test_a_mail_server_that_fails_leaves_the_message_marked_not_sent(
    monkeypatch, django_capture_on_commit_callbacks, leader_a_with_mail
):
    from django.core.mail.backends.locmem import EmailBackend

    def fail(self, messages):
        raise OSError("mail server unreachable")

    monkeypatch.setattr(EmailBackend, "send_messages", fail)
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify(leader_a_with_mail) == 1  # the caller is not disturbed
    note = Notification.objects.get()
    assert note.emailed_at is None and mail.outbox == []
