"""Machine-readable by the header rule: a merged title row, then the header row, then data."""

import io

import openpyxl
import pytest

from assessment.common.workbook_errors import ErrorList
from assessment.common.xlsx_reader import sheet_read
from assessment.results.workbook import results_workbook_bytes
from tests.assessment.export.reading import table

pytestmark = pytest.mark.django_db

FIRST_HEADERS = {
    "综合考核结果": "单位编码",
    "明细-Q1": "单位编码",
    "明细-Q2": "单位编码",
    "干部考核结果": "干部编码",
    "目标分解": "指标编码",
}


def test_each_sheet_has_a_merged_title_row_above_its_header_row(cycle_with_results):
    workbook = openpyxl.load_workbook(io.BytesIO(results_workbook_bytes(cycle=cycle_with_results)))

    for name, first in FIRST_HEADERS.items():
        sheet = workbook[name]
        header_row, headers, _ = table(workbook, name, first)
        assert header_row == 2
        assert sheet["A1"].value == f"2025年度目标责任制考核结果 · {name}"
        assert [str(r) for r in sheet.merged_cells.ranges] == [f"A1:{sheet.cell(2, len(headers)).column_letter}1"]


def test_the_import_reader_finds_the_rows_by_the_header_rule(cycle_with_results):
    errors = ErrorList()
    workbook = openpyxl.load_workbook(io.BytesIO(results_workbook_bytes(cycle=cycle_with_results)), read_only=True)

    sheet = sheet_read(workbook, "综合考核结果", columns=["单位编码", "综合得分", "等次"], errors=errors)

    assert errors.messages == []
    assert sheet.header_row == 2
    assert [(r.number, r["单位编码"]) for r in sheet.rows] == [
        (3, "D01"),
        (4, "T02"),
        (5, "T01"),
        (6, "T04"),
        (7, "T03"),
    ]
