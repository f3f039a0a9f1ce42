"""Celery task of the daily supervision job (beat schedule in config/settings.py)."""

from celery import shared_task
from django.utils import timezone

from assessment.supervision.daily import supervision_daily

DAILY_TASK = "assessment.supervision.tasks.supervision_daily"


@shared_task(name=DAILY_TASK, ignore_result=True)
def supervision_daily_task() -> None:
    supervision_daily(timezone.localdate())
