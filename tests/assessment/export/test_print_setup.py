"""Styled for printing: landscape (A4, a large sheet A3) fitted to the page width, frozen and repeated header
rows, widths, row colours."""

import io

import openpyxl
import pytest

from assessment.results.workbook import results_workbook_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def workbook(cycle_with_results):
    return openpyxl.load_workbook(io.BytesIO(results_workbook_bytes(cycle=cycle_with_results)))


def test_every_sheet_prints_landscape_fitted_to_the_page_width(workbook):
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.page_setup.paperSize == 9, sheet.title  # A4: none of the fixture's sheets is large
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth == 1
        assert sheet.page_setup.fitToHeight == 0


def test_a_large_detail_sheet_prints_on_a3_and_the_others_stay_on_a4(wide_cycle):
    workbook = openpyxl.load_workbook(io.BytesIO(results_workbook_bytes(cycle=wide_cycle)))

    papers = {sheet.title: sheet.page_setup.paperSize for sheet in workbook.worksheets}
    assert papers == {"综合考核结果": 9, "明细-Q1": 8, "明细-Q2": 8, "干部考核结果": 9, "目标分解": 9}
    for sheet in workbook.worksheets:
        assert (sheet.page_setup.orientation, sheet.page_setup.fitToWidth) == ("landscape", 1), sheet.title


def test_the_header_row_is_frozen_and_repeated_on_every_printed_page(workbook):
    for sheet in workbook.worksheets:
        if sheet.title.startswith("明细-"):
            # The indicator names (rows 2 and 3) are frozen and repeated with the header row.
            assert sheet.freeze_panes == "A5", sheet.title
            assert sheet.print_title_rows == "$2:$4", sheet.title
        else:
            assert sheet.freeze_panes == "A3", sheet.title
            assert sheet.print_title_rows == "$2:$2", sheet.title


def test_columns_have_widths_set(workbook):
    sheet = workbook["综合考核结果"]

    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["D"].width > 0


def _row(sheet, code):
    header = [c.value for c in sheet[2]]
    row = next(r for r in sheet.iter_rows(min_row=3) if r[0].value == code)
    return dict(zip(header, row, strict=True))


def test_coloured_units_get_a_light_tint_across_the_row_and_the_full_colour_on_the_colour_cell(workbook):
    # Issue 13 §5: full-row pure red/yellow fills made the printed sheet unreadable.
    sheet = workbook["综合考核结果"]
    for code, full, tint in (
        ("T02", "FFFF0000", "FFFCE4E4"),
        ("D01", "FFFFFF00", "FFFFF7CC"),
        ("T03", "FF000000", "FFE3E3E3"),
    ):
        cells = _row(sheet, code)
        assert cells["色标"].fill.fgColor.rgb == full, code
        assert {c.fill.fgColor.rgb for h, c in cells.items() if h != "色标"} == {tint}, code
    assert _row(sheet, "T03")["色标"].font.color.rgb == "FFFFFFFF"  # white on black
    assert {c.fill.fgColor.rgb for c in _row(sheet, "T01").values()} == {"00000000"}  # no colour: no fill
