"""Who may write what in supervision, validation messages, history, and the notifications the writes send."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from assessment.notifications.models import Notification
from assessment.supervision.daily import supervision_daily
from assessment.supervision.models import Record, ReportStatus
from assessment.supervision.services import item_save, record_confirm, record_enter, report_file, report_review
from tests.factories import CadreFactory, UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: D(2025, 7, 10))


def _file(item, user, **kw):
    return report_file(item=item, user=user, report_date=kw.pop("date", D(2025, 7, 5)), percent=kw.pop("p", 40), **kw)


def test_liaison_and_leader_file_their_units_reports_with_evidence(item_a, liaison_of_town_a, leader_of_town_a):
    pdf = SimpleUploadedFile("进展照片.pdf", b"%PDF-1.4 x", content_type="application/pdf")
    report = _file(item_a, liaison_of_town_a, files=[pdf], text="设计完成")
    assert report.status == ReportStatus.PENDING and report.filed_by == liaison_of_town_a
    assert [e.original_name for e in report.evidence.all()] == ["进展照片.pdf"]
    assert report.history.get().history_user == liaison_of_town_a
    assert _file(item_a, leader_of_town_a).status == ReportStatus.PENDING


@pytest.mark.parametrize("who", ["leader_of_town_b", "office_user", "org_user", "auditor"])
def test_others_cannot_file_a_units_report(item_a, who, request):
    with pytest.raises(PermissionDenied):
        _file(item_a, request.getfixturevalue(who))


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"p": "101"}, "0 到 100"),
        ({"p": "abc"}, "0 到 100"),
        ({"milestone_number": 9}, "没有第 9 节点"),
        ({"date": D(2025, 7, 11)}, "不能晚于今天"),
    ],
)
def test_bad_reports_are_refused_in_chinese(item_a, liaison_of_town_a, kw, message):
    with pytest.raises(ValidationError, match=message):
        _file(item_a, liaison_of_town_a, **kw)
    assert not item_a.reports.exists()


def test_office_reviews_and_a_return_needs_a_reason_and_notifies_the_unit(
    item_a, liaison_of_town_a, leader_of_town_a, office_user
):
    report = _file(item_a, liaison_of_town_a)
    with pytest.raises(PermissionDenied):
        report_review(report=report, user=leader_of_town_a, approve=True)
    with pytest.raises(ValidationError, match="退回理由"):
        report_review(report=report, user=office_user, approve=False)
    returned = report_review(report=report, user=office_user, approve=False, reason="缺少佐证材料")
    assert returned.status == ReportStatus.RETURNED and returned.review_reason == "缺少佐证材料"
    got = Notification.objects.filter(event="report_returned")
    assert {n.recipient for n in got} == {liaison_of_town_a, leader_of_town_a}
    with pytest.raises(ValidationError, match="已退回"):
        report_review(report=report, user=office_user, approve=True)


def test_item_leader_must_be_a_cadre_of_the_owner_unit(cycle, town_a, town_b, office_user):
    stranger = CadreFactory(code="K-B1", unit=town_b)
    with pytest.raises(ValidationError, match="一个项目一名领导"):
        item_save(
            cycle=cycle, user=office_user, code="X1", title="t", unit=town_a, leader=stranger, start_date=D(2025, 1, 1)
        )


def test_only_the_office_enters_records_and_points_are_for_red_only(
    cycle, periods, town_a, leader_of_town_a, office_user
):
    with pytest.raises(PermissionDenied):
        record_enter(cycle=cycle, user=leader_of_town_a, unit=town_a, kind="红", date=D(2025, 3, 1), reason="x")
    yellow = record_enter(
        cycle=cycle, user=office_user, unit=town_a, kind="黄", date=D(2025, 3, 1), reason="通报", points="3"
    )
    red = record_enter(cycle=cycle, user=office_user, unit=town_a, kind="红", date=D(2025, 3, 1), reason="表彰")
    assert yellow.points is None and red.points == Decimal(1)
    assert (yellow.code, red.code) == ("DA0001", "DA0002")
    assert {n.event for n in Notification.objects.filter(recipient=leader_of_town_a)} == {"record_confirmed"}


def test_overdue_milestone_notifies_unit_and_the_responsible_leaders_login(item_a, liaison_of_town_a, office_user):
    cadre_user = UserFactory(username="zhang", is_staff=False)
    item_a.leader.user = cadre_user
    item_a.leader.save()
    supervision_daily(D(2025, 7, 1))
    overdue = Notification.objects.filter(event="milestone_overdue")
    assert {n.recipient for n in overdue} == {liaison_of_town_a, cadre_user}
    assert Notification.objects.filter(event="record_proposed", recipient=liaison_of_town_a).exists()
    record_confirm(record=Record.objects.get(), user=office_user)
    assert Notification.objects.filter(event="record_confirmed", recipient=liaison_of_town_a).exists()
    supervision_daily(D(2025, 7, 2))
    assert Notification.objects.filter(event="milestone_overdue").count() == 2  # never twice


def test_missing_report_and_report_due_reminders_go_out_once(item_a, liaison_of_town_a):
    supervision_daily(D(2025, 2, 6))  # January's report (due Feb 5) is missing
    supervision_daily(D(2025, 3, 2))  # February's is due Mar 5: within 3 days
    events = sorted(Notification.objects.filter(recipient=liaison_of_town_a).values_list("event", "key"))
    assert events == [
        ("missing_report", f"missing_report:{item_a.pk}:202501"),
        ("report_due", f"report_due:{item_a.pk}:202502"),
    ]


def test_object_permissions_answer_through_has_perm(item_a, liaison_of_town_a, leader_of_town_b, office_user, org_user):
    assert liaison_of_town_a.has_perm("supervision.file_report", item_a)
    assert not leader_of_town_b.has_perm("supervision.file_report", item_a)
    assert not leader_of_town_b.has_perm("supervision.view_item", item_a)
    assert org_user.has_perm("supervision.view_item", item_a)
    assert not org_user.has_perm("supervision.file_report", item_a)
    record = record_enter(
        cycle=item_a.cycle, user=office_user, unit=item_a.unit, kind="红", date=D(2025, 3, 1), reason="表彰"
    )
    assert liaison_of_town_a.has_perm("supervision.view_record", record)
    assert not leader_of_town_b.has_perm("supervision.view_record", record)
    assert office_user.has_perm("supervision.change_record", record)
    assert not liaison_of_town_a.has_perm("supervision.change_record", record)
