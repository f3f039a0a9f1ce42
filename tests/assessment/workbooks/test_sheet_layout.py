"""The header rule: rows above the header are ignored, extra columns are ignored, empty rows are skipped."""

from decimal import Decimal

import pytest

from assessment.common.workbook_errors import WorkbookError
from assessment.models import ScoreEntry
from assessment.plan.workbook_import import plan_import
from assessment.scores.workbook_import import scores_import
from tests.assessment.workbooks.builders import plan_sheets, workbook_file
from units.models import Unit

pytestmark = pytest.mark.django_db
HEADER = ["期间", "单位编码", "指标编码", "值", "备注"]


def test_title_rows_above_the_header_are_ignored():
    sheets = plan_sheets()
    sheets["单位"][:0] = [["2025年度考核单位名单"], ["单位", "说明"], []]
    plan_import(file=workbook_file(sheets))
    assert set(Unit.objects.values_list("code", flat=True)) == {"T01", "T02", "D01", "D02"}


def test_extra_columns_are_ignored():
    sheets = plan_sheets()
    sheets["单位"][0] = ["编码", "联系人", "名称", "类别编码", "编制人数", "备注"]
    sheets["单位"][1:] = [[code, "某某", name, cat, n, "无"] for code, name, cat, n in sheets["单位"][1:]]
    plan_import(file=workbook_file(sheets))
    assert Unit.objects.get(code="T01").name == "甲镇"


def test_empty_rows_are_skipped_and_rows_keep_excel_numbers(imported_plan, office_user):
    sheets = {
        "评分": [
            ["评分表"],
            HEADER,
            ["Q1", "T01", "A02", 8, None],
            [None, None, None, None, None],
            [],
            ["  ", None, "", None, None],
            ["Q1", "T02", "A02", "九", None],
        ]
    }
    with pytest.raises(WorkbookError) as caught:
        scores_import(file=workbook_file(sheets), cycle=imported_plan, user=office_user)
    assert caught.value.errors == ["评分!7: 值：指标 A02：“九”不是数字"]
    sheets["评分"][-1][3] = 9
    summary = scores_import(file=workbook_file(sheets), cycle=imported_plan, user=office_user)
    assert summary.rows == 2
    assert ScoreEntry.objects.get(unit__code="T02").value == Decimal("9")
