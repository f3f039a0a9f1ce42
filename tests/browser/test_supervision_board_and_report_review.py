"""督查督办 in chromium: the office's board shows every light; a liaison files a monthly report with evidence
through the page, the office passes it with one click and the unit sees it passed; desktop and phone widths."""

import pytest

from tests.browser.conftest import PHONE, login, screenshot
from tests.factories import MembershipFactory, UserFactory
from tests.supervision_pages.world import AS_OF, world_build
from units import roles

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def supervised(roles_with_permissions, cycle, town_a, town_b, office_user):
    office_user.first_name = "考核办李科长"
    office_user.save()
    liaison = UserFactory(username="liaison_a", first_name="甲镇联络员", roles=[roles.LIAISON], is_staff=False)
    MembershipFactory(user=liaison, unit=town_a, role="liaison")
    return world_build(cycle=cycle, town_a=town_a, town_b=town_b, liaison_user=liaison)


def _no_overflow(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def test_board_shows_every_light_on_desktop_and_phone(live_server, browser_context, watch_errors, supervised):
    page = browser_context().new_page()
    errors = watch_errors(page)
    login(page, live_server.url, "office")
    page.click("nav.main-nav >> text=督查督办")
    page.goto(f"{page.url}?as_of={AS_OF.isoformat()}")
    for key in ("overdue", "behind", "due_soon", "on_track", "done", "missing"):
        assert int(page.locator(f"[data-testid=count-{key}] .n").inner_text()) >= 1, key
    statuses = set(page.locator("[data-testid=items] tbody tr").evaluate_all("rows => rows.map(r => r.dataset.status)"))
    assert statuses == {"overdue", "behind", "due_soon", "on_track", "done"}
    page.click("[data-testid=count-overdue]")
    assert page.locator("[data-testid=items] tbody tr").count() == 2
    with page.expect_navigation():
        page.select_option("select[name=light]", "")  # autosubmits: back to every item
    assert page.locator("[data-testid=items] tbody tr").count() == 8
    assert errors == []
    screenshot(page, "supervision-board")

    phone = browser_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()
    errors = watch_errors(phone)
    login(phone, live_server.url, "office")
    phone.goto(f"{live_server.url}/supervision/?as_of={AS_OF.isoformat()}")
    assert phone.locator("[data-testid=count-overdue]").is_visible()
    assert _no_overflow(phone)
    assert errors == []
    screenshot(phone, "supervision-board-phone", full_page=False)


def test_liaison_reports_with_evidence_and_the_office_passes_it(
    live_server, browser_context, watch_errors, supervised, tmp_path
):
    from assessment.supervision.models import Report

    evidence = tmp_path / "路面摊铺验收单.pdf"
    evidence.write_bytes(PDF)
    liaison = browser_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()
    errors = watch_errors(liaison)
    login(liaison, live_server.url, "liaison_a")
    assert "/supervision/unit/" in liaison.url
    liaison.click("[data-testid=report-link-DB-A4]")
    liaison.fill("input[name=percent]", "62.5")
    liaison.fill("textarea[name=text]", "六月完成路面摊铺 3 公里")
    liaison.set_input_files("input[name=evidence]", str(evidence))
    assert _no_overflow(liaison)
    screenshot(liaison, "supervision-report-form-phone")
    liaison.click("[data-testid=report-submit]")
    liaison.wait_for_load_state("networkidle")
    assert "进展报告已提交" in liaison.content()
    report = Report.objects.get(text="六月完成路面摊铺 3 公里")
    assert report.status == "pending" and report.evidence.count() == 1
    assert "待审核" in liaison.locator(f"[data-testid=unit-report-{report.pk}]").inner_text()
    assert errors == []

    office = browser_context().new_page()
    errors = watch_errors(office)
    login(office, live_server.url, "office")
    office.goto(f"{live_server.url}/supervision/?as_of={AS_OF.isoformat()}")
    card = office.locator(f"[data-testid=report-{report.pk}]")
    assert "六月完成路面摊铺 3 公里" in card.inner_text() and "路面摊铺验收单.pdf" in card.inner_text()
    office.click(f"[data-testid=approve-{report.pk}]")
    office.wait_for_load_state("networkidle")
    assert "已通过" in office.content()
    assert office.locator(f"[data-testid=report-{report.pk}]").count() == 0
    report.refresh_from_db()
    assert report.status == "approved"
    assert errors == []

    liaison.reload()
    assert "已通过" in liaison.locator(f"[data-testid=unit-report-{report.pk}]").inner_text()
    screenshot(liaison, "supervision-unit-phone")


def test_orgdept_archives_and_a_cadres_items(live_server, browser_context, watch_errors, supervised, org_user):
    from tests.factories import UserFactory

    org = browser_context().new_page()
    errors = watch_errors(org)
    login(org, live_server.url, "orgdept")
    org.goto(f"{live_server.url}/supervision/archive/")
    row = org.locator("[data-testid=archive-unit-T01]").inner_text()
    assert "甲镇" in row
    screenshot(org, "supervision-archive")
    org.click("text=红黄黑档案（按干部）")
    assert "张明" in org.locator("[data-testid=archive-cadres]").inner_text()
    assert errors == []

    cadre = supervised.cadres["a"]
    cadre.user = UserFactory(username="zhangming", first_name="张明", is_staff=False)
    cadre.save()
    page = browser_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()
    errors = watch_errors(page)
    login(page, live_server.url, "zhangming")
    assert page.url.endswith("/supervision/mine/")
    page.goto(f"{page.url}?as_of={AS_OF.isoformat()}")
    codes = page.locator("[data-testid=items] tbody tr").evaluate_all("rows => rows.map(r => r.dataset.testid)")
    assert codes == ["item-DB-A1", "item-DB-A3", "item-DB-A5"]
    assert _no_overflow(page)
    assert errors == []
    screenshot(page, "supervision-mine-phone")
