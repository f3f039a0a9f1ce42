"""A unit leader tries values in the what-if panel (desktop and phone) and asks the solver; the office compares a
draft of the settings on 模拟测算 and downloads the comparison. Nothing is saved by either."""

import io
from decimal import Decimal

import openpyxl
import pytest
from playwright.sync_api import expect

from assessment.models import ScoreEntry, UnitResult
from assessment.recompute.service import cycle_recompute
from tests.assessment.conftest import scores_write
from tests.browser.conftest import PHONE, SCREENSHOTS, login, screenshot
from tests.factories import IndicatorFactory, IndicatorPointsFactory, TargetFactory, UnitFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scene(
    roles_with_permissions, cycle, periods, towns, town_a, town_b, direct_indicator, office_user, leader_of_town_a
):
    completion = IndicatorFactory(
        cycle=cycle, code="B01", name="固定资产投资", rule="completion", params={"floor": "0.6", "cap": "1.2"}
    )
    IndicatorPointsFactory(indicator=completion, category=towns, points=Decimal("10"))
    town_c = UnitFactory(code="T03", name="丙镇", category=towns, headcount=20)
    for unit in (town_a, town_b, town_c):
        TargetFactory(cycle=cycle, indicator=completion, unit=unit, value=Decimal("200"))
    rows = [(town_a, "12", "150"), (town_b, "16", "180"), (town_c, "8", "130")]
    scores_write(
        cycle,
        office_user,
        [(periods["Q1"], u, direct_indicator, a) for u, a, _b in rows]
        + [(periods["Q1"], u, completion, b) for u, _a, b in rows],
    )
    cycle_recompute(cycle_id=cycle.id)
    return cycle


def _saved():
    return (
        list(UnitResult.objects.order_by("unit_id").values_list("unit_id", "score", "rank")),
        list(ScoreEntry.objects.order_by("id").values_list("id", "value", "version")),
    )


def _unexpected(errors: list[str]) -> list[str]:
    """The page's errors but the one the test provokes: the 400 answering the value that is not a number."""
    return [e for e in errors if "status of 400" not in e]


def _whatif(page) -> None:
    panel = page.locator("[data-testid=whatif]")
    assert "模拟，不会保存" in panel.inner_text()
    assert "目标值 t = 200；满分 m = 10；完成率 = 完成值 ÷ 目标值，低于 60% 不得分，最高 120%" in panel.inner_text()
    row = panel.locator("tr[data-period=Q1][data-indicator=A01]")
    row.locator("[data-field=try]").fill("20")
    expect(panel.locator("[data-field=rank]")).to_have_text("1")
    assert "位列类别第一" in page.locator("[data-testid=whatif-gap]").inner_text()
    row.locator("[data-field=try]").fill("很多")
    expect(panel.locator("[data-field=error]")).to_contain_text("不是数字")
    row.locator("[data-field=try]").fill("")
    expect(panel.locator("[data-field=rank]")).to_have_text("2")


def test_a_leader_tries_values_and_asks_the_solver(live_server, browser_context, watch_errors, scene):
    before = _saved()
    page = browser_context().new_page()
    errors = watch_errors(page)
    login(page, live_server.url, "leader_a")
    _whatif(page)
    solver = page.locator("[data-testid=solver]")
    solver.locator("select[name=key]").select_option("Q1/A01")
    solver.locator("select[name=goal]").select_option("rank:1")
    solver.locator("button[type=submit]").click()
    expect(solver.locator("[data-testid=solution]")).to_contain_text("至少需要")
    assert "指标 A01 重点项目推进（Q1）至少需要 17.495 分" in page.locator("[data-testid=solution]").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("[data-testid=whatif]").screenshot(path=str(SCREENSHOTS / "whatif-desktop.png"))
    assert _unexpected(errors) == []
    assert _saved() == before


def test_the_whatif_panel_works_on_a_phone(live_server, browser_context, watch_errors, scene):
    page = browser_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2).new_page()
    errors = watch_errors(page)
    login(page, live_server.url, "leader_a")
    _whatif(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert _unexpected(errors) == []


def test_the_office_compares_a_draft_and_downloads_it(live_server, browser_context, watch_errors, scene):
    before = _saved()
    page = browser_context().new_page()
    errors = watch_errors(page)
    login(page, live_server.url, "office")
    page.goto(f"{live_server.url}/simulation/")
    assert "模拟，不会保存" in page.locator("[data-testid=sim-mark]").inner_text()
    page.fill("input[name=last_place_count]", "2")
    page.click("[data-testid=sim-form] button[type=submit]:not([name])")
    page.wait_for_selector("[data-testid=sim-table]")
    changed = page.locator("[data-testid=sim-table] tr.row-changed")
    assert changed.count() >= 1
    assert "末位" in changed.first.inner_text()
    assert page.locator("[data-testid=sim-table] td.changed").count() >= 1
    screenshot(page, "simulation-desktop")
    with page.expect_download() as download:
        page.click("button[name=download]")
    book = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert book.sheetnames == ["单位对比", "模拟设置"]
    assert [r for r in book["模拟设置"].iter_rows(values_only=True) if r[0] == "末位数"] == [("末位数", "1", "2")]
    assert errors == []
    assert _saved() == before
