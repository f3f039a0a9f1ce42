"""The monthly report's way through the pages: the liaison files it with evidence, the office passes or returns
it in one click (退回 needs a reason), and the unit sees the outcome. Writes go through the services."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessment.supervision.models import Report

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _file(client, item, **data):
    form = {
        "report_date": datetime.date.today().isoformat(),
        "percent": "60",
        "milestone_number": "",
        "text": "本月完成路面摊铺",
        **data,
    }
    return client.post(reverse("supervision:report_create", args=[item.pk]), form)


def test_liaison_files_a_report_with_evidence(login, world, liaison_of_town_a):
    client = login(liaison_of_town_a)
    item = world.items["on_track"]
    upload = SimpleUploadedFile("路面摊铺.pdf", PDF, content_type="application/pdf")
    response = _file(client, item, evidence=upload)
    assert response.status_code == 302
    report = Report.objects.filter(item=item, text="本月完成路面摊铺").get()
    assert report.status == "pending" and report.filed_by == liaison_of_town_a
    assert report.history.first().history_user == liaison_of_town_a
    evidence = report.evidence.get()
    assert evidence.original_name == "路面摊铺.pdf"
    page = client.get(response["Location"]).content.decode()
    assert "本月完成路面摊铺" in page and "待审核" in page
    download = client.get(reverse("supervision:evidence", args=[evidence.pk]))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_bad_input_is_named_and_nothing_is_saved(login, world, liaison_of_town_a):
    client = login(liaison_of_town_a)
    item = world.items["on_track"]
    before = Report.objects.count()
    response = _file(client, item, percent="130")
    assert response.status_code == 200
    assert "累计完成比例" in response.content.decode()
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    response = _file(client, item, report_date=tomorrow)
    assert "报告日期不能晚于今天" in response.content.decode()
    assert Report.objects.count() == before


def test_office_approves_in_one_click(login, world, office_user):
    client = login(office_user)
    report = world.reports["a_pending"]
    response = client.post(reverse("supervision:report_review", args=[report.pk]), {"decision": "approve"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "approved" and report.reviewed_by == office_user
    assert "已通过" in client.get(response["Location"]).content.decode()


def test_return_needs_a_reason_and_the_unit_sees_it(login, world, office_user, liaison_of_town_a, town_a):
    client = login(office_user)
    report = world.reports["a_pending"]
    url = reverse("supervision:report_review", args=[report.pk])
    page = client.get(client.post(url, {"decision": "return", "reason": "  "})["Location"]).content.decode()
    assert "请填写退回理由" in page
    report.refresh_from_db()
    assert report.status == "pending"

    client.post(url, {"decision": "return", "reason": "缺少现场照片"})
    report.refresh_from_db()
    assert report.status == "returned" and report.review_reason == "缺少现场照片"
    unit_page = login(liaison_of_town_a).get(reverse("supervision:unit", args=[town_a.pk])).content.decode()
    assert "已退回" in unit_page and "退回理由：缺少现场照片" in unit_page


def test_office_confirms_and_dismisses_proposed_records(login, world, office_user):
    client = login(office_user)
    proposed, other = world.records["a_proposed"], world.records["b_proposed"]
    client.post(reverse("supervision:record_decide", args=[proposed.pk]), {"decision": "confirm"})
    proposed.refresh_from_db()
    assert proposed.status == "confirmed" and proposed.decided_by == office_user

    url = reverse("supervision:record_decide", args=[other.pk])
    client.post(url, {"decision": "dismiss", "reason": ""})
    other.refresh_from_db()
    assert other.status == "proposed"
    client.post(url, {"decision": "dismiss", "reason": "已按期完成，系统误报"})
    other.refresh_from_db()
    assert other.status == "dismissed" and other.decision_reason == "已按期完成，系统误报"


def test_next_may_not_leave_the_site(login, world, office_user):
    response = login(office_user).post(
        reverse("supervision:report_review", args=[world.reports["a_pending"].pk]),
        {"decision": "approve", "next": "https://example.com/"},
    )
    assert response["Location"].startswith(reverse("supervision:board"))


def test_evidence_of_a_forbidden_type_is_refused(login, world, liaison_of_town_a):
    client = login(liaison_of_town_a)
    before = Report.objects.count()
    upload = SimpleUploadedFile("脚本.html", b"<script>alert(1)</script>", content_type="text/html")
    response = _file(client, world.items["on_track"], evidence=upload)
    assert response.status_code == 200
    assert "佐证材料“脚本.html”的类型不允许" in response.content.decode()
    assert Report.objects.count() == before
