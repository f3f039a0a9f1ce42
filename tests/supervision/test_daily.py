"""The daily job: 黄 records proposed once per overdue milestone, dated the day it became overdue, idempotent
when run twice or late; the date's claim makes one run (machine) do the work."""

import datetime
import threading
from io import StringIO

import pytest
from django.core.management import call_command

from assessment.supervision import daily
from assessment.supervision.daily import supervision_daily
from assessment.supervision.models import DailyRun, Record, RecordStatus
from assessment.supervision.services import record_dismiss, report_file, report_review
from tests.concurrency import Worker, pause_in, require_postgresql, wait_for_lock_waiter

D = datetime.date


def _proposed():
    return list(Record.objects.order_by("id").values_list("reason", "date", "status", "kind"))


@pytest.mark.django_db
def test_overdue_milestone_gets_one_yellow_record_dated_the_day_after_due(item_a, office_user):
    assert supervision_daily(D(2025, 6, 30)).proposed == 0  # due today: not overdue yet
    result = supervision_daily(D(2025, 7, 1))
    assert result.claimed and result.proposed == 1
    assert _proposed() == [("节点逾期：DB001 第 1 节点", D(2025, 7, 1), RecordStatus.PROPOSED, "黄")]
    record = Record.objects.get()
    assert record.item == item_a and record.unit == item_a.unit


@pytest.mark.django_db
def test_run_twice_or_later_proposes_nothing_more_even_after_a_dismissal(item_a, office_user):
    supervision_daily(D(2025, 7, 1))
    again = supervision_daily(D(2025, 7, 1))
    assert not again.claimed and again.proposed == 0
    record_dismiss(record=Record.objects.get(), user=office_user, reason="已协调延期")
    supervision_daily(D(2025, 7, 2))
    supervision_daily(D(2025, 8, 1))
    assert len(_proposed()) == 1


@pytest.mark.django_db
def test_late_run_dates_the_record_the_day_it_became_overdue(item_a, liaison_of_town_a, office_user, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: D(2025, 7, 10))
    report = report_file(item=item_a, user=liaison_of_town_a, report_date=D(2025, 7, 9), percent=55, milestone_number=1)
    report_review(report=report, user=office_user, approve=True)
    supervision_daily(D(2025, 7, 20))  # the job was down from July 1 to July 19
    assert _proposed() == [("节点逾期：DB001 第 1 节点", D(2025, 7, 1), RecordStatus.PROPOSED, "黄")]


@pytest.mark.django_db
def test_report_on_the_due_day_prevents_the_record(item_a, liaison_of_town_a, office_user, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: D(2025, 6, 30))
    report = report_file(
        item=item_a, user=liaison_of_town_a, report_date=D(2025, 6, 30), percent=50, milestone_number=1
    )
    report_review(report=report, user=office_user, approve=True)
    supervision_daily(D(2025, 7, 1))
    assert _proposed() == []


@pytest.mark.django_db
def test_pending_report_does_not_prevent_the_record(item_a, liaison_of_town_a, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: D(2025, 6, 30))
    report_file(item=item_a, user=liaison_of_town_a, report_date=D(2025, 6, 30), percent=50, milestone_number=1)
    assert supervision_daily(D(2025, 7, 1)).proposed == 1


@pytest.mark.django_db
def test_final_cycle_is_left_alone(item_a, cycle):
    cycle.status = "final"
    cycle.save()
    assert supervision_daily(D(2025, 7, 1)).proposed == 0


@pytest.mark.django_db
def test_command_takes_a_date_and_says_when_it_was_done_already(item_a):
    out = StringIO()
    call_command("supervision_daily", "--date", "2025-07-01", stdout=out)
    assert "提出待确认黄色档案记录 1 条" in out.getvalue()
    out = StringIO()
    call_command("supervision_daily", "--date", "2025-07-01", stdout=out)
    assert "已执行过" in out.getvalue()
    assert DailyRun.objects.get().proposed == 1


@pytest.mark.django_db(transaction=True)
def test_two_machines_at_once_one_does_the_work(item_a, monkeypatch):
    require_postgresql()
    inside, release = threading.Event(), threading.Event()
    monkeypatch.setattr(
        daily,
        "overdue_records_propose",
        pause_in("first", daily.overdue_records_propose, inside, release),
    )
    first = Worker(lambda: supervision_daily(D(2025, 7, 1)), "first")
    first.start()
    first.reached(inside)
    second = Worker(lambda: supervision_daily(D(2025, 7, 1)), "second")
    second.start()
    assert wait_for_lock_waiter(), "the second run did not wait for the first's claim"
    release.set()
    one, error_one = first.outcome()
    two, error_two = second.outcome()
    assert error_one is None and error_two is None
    assert one.claimed and one.proposed == 1
    assert not two.claimed and two.proposed == 0
    assert Record.objects.count() == 1 and DailyRun.objects.count() == 1
