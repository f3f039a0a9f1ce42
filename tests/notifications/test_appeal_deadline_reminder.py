"""2 days before the appeal deadline, the daily job reminds the leaders of the cycle's units — once, however often
or late it runs."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.core import mail

from assessment.notifications.daily import notifications_daily
from assessment.notifications.models import Notification
from tests.factories import IndicatorFactory, IndicatorPointsFactory

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
D = datetime.date


@pytest.fixture
def under_publicity(cycle, towns, town_a, town_b, leader_of_town_a, leader_of_town_b, office_user):
    """公示 started 2025-12-01 09:30 Beijing time; five appeal days: the window closes 2025-12-06 09:30."""
    ind = IndicatorFactory(cycle=cycle, code="A01", name="重点项目推进", rule="direct")
    IndicatorPointsFactory(indicator=ind, category=towns, points=Decimal("20"))
    leader_of_town_b.email = "leader_b@example.gov.cn"
    leader_of_town_b.save()
    cycle.status = "publicity"
    cycle.appeal_days = 5
    cycle.publicity_started_at = datetime.datetime(2025, 12, 1, 9, 30, tzinfo=SHANGHAI)
    cycle.save()
    return cycle


@pytest.mark.parametrize("day", [D(2025, 12, 1), D(2025, 12, 3), D(2025, 12, 7)])
def test_nothing_outside_the_last_two_days(under_publicity, day):
    assert notifications_daily(day) == 0
    assert not Notification.objects.exists()


def test_two_days_before_the_deadline_every_leader_is_reminded_once(
    django_capture_on_commit_callbacks, under_publicity, leader_of_town_a
):
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications_daily(D(2025, 12, 4)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert notifications_daily(D(2025, 12, 4)) == 0  # run twice
        assert notifications_daily(D(2025, 12, 5)) == 0  # and the next day
    note = Notification.objects.get(recipient=leader_of_town_a)
    assert note.event == "appeal_deadline"
    assert note.title == "2025年度目标责任制考核申诉期将于 2025-12-06 09:30 截止"
    assert note.url == "/workflow/appeals/"
    assert [m.to for m in mail.outbox] == [["leader_b@example.gov.cn"]]


def test_a_run_missed_on_the_day_still_reminds_while_the_window_is_open(under_publicity):
    assert notifications_daily(D(2025, 12, 6)) == 2  # the deadline's own day


def test_no_reminder_once_publicity_is_over(under_publicity):
    under_publicity.status = "final"
    under_publicity.save()
    assert notifications_daily(D(2025, 12, 4)) == 0


def test_a_new_window_gets_its_own_reminder(under_publicity):
    assert notifications_daily(D(2025, 12, 4)) == 2
    under_publicity.publicity_started_at = datetime.datetime(2025, 12, 10, 9, 0, tzinfo=SHANGHAI)
    under_publicity.save()
    assert notifications_daily(D(2025, 12, 13)) == 2


def test_beat_runs_the_daily_job_every_morning(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["notifications-daily"]
    assert entry["task"] == "assessment.notifications.tasks.notifications_daily_task"
    assert entry["schedule"].hour == {7} and entry["schedule"].minute == {0}
    from config.celery import app

    assert entry["task"] in app.tasks
