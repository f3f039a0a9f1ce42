"""Whole-file problems: not an .xlsx, a damaged file, a missing sheet, a missing header."""

import pytest

from assessment.common.workbook_errors import WorkbookError
from assessment.plan.workbook_import import plan_import
from assessment.scores.workbook_import import scores_import
from tests.assessment.workbooks.builders import plan_sheets, workbook_bytes, workbook_file
from units.models import Unit

pytestmark = pytest.mark.django_db


def test_a_file_that_is_not_xlsx_is_one_clear_error(tmp_path):
    path = tmp_path / "plan.xls"
    path.write_bytes(workbook_bytes(plan_sheets()))
    with pytest.raises(WorkbookError) as caught:
        plan_import(file=str(path))
    assert len(caught.value.errors) == 1 and ".xlsx" in caught.value.errors[0]


def test_a_damaged_xlsx_is_one_clear_error(tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0 an old binary .xls renamed")
    with pytest.raises(WorkbookError) as caught:
        plan_import(file=str(path))
    assert len(caught.value.errors) == 1 and "不是有效的 .xlsx" in caught.value.errors[0]


def test_missing_sheets_and_headers_are_reported_together():
    sheets = plan_sheets()
    del sheets["干部"]
    sheets["单位"][0] = ["编码", "名称", "类别"]
    with pytest.raises(WorkbookError) as caught:
        plan_import(file=workbook_file(sheets))
    errors = caught.value.errors
    assert "单位!1: 缺少列“类别编码”" in errors and "单位!1: 缺少列“编制人数”" in errors
    assert "干部: 缺少工作表“干部”" in errors
    assert not Unit.objects.exists()


def test_a_score_file_without_its_sheet(imported_plan):
    with pytest.raises(WorkbookError) as caught:
        scores_import(file=workbook_file({"Sheet1": [["期间"]]}), cycle=imported_plan)
    assert caught.value.errors == ["评分: 缺少工作表“评分”"]
