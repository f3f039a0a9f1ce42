"""A formula cell without a cached result (a file written by a tool, never opened in Excel) is refused, not read
as empty: an empty 值 would delete the entry."""

import pytest

from assessment.common.workbook_errors import WorkbookError
from assessment.models import ScoreEntry
from assessment.scores.workbook_import import scores_import
from tests.assessment.workbooks.builders import score_sheets, workbook_file

pytestmark = pytest.mark.django_db
MESSAGE = "公式没有计算结果，请在 Excel 中打开并保存后再导入"


def test_an_uncalculated_formula_does_not_delete_the_entry(imported_plan, office_user):
    scores_import(file=workbook_file(score_sheets()), cycle=imported_plan, user=office_user)
    before = ScoreEntry.objects.get(unit__code="T01", indicator__code="A01").value
    sheets = score_sheets()
    sheets["评分"][1][3] = "=600-20"  # openpyxl writes the formula without a cached value
    sheets["评分"][2][1] = "T99"  # another mistake of the same file
    with pytest.raises(WorkbookError) as caught:
        scores_import(file=workbook_file(sheets), cycle=imported_plan, user=office_user)
    errors = caught.value.errors
    assert errors[0] == f"评分!2: 值：{MESSAGE}", errors
    assert errors[1].startswith("评分!3: 单位编码“T99”不存在"), errors
    assert ScoreEntry.objects.get(unit__code="T01", indicator__code="A01").value == before
