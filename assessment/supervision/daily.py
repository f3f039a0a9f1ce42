"""The daily job (SUPERVISION.md §3, issue #11 point 4): propose the 黄 records of newly overdue milestones and send
the day's notifications. Celery beat runs it every morning (`tasks.supervision_daily_task`); by hand
`manage.py supervision_daily --date YYYY-MM-DD`.

Safe on several machines at once: the work runs in one transaction that first inserts the date's `DailyRun` row
(unique per date). A second machine's insert waits for the first's commit and then fails — it does nothing; if
the first fails, its transaction (claim included) rolls back and the next run does the work. Proposals are once
per milestone anyway (`Milestone.overdue_proposed_on`, locked and set with the record), and notifications once
per key, so a run late or for a date already done changes nothing that was done.
"""

import datetime
import logging
import socket
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from assessment.notifications.daily import notifications_daily
from assessment.supervision import events
from assessment.supervision.facts import cycle_settings, items_facts
from assessment.supervision.models import DailyRun, Item, Milestone
from assessment.supervision.services import record_propose
from assessment.supervision.status import (
    MilestoneFact,
    first_overdue_day,
    item_status,
    latest_report_month,
    report_due_day,
)
from targets.models import CycleStatus

log = logging.getLogger(__name__)
REPORT_DUE_NOTICE_DAYS = 3  # "a monthly report due in 3 days" (issue #11 point 5)


@dataclass
class DailyResult:
    date: datetime.date
    claimed: bool  # False: another run (machine) did this date already
    proposed: int = 0
    notified: int = 0


def supervision_daily(date: datetime.date) -> DailyResult:
    """Do the day's work once, whichever machine gets here first."""
    try:
        with transaction.atomic():
            run = DailyRun.objects.create(date=date, host=socket.gethostname()[:200])
            result = DailyResult(date=date, claimed=True)
            result.proposed = overdue_records_propose(date)
            result.notified = reminders_send(date) + _other_daily_notifications(date)
            run.proposed, run.notified = result.proposed, result.notified
            run.save(update_fields=["proposed", "notified"])
            return result
    except IntegrityError:
        if not DailyRun.objects.filter(date=date).exists():
            raise  # not the claim: a real error
        return DailyResult(date=date, claimed=False)


def _open_items():
    return Item.objects.exclude(cycle__status=CycleStatus.FINAL).select_related("cycle", "unit", "leader__user")


def overdue_records_propose(date: datetime.date) -> int:
    """Propose one 黄 record per milestone that became overdue on or before `date` and has none yet.

    A milestone became overdue on the day after its due date unless a counted report dated by then declares it
    done; the record is dated that day, also when the job runs late."""
    candidates = list(
        Milestone.objects.filter(due_date__lt=date, overdue_proposed_on__isnull=True, item__in=_open_items()).order_by(
            "item_id", "number"
        )
    )
    facts = items_facts({m.item_id for m in candidates})
    proposed = 0
    for milestone in candidates:
        day = first_overdue_day(MilestoneFact(milestone.number, milestone.due_date), facts[milestone.item_id].reports)
        if day is not None and day <= date and record_propose(milestone=milestone, day=day) is not None:
            proposed += 1
    return proposed


def reminders_send(date: datetime.date) -> int:
    """Monthly report due within 3 days and not yet filed; 缺报 of the latest month due before `date`."""
    items = list(_open_items())
    facts = items_facts([i.id for i in items])
    sent = 0
    for item in items:
        f = facts.get(item.id)
        if f is None:
            continue
        settings = cycle_settings(item.cycle)
        state = item_status(f, settings, date)
        if state.status == "已办结":
            continue
        if state.missing_report:
            month = latest_report_month(f.start, date, settings.report_day)
            sent += events.report_missing(item, month, report_due_day(*month, settings.report_day))
        month = (date.year, date.month - 1) if date.month > 1 else (date.year - 1, 12)
        for candidate in (month, (date.year, date.month)):
            due = report_due_day(*candidate, settings.report_day)
            if not date <= due <= date + datetime.timedelta(days=REPORT_DUE_NOTICE_DAYS):
                continue
            if candidate < (f.start.year, f.start.month):
                continue
            first = datetime.date(candidate[0], candidate[1], 1)
            if not any(first <= r.date <= due for r in f.reports):
                sent += events.report_due_soon(item, candidate, due)
    return sent


def _other_daily_notifications(date: datetime.date) -> int:
    """The notifications subsystem's own daily reminders (appeal deadlines): once per key, so also safe beside
    its own beat entry."""
    return notifications_daily(date)
