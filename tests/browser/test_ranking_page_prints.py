"""Issue 13 §10 (part): the leader's page prints without navigation or controls, the chart fitted to the page."""

import pytest

from tests.browser.conftest import login
from tests.pages.scenario import district_build

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_ranking_page_prints_without_navigation_and_with_the_chart_fitted(
    live_server, browser_context, roles_with_permissions, town_a, town_b, leader_of_town_a
):
    district_build(units_per_category=6, include=(town_a, town_b))
    page = browser_context().new_page()
    login(page, live_server.url, "leader_a")
    assert page.locator(".main-nav").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".main-nav").is_visible()
    assert not page.locator(".site-header").is_visible()
    assert page.locator("[data-testid=own-score]").is_visible()
    chart = page.locator("#trend-chart").bounding_box()
    body = page.evaluate("document.documentElement.clientWidth")
    assert chart is not None and chart["width"] <= body
    assert len(page.pdf(format="A4")) > 1000  # chromium prints it
