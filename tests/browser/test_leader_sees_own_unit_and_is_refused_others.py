"""A unit leader logs in, lands on the ranking page with the own unit highlighted and its breakdown,
and is refused another unit's detail even when typing its address."""

import os

import pytest

from tests.browser.conftest import PHONE, login, screenshot
from tests.pages.scenario import appeal_file, district_build, exemption_grant

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def leader_scene(roles_with_permissions, town_a, town_b, leader_of_town_a):
    district = district_build(units_per_category=8, include=(town_a, town_b), vetoed_units=("ZJ006",))
    exemption_grant(district=district, unit=town_a)
    appeal_file(district=district, unit=town_a, status="pending")
    appeal_file(district=district, unit=town_a, status="rejected", code="A01", reply="佐证材料不足，维持原评分。")
    leader_of_town_a.first_name = "王建国"
    leader_of_town_a.save()
    return district


def test_leader_lands_on_ranking_sees_breakdown_and_is_refused_another_unit(
    live_server, browser_context, watch_errors, leader_scene, town_b
):
    page = browser_context().new_page()
    errors = watch_errors(page)
    login(page, live_server.url, "leader_a")

    assert page.url.endswith("/ranking/")
    own = page.locator("[data-testid=own-row]")
    assert own.count() == 1
    assert "甲镇" in own.inner_text()
    assert "本单位" in own.inner_text()
    # The breakdown of the own unit, with the tolerated deduction marked.
    breakdown = page.locator("[data-testid=breakdown]")
    assert "A01" in breakdown.inner_text()
    assert "已容错" in breakdown.inner_text()
    page.wait_for_selector("#trend-chart svg")
    assert errors == []
    screenshot(page, "ranking-desktop")

    # Other units are listed without any link into their detail.
    assert page.locator("[data-testid=ranking-table] a").count() == 0
    response = page.goto(f"{live_server.url}/ranking/unit/{town_b.pk}/")
    assert response.status == 403
    assert "只能查看本单位的考核明细" in page.content()
    screenshot(page, "forbidden", full_page=False)


def test_ranking_page_is_readable_on_a_phone(live_server, browser_context, watch_errors, leader_scene):
    page = browser_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()
    errors = watch_errors(page)
    login(page, live_server.url, "leader_a")
    page.wait_for_selector("#trend-chart svg")
    # Nothing wider than the screen except inside the scrollable table wrappers.
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert errors == []
    screenshot(page, "ranking-phone", full_page=False)
    if os.environ.get("KAOHE_FULL_SCREENSHOTS"):
        screenshot(page, "ranking-phone-full")
