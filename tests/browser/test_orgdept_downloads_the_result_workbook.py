"""组织部 opens the results, downloads the result workbook, and the file opens with the contracted header."""

import openpyxl
import pytest

from tests.browser.conftest import login, screenshot
from tests.pages.scenario import district_build

pytestmark = pytest.mark.django_db(transaction=True)

HEADER = ["单位编码", "单位名称", "类别", "类别名称", "排名", "综合得分", "等次", "色标", "末位", "一票否决"]
HEADER += ["奖金系数", "考核奖金"]


@pytest.fixture
def published_results(roles_with_permissions, org_user):
    org_user.first_name = "组织部干部科"
    org_user.save()
    categories = (("ZJ", "镇街"), ("JJ", "经济部门"))
    return district_build(units_per_category=8, categories=categories, vetoed_units=("JJ004",))


def _header_row(ws) -> list:
    # WORKBOOKS.md: the header row is the first row whose first cell is the first header (a title may precede it).
    for row in ws.iter_rows(values_only=True):
        if row and row[0] == HEADER[0]:
            return [c for c in row if c is not None]
    raise AssertionError("no header row")


def test_orgdept_downloads_the_result_workbook_and_it_opens(
    live_server, browser_context, watch_errors, published_results, tmp_path
):
    page = browser_context().new_page()
    errors = watch_errors(page)
    login(page, live_server.url, "orgdept")
    assert page.url.endswith("/results/")
    assert page.locator("[data-testid=results-ZJ] tbody tr").count() == 8
    screenshot(page, "results-units")

    with page.expect_download() as info:
        page.click("[data-testid=download]")
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / "result.xlsx"
    download.save_as(str(path))

    wb = openpyxl.load_workbook(path, read_only=True)
    first = wb.worksheets[0]
    assert first.title == "综合考核结果"
    assert _header_row(first)[: len(HEADER)] == HEADER
    assert errors == []
