"""Machine-readable by the header rule: a merged title row, (on 明细 sheets the indicator names,) then the header
row, then data."""

import io

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

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
        title_merge = f"A1:{get_column_letter(len(headers))}1"
        assert sheet["A1"].value == f"2025年度目标责任制考核结果 · {name}"
        assert title_merge in [str(r) for r in sheet.merged_cells.ranges]
        if name.startswith("明细-"):
            assert header_row == 4  # the top-level indicators and the indicator names come between
        else:
            assert header_row == 2
            assert [str(r) for r in sheet.merged_cells.ranges] == [title_merge]


def test_detail_sheets_name_each_indicator_above_its_code_grouped_under_its_top_level_indicator(cycle_with_results):
    # Issue 13 §5: a printed 明细 sheet of bare codes could not be read.
    workbook = openpyxl.load_workbook(io.BytesIO(results_workbook_bytes(cycle=cycle_with_results)))

    for name in ("明细-Q1", "明细-Q2"):
        sheet = workbook[name]
        above = {
            header: (sheet.cell(2, cell.column).value, sheet.cell(3, cell.column).value)
            for cell in sheet[4]
            if (header := cell.value) in ("A01", "A02", "B01", "K01", "V01", "Z01")
        }
        assert above == {
            "A01": ("经济发展", "重点项目推进"),  # A01 and A02 under their parent A 经济发展, one merged cell
            "A02": (None, "招商引资"),
            "B01": ("创新加分", None),  # a top-level leaf: one cell over both rows
            "K01": ("安全生产", None),
            "V01": ("重大事故", None),
            "Z01": ("固定资产投资", None),
        }
        merges = {str(r) for r in sheet.merged_cells.ranges}
        assert {"A2:D2", "A3:D3", "E2:F2", "G2:G3", "J2:J3", "K2:O3"} <= merges
        assert (sheet["A2"].value, sheet["A3"].value, sheet["K2"].value) == ("一级指标", "指标名称", "期间合计")
        assert sheet["E3"].alignment.wrap_text and sheet["E4"].alignment.wrap_text
        assert sheet.row_dimensions[3].height >= 30


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


def test_the_import_reader_finds_the_detail_rows_below_the_indicator_names(cycle_with_results):
    errors = ErrorList()
    workbook = openpyxl.load_workbook(io.BytesIO(results_workbook_bytes(cycle=cycle_with_results)), read_only=True)

    sheet = sheet_read(workbook, "明细-Q1", columns=["单位编码", "类别", "A01", "期间得分"], errors=errors)

    assert errors.messages == []
    assert sheet.header_row == 4
    assert [r["单位编码"] for r in sheet.rows] == ["D01", "T02", "T01", "T04", "T03"]
