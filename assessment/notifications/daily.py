"""The time-based notifications of one day. Run by Celery beat every morning and by the supervision's
`manage.py supervision_daily`; running it twice, or on several machines at once, sends nothing twice (keys)."""

import datetime

from django.urls import reverse
from django.utils import timezone

from assessment.notifications.events import Event
from assessment.notifications.recipients import cycle_contacts
from assessment.notifications.services import notify
from assessment.scores.appeals import appeal_deadline
from targets.models import Cycle, CycleStatus

# "2 days before the appeal deadline": from that day until the deadline's own day. A run missed on the day
# itself (a worker down) still reminds on the next run while the window is open.
APPEAL_REMINDER_DAYS = 2


def notifications_daily(date: datetime.date) -> int:
    """Send what is due on `date`; returns how many notifications were created."""
    return appeal_deadline_remind(date=date)


def appeal_deadline_remind(*, date: datetime.date) -> int:
    """Remind every unit's leaders and liaisons of a cycle under 公示 that its appeal window closes soon."""
    created = 0
    for cycle in Cycle.objects.filter(status=CycleStatus.PUBLICITY, publicity_started_at__isnull=False):
        deadline = timezone.localtime(appeal_deadline(cycle))
        if not deadline.date() - datetime.timedelta(days=APPEAL_REMINDER_DAYS) <= date <= deadline.date():
            continue
        created += notify(
            users=cycle_contacts(cycle),
            event=Event.APPEAL_DEADLINE,
            key=f"appeal_deadline:{cycle.pk}:{deadline:%Y%m%d%H%M}",
            title=f"{cycle}申诉期将于 {deadline:%Y-%m-%d %H:%M} 截止",
            body=f"对本单位公示的评分有异议的，请在 {deadline:%Y-%m-%d %H:%M} 前提出申诉；截止后不再受理。",
            url=reverse("workflow:appeals"),
        )
    return created
