"""Files as Excel writes them (shared strings, a <dimension> that understates the data) read like any other."""

from decimal import Decimal
from io import BytesIO

import pytest

from assessment.common.workbook_errors import ErrorList
from assessment.common.xlsx_reader import sheet_read, workbook_opened
from assessment.models import ScoreEntry
from assessment.scores.workbook_import import SCORE_COLUMNS, scores_import
from tests.assessment.workbooks.builders import excel_style_bytes

pytestmark = pytest.mark.django_db


def test_shared_strings_and_a_wrong_dimension(imported_plan, office_user):
    data = excel_style_bytes(
        "评分",
        [
            ["2025年度评分表"],
            SCORE_COLUMNS,
            ["Q1", "T01", "A02", 8.5, "现场核查"],
            [],
            ["Y", "D01", "B02", "C", None],
        ],
        dimension="A1:B2",
    )
    summary = scores_import(file=BytesIO(data), cycle=imported_plan, user=office_user)
    assert summary.created == 2
    entry = ScoreEntry.objects.get(unit__code="T01", indicator__code="A02")
    assert (entry.value, entry.note) == (Decimal("8.5"), "现场核查")
    assert ScoreEntry.objects.get(unit__code="D01").letter == "C"


def test_rows_keep_the_numbers_excel_shows():
    data = excel_style_bytes("评分", [SCORE_COLUMNS, [], [], ["Q1", 7, "A02", 1, None]])
    with workbook_opened(BytesIO(data)) as workbook:
        sheet = sheet_read(workbook, "评分", columns=SCORE_COLUMNS, errors=ErrorList())
    assert [(row.number, row.text("单位编码")) for row in sheet.rows] == [(4, "7")]
