"""Reads of the inbox: always one person's own notifications, in a fixed number of queries."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator

from assessment.notifications.models import Notification, NotificationPreference

PAGE_SIZE = 30


def unread_count(user) -> int:
    """The header's badge: one query (none for an anonymous visitor)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def email_enabled(user) -> bool:
    """The person's e-mail preference (on when never set)."""
    value = NotificationPreference.objects.filter(user=user).values_list("email_enabled", flat=True).first()
    return True if value is None else value


@dataclass(frozen=True)
class Inbox:
    page: Page
    unread: int
    email_enabled: bool
    has_address: bool


def inbox(user, *, page_number=1, only_unread: bool = False) -> Inbox:
    """A page of the user's notifications, newest first (count + page + unread + preference: four queries)."""
    qs = Notification.objects.filter(recipient=user).only(
        "id", "event", "title", "body", "url", "created", "read_at", "recipient_id"
    )
    if only_unread:
        qs = qs.filter(read_at__isnull=True)
    page = Paginator(qs.order_by("-created", "-id"), PAGE_SIZE).get_page(page_number)
    return Inbox(
        page=page,
        unread=unread_count(user),
        email_enabled=email_enabled(user),
        has_address=bool(user.email),
    )
