"""Styled for printing: A4 landscape fitted to the page width, frozen and repeated header, widths, row colours."""

import io

import openpyxl
import pytest

from assessment.results.workbook import results_workbook_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def workbook(cycle_with_results):
    return openpyxl.load_workbook(io.BytesIO(results_workbook_bytes(cycle=cycle_with_results)))


def test_every_sheet_prints_on_a4_landscape_fitted_to_the_page_width(workbook):
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape", sheet.title
        assert sheet.page_setup.paperSize == 9  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth == 1
        assert sheet.page_setup.fitToHeight == 0


def test_the_header_row_is_frozen_and_repeated_on_every_printed_page(workbook):
    for sheet in workbook.worksheets:
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
