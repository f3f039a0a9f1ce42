"""E-mail of notifications through Django's mail framework (EMAIL_URL; the console backend by default).

After commit, the new notifications' ids go to a Celery task (eager without a broker); if the broker refuses,
they are sent right here instead, so a broker outage delays no mail. Each message is sent once: rows are
claimed under a row lock and stamped `emailed_at` before the mail server is called, so a task delivered twice
(acks late) finds nothing left to send.
"""

import logging

from celery import current_app
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from assessment.notifications.models import Notification

logger = logging.getLogger(__name__)
EMAIL_TASK = "assessment.notifications.tasks.notifications_email"
SUBJECT_PREFIX = "【考核管理系统】"


def emails_enqueue(*, notification_ids: list[int]) -> None:
    """Hand the ids to the e-mail task; never raises (the caller's transaction has committed)."""
    try:
        current_app.signature(EMAIL_TASK, args=[notification_ids]).apply_async(retry=False)
    except Exception:
        logger.warning("notification e-mail task not queued; sending in process", exc_info=True)
        try:
            emails_send(notification_ids=notification_ids)
        except Exception:
            logger.exception("notification e-mail failed for %d notifications", len(notification_ids))


def emails_send(*, notification_ids: list[int]) -> int:
    """Send the e-mail of these notifications that is due (address present, e-mail on, not sent yet).

    The rows are claimed first — locked, stamped `emailed_at` and committed in one short transaction — and the
    mail server is talked to afterwards, so nobody marking a message read waits for SMTP. A failed send clears
    the stamp again (the admin shows it as not sent) and is raised for the caller to log.
    """
    with transaction.atomic():
        due = list(
            Notification.objects.select_for_update(of=("self",))
            .filter(pk__in=notification_ids, emailed_at__isnull=True)
            .exclude(recipient__email="")
            .exclude(recipient__notification_preference__email_enabled=False)
            .select_related("recipient")
            .order_by("pk")
        )
        if not due:
            return 0
        Notification.objects.filter(pk__in=[n.pk for n in due]).update(emailed_at=timezone.now())
    try:
        return get_connection(fail_silently=False).send_messages([_message(n) for n in due]) or 0
    except Exception:
        Notification.objects.filter(pk__in=[n.pk for n in due]).update(emailed_at=None)
        raise


def _message(notification: Notification) -> EmailMessage:
    lines = [notification.body] if notification.body else []
    if notification.url:
        lines.append(f"查看详情：{settings.SITE_URL.rstrip('/')}{notification.url}")
    lines.append("（本邮件由考核管理系统自动发送。不想再收到邮件，可在系统的“消息”页面关闭邮件通知。）")
    return EmailMessage(
        subject=f"{SUBJECT_PREFIX}{notification.title}",
        body="\n\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.recipient.email],
    )
