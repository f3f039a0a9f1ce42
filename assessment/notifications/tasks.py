"""Celery tasks of notifications: a few lines each, calling the service."""

import logging

from celery import shared_task
from django.utils import timezone

from assessment.notifications.daily import notifications_daily
from assessment.notifications.mail import EMAIL_TASK, emails_send

logger = logging.getLogger(__name__)
DAILY_TASK = "assessment.notifications.tasks.notifications_daily_task"


@shared_task(name=EMAIL_TASK, ignore_result=True)
def notifications_email(notification_ids: list[int]) -> None:
    try:
        emails_send(notification_ids=notification_ids)
    except Exception:
        # Not retried: the messages are in the inbox, and the admin shows which e-mails did not go out.
        logger.exception("notification e-mail failed for %d notifications", len(notification_ids))


@shared_task(name=DAILY_TASK, ignore_result=True)
def notifications_daily_task() -> None:
    notifications_daily(timezone.localdate())
