"""A unit leader sees the unread count in the header, opens the inbox (on a phone too), follows a message to its
page, which marks it read, and clears the rest."""

import pytest

from assessment.notifications.services import notify
from tests.browser.conftest import PHONE, login, screenshot
from tests.pages.scenario import district_build

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def inbox_scene(roles_with_permissions, town_a, town_b, leader_of_town_a, leader_of_town_b):
    district = district_build(units_per_category=4, include=(town_a, town_b))
    leader_of_town_a.first_name = "王建国"
    leader_of_town_a.save()
    notify(
        users=[leader_of_town_a, leader_of_town_b],
        event="publicity_opened",
        key="publicity_opened:demo",
        title="2025年度目标责任制考核结果开始公示",
        body="请查看本单位的排名和得分明细。如有异议，请于 2025-12-06 09:30 前提出申诉。",
        url="/ranking/",
    )
    notify(
        users=[leader_of_town_a],
        event="appeal_answered",
        key="appeal_answered:demo",
        title="您的申诉已驳回：甲镇 A01 重点项目推进（年终）",
        body="考核办答复：佐证材料不足，维持原评分。\n该项评分维持不变。",
        url="/workflow/appeals/",
    )
    notify(users=[leader_of_town_b], event="appeal_answered", key="appeal_answered:b", title="乙镇的申诉已采纳")
    return district


def _badge(page) -> str:
    """The unread count shown beside 消息 in the header ("" when none)."""
    count = page.locator("#header-messages .unread-count")
    return count.inner_text() if count.count() else ""


def test_leader_follows_a_message_and_clears_the_inbox(live_server, browser_context, watch_errors, inbox_scene):
    page = browser_context().new_page()
    errors = watch_errors(page)
    login(page, live_server.url, "leader_a")
    assert page.url.endswith("/ranking/")
    assert _badge(page) == "2"

    page.click("#header-messages")
    page.wait_for_load_state("networkidle")
    items = page.locator("#notification-list li.notice")
    assert items.count() == 2
    text = page.locator("#notification-list").inner_text()
    assert "结果开始公示" in text and "您的申诉已驳回" in text and "乙镇" not in text
    screenshot(page, "notifications-desktop")

    page.locator("li.notice", has_text="结果开始公示").get_by_role("button", name="查看详情").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/ranking/")
    assert _badge(page) == "1"

    page.click("#header-messages")
    page.get_by_role("button", name="全部标为已读").click()
    page.wait_for_load_state("networkidle")
    assert "已将 1 条消息标为已读" in page.content()
    assert _badge(page) == ""
    assert page.locator("#notification-list li.notice.unread").count() == 0
    assert errors == []


def test_inbox_on_a_phone_fits_the_screen(live_server, browser_context, watch_errors, inbox_scene):
    page = browser_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()
    errors = watch_errors(page)
    login(page, live_server.url, "leader_a")
    page.goto(f"{live_server.url}/notifications/")
    page.wait_for_load_state("networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.uncheck("input[name=email_enabled]")
    page.get_by_role("button", name="保存").click()
    page.wait_for_load_state("networkidle")
    assert "已关闭邮件通知" in page.content()
    assert not page.is_checked("input[name=email_enabled]")
    screenshot(page, "notifications-phone")
    assert errors == []
