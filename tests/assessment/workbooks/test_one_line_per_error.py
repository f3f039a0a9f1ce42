"""Each error is one line, and text echoed from a cell is shortened."""

import pytest

from assessment.common.workbook_errors import ErrorList, WorkbookError
from assessment.plan.workbook_import import plan_import
from tests.assessment.workbooks.builders import plan_sheets, workbook_file

pytestmark = pytest.mark.django_db


def _errors(sheets) -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        plan_import(file=workbook_file(sheets))
    return caught.value.errors


def test_a_cell_with_line_breaks_gives_a_one_line_error():
    sheets = plan_sheets()
    sheets["单位"][1][2] = "Z\nJ\r\n2"  # 类别编码 that does not exist
    errors = _errors(sheets)
    assert errors and all("\n" not in e and "\r" not in e for e in errors), errors
    assert any(e.startswith("单位!2: 类别编码") for e in errors), errors


@pytest.mark.parametrize("column, text", [(4, '{"floor": ' + "9" * 3000), (3, "完成率" * 1000)], ids=["参数", "规则"])
def test_long_invalid_texts_are_shortened(column, text):
    sheets = plan_sheets()
    sheets["指标"][2][column] = text
    errors = _errors(sheets)
    row = [e for e in errors if e.startswith("指标!3: ")]
    assert len(row) == 1 and "…" in row[0], errors
    assert len(row[0]) < 200, row[0]


def test_the_formatter_keeps_every_message_on_one_line():
    errors = ErrorList()
    errors.add("评分", 2, "值“a\nb”不是数字")
    errors.plain("第一行\n第二行")
    assert all("\n" not in m for m in errors.messages)
    assert all("\n" not in m for m in WorkbookError(["甲\n乙"]).errors)
