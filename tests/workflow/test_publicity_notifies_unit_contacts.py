"""Opening 公示 tells every leader of every unit assessed in the cycle, once per 公示 window."""

import pytest
from django.core import mail

from assessment.notifications.models import Notification
from assessment.plan.lifecycle import cycle_transition
from assessment.recompute.service import cycle_recompute
from tests.factories import MembershipFactory, UserFactory
from units import roles

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def scored(cycle, periods, town_a, town_b, dept_finance, direct_indicator, write, leader_of_town_a, leader_of_town_b):
    write(periods["Q1"], town_a, direct_indicator, "12")
    cycle_recompute(cycle_id=cycle.id)
    leader_of_town_b.email = "leader_b@example.gov.cn"
    leader_of_town_b.save()
    # The finance department's category has no points in this cycle: it is not assessed, its leader not told.
    finance_leader = UserFactory(username="leader_fin", roles=[roles.LEADER], email="fin@example.gov.cn")
    MembershipFactory(user=finance_leader, unit=dept_finance, role="leader")
    return cycle


def _open(cycle, office_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cycle_transition(cycle=cycle, to_status="publicity", user=office_user, reason="按期公示", confirmed=True)
    cycle.refresh_from_db()


def test_opening_publicity_tells_the_leaders_of_the_assessed_units(
    client, scored, office_user, finance_scorer, leader_of_town_a, leader_of_town_b, django_capture_on_commit_callbacks
):
    _open(scored, office_user, django_capture_on_commit_callbacks)
    told = set(Notification.objects.filter(event="publicity_opened").values_list("recipient__username", flat=True))
    assert told == {"leader_a", "leader_b"}  # not the office, the scorer or the unassessed department's leader
    note = Notification.objects.get(recipient=leader_of_town_a)
    assert note.title == "2025年度目标责任制考核结果开始公示"
    assert "前提出申诉" in note.body and note.url == "/ranking/"
    assert [m.to for m in mail.outbox] == [["leader_b@example.gov.cn"]]  # leader A has no address


def test_publicity_reopened_after_a_return_to_scoring_is_told_again_but_a_reopened_final_is_not(
    scored, office_user, django_capture_on_commit_callbacks
):
    _open(scored, office_user, django_capture_on_commit_callbacks)
    cycle_transition(cycle=scored, to_status="scoring", user=office_user, reason="发现漏报，退回评分")
    _open(scored, office_user, django_capture_on_commit_callbacks)
    assert Notification.objects.filter(event="publicity_opened").count() == 4  # two windows × two leaders
    cycle_transition(cycle=scored, to_status="final", user=office_user, reason="区考核委审定", confirmed=True)
    cycle_transition(cycle=scored, to_status="publicity", user=office_user, reason="发现计分错误，重新公示")
    assert Notification.objects.filter(event="publicity_opened").count() == 4  # the same window continues


def test_a_refused_move_tells_no_one(scored, periods, town_a, direct_indicator, write, office_user):
    write(periods["Q1"], town_a, direct_indicator, "13")  # results now stale: the guard refuses 公示
    with pytest.raises(Exception, match="重算"):
        cycle_transition(cycle=scored, to_status="publicity", user=office_user, reason="按期公示")
    assert not Notification.objects.exists()
