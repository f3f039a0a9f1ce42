"""An answered appeal (accepted or rejected) tells the leader who filed it, in the inbox and by e-mail after
commit; a failed answer tells no one."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from assessment.notifications.models import Notification
from assessment.recompute.service import cycle_recompute
from assessment.scores.appeals import appeal_accept, appeal_file, appeal_reject

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def appeal(cycle, periods, town_a, town_b, direct_indicator, write, publicity, leader_of_town_a, leader_of_town_b):
    leader_of_town_a.email = "leader_a@example.gov.cn"
    leader_of_town_a.save()
    write(periods["Q1"], town_a, direct_indicator, "12")
    write(periods["Q1"], town_b, direct_indicator, "16")
    cycle_recompute(cycle_id=cycle.id)
    publicity()
    return appeal_file(
        user=leader_of_town_a,
        unit=town_a,
        period=periods["Q1"],
        indicator=direct_indicator,
        reason="第二季度项目已开工，未计入",
        requested_value="18",
    )


def test_accepting_tells_the_appellant_with_the_reply_and_the_new_value(
    client, django_capture_on_commit_callbacks, appeal, office_user, leader_of_town_a, leader_of_town_b
):
    with django_capture_on_commit_callbacks(execute=True):
        appeal_accept(appeal=appeal, user=office_user, reply="经核实，采纳")
    note = Notification.objects.get()
    assert (note.recipient, note.event) == (leader_of_town_a, "appeal_answered")
    assert note.key == f"appeal_answered:{appeal.pk}"
    assert note.title == "您的申诉已采纳：甲镇 A01 重点项目推进（Q1）"
    assert "经核实，采纳" in note.body and "18" in note.body
    assert note.url == "/workflow/appeals/"
    assert [m.to for m in mail.outbox] == [["leader_a@example.gov.cn"]]
    client.force_login(leader_of_town_a)
    assert "您的申诉已采纳" in client.get("/notifications/").content.decode()
    client.force_login(leader_of_town_b)
    assert "您的申诉" not in client.get("/notifications/").content.decode()


def test_rejecting_tells_the_appellant_too(django_capture_on_commit_callbacks, appeal, office_user, leader_of_town_a):
    with django_capture_on_commit_callbacks(execute=True):
        appeal_reject(appeal=appeal, user=office_user, reply="依据不足")
    note = Notification.objects.get(recipient=leader_of_town_a)
    assert note.title.startswith("您的申诉已驳回") and "依据不足" in note.body and "维持不变" in note.body
    assert len(mail.outbox) == 1


def test_an_answer_that_fails_tells_no_one(django_capture_on_commit_callbacks, appeal, office_user):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        appeal_accept(appeal=appeal, user=office_user, reply="采纳", value="不是数字")
    assert not Notification.objects.exists() and mail.outbox == []
