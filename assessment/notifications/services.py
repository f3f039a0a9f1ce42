"""Writes of the notifications subsystem: `notify` (the seam every other subsystem calls), reading, preferences.

`notify` is called inside the caller's transaction: the notifications are part of what it writes (a rollback
leaves none), and e-mail goes out only after the commit.
"""

import uuid
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from assessment.notifications import mail
from assessment.notifications.events import Event
from assessment.notifications.models import Notification, NotificationPreference

# The columns' lengths (models.py), checked here so a long value is refused or shortened, never a database error.
TITLE_MAX = 200
KEY_MAX = 200
URL_MAX = 500


def notify(*, users: Iterable, event: str, key: str, title: str, body: str = "", url: str = "") -> int:
    """One notification per (active) user unless that user already has one with `key`; returns how many were made.

    `key` names the occurrence of the event ("appeal_answered:17"): the same key never reaches a person twice,
    whoever calls and however often, also when two calls race (a unique constraint decides, and each call reads
    back only the rows it inserted). E-mail is sent after the caller's transaction commits, to the people reached
    now who have an address and have not turned e-mail off.
    """
    if event not in Event.values:
        raise ValueError(f"unknown notification event {event!r}")
    if not key or len(key) > KEY_MAX:
        raise ValueError(f"notification key must be 1..{KEY_MAX} characters")
    if url and (not url.startswith("/") or url.startswith("//") or len(url) > URL_MAX):
        raise ValueError("notification url must be a path of this site")
    title = title if len(title) <= TITLE_MAX else title[: TITLE_MAX - 1] + "…"
    ids = sorted({u.pk for u in users if u is not None and getattr(u, "is_active", True)})
    if not ids:
        return 0
    with transaction.atomic():
        already = set(Notification.objects.filter(key=key, recipient_id__in=ids).values_list("recipient_id", flat=True))
        fresh = [user_id for user_id in ids if user_id not in already]
        if not fresh:
            return 0
        batch = uuid.uuid4()
        Notification.objects.bulk_create(
            [
                Notification(recipient_id=user_id, event=event, key=key, title=title, body=body, url=url, batch=batch)
                for user_id in fresh
            ],
            ignore_conflicts=True,  # a concurrent call inserted some of them first: theirs, not ours
        )
        created = list(
            Notification.objects.filter(key=key, recipient_id__in=fresh, batch=batch).values_list("id", flat=True)
        )
        if created:
            transaction.on_commit(lambda: mail.emails_enqueue(notification_ids=created))
    return len(created)


def notification_mark_read(*, user, notification_id: int) -> bool:
    """Mark one of the user's own notifications read; False when it is not theirs (or does not exist)."""
    mine = Notification.objects.filter(pk=notification_id, recipient=user)
    if not mine.exists():
        return False
    mine.filter(read_at__isnull=True).update(read_at=timezone.now())
    return True


def notifications_mark_all_read(*, user) -> int:
    """Mark every unread notification of the user read; returns how many."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def notification_preference_set(*, user, email_enabled: bool) -> NotificationPreference:
    """Turn the user's e-mail on or off (the inbox always receives)."""
    pref, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email_enabled": bool(email_enabled)}
    )
    return pref
