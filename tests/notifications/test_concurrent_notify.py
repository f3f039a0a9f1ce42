"""Two notify() calls for the same event at the same moment (two workers of the daily job): one message, one mail."""

import threading

import pytest
from django.core import mail
from django.db import transaction

from assessment.notifications import services
from assessment.notifications.models import Notification
from tests.concurrency import Worker, pause_in, require_postgresql, wait_for_lock_waiter

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_concurrent_calls_make_one_message_and_one_email(monkeypatch, settings, leader_a_with_mail):
    require_postgresql()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    inside, release = threading.Event(), threading.Event()
    # The first call inserts and then holds its transaction open; the second must wait on the row and insert
    # nothing once the first commits.
    real_bulk_create = Notification.objects.bulk_create
    monkeypatch.setattr(
        Notification.objects, "bulk_create", pause_in("first", real_bulk_create, inside, release), raising=False
    )

    def call():
        with transaction.atomic():
            return services.notify(
                users=[leader_a_with_mail], event="appeal_deadline", key="appeal_deadline:1:x", title="申诉即将截止"
            )

    first, second = Worker(call, "first"), Worker(call, "second")
    first.start()
    first.reached(inside)
    second.start()
    assert wait_for_lock_waiter(), "the second call did not wait for the first one's row"
    release.set()
    results = sorted([first.outcome()[0], second.outcome()[0]])
    assert (first.error, second.error) == (None, None)
    assert results == [0, 1]
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1
