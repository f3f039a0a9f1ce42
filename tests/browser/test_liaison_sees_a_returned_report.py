"""督查督办 in chromium: a liaison files a monthly report with evidence (phone), the office returns it on the board
with a reason (desktop), and the liaison sees it in the header's unread count and in the inbox, which names the item
and the reason; the unit page shows it returned. Desktop and phone widths."""

import pytest

from tests.browser.conftest import PHONE, login, screenshot
from tests.factories import MembershipFactory, UserFactory
from tests.supervision_pages.world import AS_OF, world_build
from units import roles

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
REASON = "佐证材料不是本月的验收单，请补充六月的现场照片"


@pytest.fixture
def supervised(roles_with_permissions, cycle, town_a, town_b, office_user):
    liaison = UserFactory(username="liaison_a", first_name="甲镇联络员", roles=[roles.LIAISON], is_staff=False)
    MembershipFactory(user=liaison, unit=town_a, role="liaison")
    return world_build(cycle=cycle, town_a=town_a, town_b=town_b, liaison_user=liaison)


def _badge(page) -> int:
    count = page.locator("#header-messages .unread-count")
    return int(count.inner_text()) if count.count() else 0


def _no_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def test_office_returns_a_report_and_the_liaison_is_told_why(
    live_server, browser_context, watch_errors, supervised, tmp_path
):
    from assessment.supervision.models import Report

    evidence = tmp_path / "路面摊铺验收单.pdf"
    evidence.write_bytes(PDF)
    liaison = browser_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()
    errors = watch_errors(liaison)
    login(liaison, live_server.url, "liaison_a")
    unread_before = _badge(liaison)
    liaison.click("[data-testid=report-link-DB-A4]")
    liaison.fill("input[name=percent]", "62.5")
    liaison.fill("textarea[name=text]", "六月完成路面摊铺 3 公里")
    liaison.set_input_files("input[name=evidence]", str(evidence))
    liaison.click("[data-testid=report-submit]")
    liaison.wait_for_load_state("networkidle")
    assert "进展报告已提交" in liaison.content()
    report = Report.objects.get(text="六月完成路面摊铺 3 公里")
    assert report.status == "pending" and report.evidence.count() == 1
    assert errors == []

    office = browser_context().new_page()
    errors = watch_errors(office)
    login(office, live_server.url, "office")
    office.goto(f"{live_server.url}/supervision/?as_of={AS_OF.isoformat()}")
    card = office.locator(f"[data-testid=report-{report.pk}]")
    assert "路面摊铺验收单.pdf" in card.inner_text()
    # 退回 without a reason is refused by the browser (required), nothing changes.
    office.click(f"[data-testid=return-{report.pk}]")
    report.refresh_from_db()
    assert report.status == "pending"
    card.locator("input[name=reason]").fill(REASON)
    office.click(f"[data-testid=return-{report.pk}]")
    office.wait_for_load_state("networkidle")
    assert "已退回" in office.content()
    assert office.locator(f"[data-testid=report-{report.pk}]").count() == 0
    report.refresh_from_db()
    assert report.status == "returned" and report.review_reason == REASON
    assert errors == []

    item = report.item
    for page, name in ((liaison, "phone"), (None, "desktop")):
        if page is None:
            page = browser_context().new_page()
            errors = watch_errors(page)
            login(page, live_server.url, "liaison_a")
        else:
            errors = watch_errors(page)
            page.reload()
        assert _badge(page) == unread_before + 1, name
        page.click("#header-messages")
        page.wait_for_load_state("networkidle")
        notice = page.locator("#notification-list li.notice.unread", has_text="进展报告被退回")
        assert notice.count() == 1, name
        text = notice.inner_text()
        assert f"{item.code} {item.title}" in text and REASON in text, name
        assert _no_overflow(page), name
        assert errors == [], name
        screenshot(page, f"supervision-returned-inbox-{name}", full_page=False)

    liaison.goto(f"{live_server.url}/supervision/unit/{item.unit_id}/")
    row = liaison.locator(f"[data-testid=unit-report-{report.pk}]").inner_text()
    assert "已退回" in row and REASON in row
