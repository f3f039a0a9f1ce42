"""The office uploads a score workbook in the admin and sees the ranking change on the results page."""

from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from assessment.models import UnitResult
from assessment.scores.entries import EntryInput, entries_write
from tests.browser.conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scored_towns(roles_with_permissions, cycle, periods, direct_indicator, town_a, town_b, office_user):
    """乙镇 ahead of 甲镇 after the first scores (results recomputed in-process after commit)."""
    entries_write(
        cycle=cycle,
        inputs=[
            EntryInput(period=periods["Y"], unit=town_a, indicator=direct_indicator, raw="12"),
            EntryInput(period=periods["Y"], unit=town_b, indicator=direct_indicator, raw="18"),
        ],
        user=office_user,
    )
    ranks = dict(UnitResult.objects.filter(cycle=cycle).values_list("unit__code", "rank"))
    assert ranks == {"T01": 2, "T02": 1}
    return cycle


def _score_workbook(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "评分"
    ws.append(["期间", "单位编码", "指标编码", "值", "备注"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def _first_in_category(page) -> str:
    return page.locator("[data-testid=results-ZJ] tbody tr").first.inner_text()


def test_office_uploads_scores_and_the_ranking_changes(
    live_server, browser_context, watch_errors, scored_towns, tmp_path
):
    page = browser_context().new_page()
    errors = watch_errors(page)
    login(page, live_server.url, "office")
    assert page.url.endswith(reverse("pages:dashboard"))

    page.goto(f"{live_server.url}{reverse('pages:results')}")
    assert "乙镇" in _first_in_category(page)

    rows = [("Y", "T01", "A01", 20, "复核后更正"), ("Y", "T02", "A01", 10, "")]
    workbook = _score_workbook(tmp_path / "评分表.xlsx", rows)
    page.goto(f"{live_server.url}{reverse('admin:import_scores')}")
    page.select_option("#id_cycle", str(scored_towns.pk))
    page.set_input_files("#id_file", str(workbook))
    page.click("input[type=submit]")
    page.wait_for_selector("#import-summary")

    page.goto(f"{live_server.url}{reverse('pages:results')}")
    first = _first_in_category(page)
    assert "甲镇" in first
    assert "100.00" in first  # 20 of 20 points in the only started period
    assert UnitResult.objects.get(unit__code="T01").score == Decimal("100.00")
    assert errors == []
