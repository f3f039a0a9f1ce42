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


def _fill(sheet, code):
    row = next(r for r in sheet.iter_rows(min_row=3) if r[0].value == code)
    return {c.fill.fgColor.rgb for c in row}, {c.font.color.rgb if c.font.color else None for c in row}


def test_red_yellow_and_black_units_get_their_colour_across_the_row(workbook):
    sheet = workbook["综合考核结果"]

    assert _fill(sheet, "T02")[0] == {"FFFF0000"}
    assert _fill(sheet, "D01")[0] == {"FFFFFF00"}
    fills, fonts = _fill(sheet, "T03")
    assert fills == {"FF000000"} and fonts == {"FFFFFFFF"}
    assert _fill(sheet, "T01")[0] == {"00000000"}  # no colour: no fill
