"""Issue 13 in a real browser, desktop and phone: a cycle with no entry says 尚未开始评分; the office is shown what
is missing before 公示 and confirms it; a leader sees the appeal deadline and appeals a score never entered; the
auditor's read-only score page shows the value with its label."""

import pytest

from assessment.models import Appeal, ScoreEntry
from assessment.plan.lifecycle import cycle_transition
from assessment.recompute.service import cycle_recompute
from assessment.scores.entries import entry_write
from tests.browser.conftest import DESKTOP, PHONE, login, screenshot

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scoring_started(roles_with_permissions, cycle, periods, town_a, town_b, direct_indicator, office_user):
    """2025 in 考核中 with one Q1 score per town; Q2–Y of A01 are not entered yet."""
    office_user.first_name = "考核办王明"
    office_user.save()
    for unit, raw in ((town_a, "15"), (town_b, "18")):
        entry_write(cycle=cycle, period=periods["Q1"], unit=unit, indicator=direct_indicator, raw=raw, user=office_user)
    cycle_recompute(cycle_id=cycle.id)
    return cycle


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_results_before_scoring_started(
    live_server,
    browser_context,
    watch_errors,
    roles_with_permissions,
    cycle,
    periods,
    direct_indicator,
    org_user,
    viewport,
):
    cycle_recompute(cycle_id=cycle.id)
    page = browser_context(viewport=viewport).new_page()
    errors = watch_errors(page)
    login(page, live_server.url, "orgdept")
    page.goto(f"{live_server.url}/results/")
    assert page.locator("[data-testid=not-started]").is_visible()
    body = page.locator("main").inner_text()
    assert "不合格" not in body.split("筛选", 1)[-1] and "末位" not in body
    screenshot(page, f"not-started-{'phone' if viewport == PHONE else 'desktop'}", full_page=False)
    assert errors == []


def test_office_confirms_publicity_with_missing_scores(live_server, browser_context, watch_errors, scoring_started):
    page = browser_context().new_page()
    errors = watch_errors(page)
    login(page, live_server.url, "office")
    page.goto(f"{live_server.url}/workflow/cycles/{scoring_started.pk}/transition/")
    warnings = page.locator(".transition-warnings").inner_text()
    assert "财政局 · A01 重点项目推进：已录入 2 / 应录入 8，缺 6 项" in warnings
    page.check("input[value=publicity]")
    page.fill("textarea[name=reason]", "区委要求按期公示")
    page.click("input[type=submit]")
    assert "须勾选" in page.locator("#content-main").inner_text()  # refused without the confirmation
    page.check("input[value=publicity]")
    page.fill("textarea[name=reason]", "区委要求按期公示")
    page.check("input[name=confirmed]")
    screenshot(page, "lifecycle-confirm")
    page.click("input[type=submit]")
    page.wait_for_load_state("networkidle")
    scoring_started.refresh_from_db()
    assert scoring_started.status == "publicity"
    page.goto(f"{live_server.url}/workflow/cycles/{scoring_started.pk}/transition/")
    assert "【已确认】" in page.locator("#content-main").inner_text()
    assert errors == []


def test_leader_appeals_a_score_never_entered_on_a_phone(
    live_server, browser_context, watch_errors, scoring_started, office_user, leader_of_town_a
):
    cycle_transition(cycle=scoring_started, to_status="publicity", user=office_user, reason="公示", confirmed=True)
    leader_of_town_a.first_name = "甲镇陈静"
    leader_of_town_a.save()
    page = browser_context(viewport=PHONE).new_page()
    errors = watch_errors(page)
    login(page, live_server.url, "leader_a")
    assert "申诉截止时间" in page.locator("[data-testid=appeal-deadline]").inner_text()
    page.goto(f"{live_server.url}/workflow/appeals/unit/{leader_of_town_a.memberships.first().unit_id}/?period=Y")
    row = page.locator("#entry-list tbody tr")
    assert row.count() == 1 and "未录入" in row.inner_text()
    row.locator("a.button").click()
    page.fill("textarea[name=reason]", "年终材料已报送，评分未录入")
    screenshot(page, "appeal-missing-phone")
    page.click("#appeal-form button[type=submit]")
    page.get_by_text("申诉已提交").wait_for()
    appeal = Appeal.objects.get()
    assert appeal.entry is None and appeal.period.code == "Y"
    assert errors == []


def test_auditor_reads_the_value_on_the_read_only_score_page(
    live_server, browser_context, watch_errors, scoring_started, auditor
):
    entry = ScoreEntry.objects.filter(unit__code="T01").get()
    page = browser_context().new_page()
    errors = watch_errors(page)
    login(page, live_server.url, "auditor")
    page.goto(f"{live_server.url}/admin/assessment/scoreentry/{entry.pk}/change/")
    value_row = page.locator(".field-value_shown")
    assert "值" in value_row.inner_text() and "15" in value_row.inner_text()
    text = page.locator("#content").inner_text()
    assert "None" not in text and "Raw" not in text
    screenshot(page, "auditor-score-read-only")
    assert errors == []
