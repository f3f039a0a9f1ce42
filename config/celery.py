"""The Celery application. Workers: `celery -A config worker` (any number); the stale-cycle sweep: exactly one
`celery -A config beat`, a process of its own (`worker -B` leaves an orphaned beat when its main process is killed)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("kaohe")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["assessment.recompute", "assessment.notifications"])
