"""The office confirms a proposed 黄 record on the board; the unit's leader then sees the deduction on the ranking
page with the record behind it, and is one place lower (recomputed after commit, eager Celery in-process)."""

import pytest

from assessment.models import UnitResult
from tests.browser.conftest import PHONE, login, screenshot
from tests.supervision_pages.ranking_scene import ranking_scene

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scene(
    roles_with_permissions, cycle, periods, towns, town_a, town_b, direct_indicator, office_user, leader_of_town_a
):
    leader_of_town_a.first_name = "王建国"
    leader_of_town_a.save()
    return ranking_scene(
        cycle=cycle,
        periods=periods,
        towns=towns,
        town_a=town_a,
        town_b=town_b,
        direct_indicator=direct_indicator,
        office_user=office_user,
    )


def test_confirmed_record_shows_as_a_deduction_with_its_record(live_server, browser_context, watch_errors, scene):
    _deduction, record = scene
    assert dict(UnitResult.objects.values_list("unit__code", "rank")) == {"T01": 1, "T02": 2}

    office = browser_context().new_page()
    errors = watch_errors(office)
    login(office, live_server.url, "office")
    office.goto(f"{live_server.url}/supervision/?as_of=2025-06-15")
    assert "节点逾期：DB-A9 第 1 节点" in office.locator("[data-testid=proposed-records]").inner_text()
    office.click(f"[data-testid=confirm-{record.pk}]")
    office.wait_for_load_state("networkidle")
    assert "已确认" in office.content()
    assert office.locator(f"[data-testid=record-{record.pk}]").count() == 0
    assert errors == []
    assert dict(UnitResult.objects.values_list("unit__code", "rank")) == {"T01": 2, "T02": 1}

    leader = browser_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()
    errors = watch_errors(leader)
    login(leader, live_server.url, "leader_a")
    leader.goto(f"{live_server.url}/ranking/?period=Q2")
    assert leader.locator("[data-testid=own-rank]").inner_text().startswith("2")
    panel = leader.locator("[data-testid=record-points]")
    assert "扣分 2.00 分" in panel.inner_text() and "节点逾期：DB-A9 第 1 节点" in panel.inner_text()
    screenshot(leader, "ranking-record-points-phone")
    panel.locator("a", has_text="节点逾期").click()
    leader.wait_for_load_state("networkidle")
    assert f"#record-{record.pk}" in leader.url
    row = leader.locator(f"[data-testid=record-row-{record.pk}]")
    assert "已确认" in row.inner_text()
    assert errors == []
