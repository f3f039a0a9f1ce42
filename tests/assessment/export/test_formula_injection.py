"""Names that look like formulas (=, +, -, @, tab, CR) are written as text cells Excel shows and never runs."""

import io
import re

import openpyxl
import pytest

from assessment.results.workbook import results_workbook_bytes
from tests.assessment.export.conftest import cadre_result, unit_result
from tests.assessment.export.reading import sheet_xml, table
from tests.factories import CadreFactory, UnitFactory

pytestmark = pytest.mark.django_db

HOSTILE_NAMES = {
    "X1": '=HYPERLINK("http://x","y")',
    "X2": "-1+1",
    "X3": "@SUM(A1)",
    "X4": "+cmd",
    "X5": "\tTAB镇",
    "X6": "\r=1+1",
    "X7": "#N/A",
    "X8": "a<b & c>d",
}


@pytest.fixture
def hostile_units(cycle, towns):
    for n, (code, name) in enumerate(HOSTILE_NAMES.items(), start=1):
        unit = UnitFactory(code=code, name=name, category=towns)
        unit_result(cycle, unit, rank=n)
    cadre = CadreFactory(code="=K1", name="=1+2", unit=unit, post="@post")
    cadre_result(cycle, cadre)
    return cycle


def _name_cells(xml: str) -> list[str]:
    return re.findall(r'<c r="B\d+"[^>]*>.*?</c>', xml)


def test_no_cell_in_the_file_is_a_formula(hostile_units):
    data = results_workbook_bytes(cycle=hostile_units)

    for name in ("综合考核结果", "干部考核结果"):
        assert "<f>" not in sheet_xml(data, name) and "<f " not in sheet_xml(data, name)


def test_hostile_names_are_inline_text_cells_with_a_quote_prefix_style(hostile_units):
    data = results_workbook_bytes(cycle=hostile_units)
    xml = sheet_xml(data, "综合考核结果")
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    sheet = workbook["综合考核结果"]

    cells = [c for c in _name_cells(xml) if "HYPERLINK" in c or "SUM(A1)" in c or "+cmd" in c or "-1+1" in c]
    assert len(cells) == 4
    for cell in cells:
        assert 't="inlineStr"' in cell
    for row in sheet.iter_rows(min_row=3):
        name = row[1]
        assert name.data_type == "s"
        if name.value.startswith(("=", "+", "-", "@", "\t", "\r")):
            assert name.quotePrefix, name.value


def test_hostile_names_read_back_exactly_as_entered(hostile_units):
    data = results_workbook_bytes(cycle=hostile_units)
    workbook = openpyxl.load_workbook(io.BytesIO(data))

    names = {r["单位编码"]: r["单位名称"] for r in table(workbook, "综合考核结果", "单位编码")[2]}
    assert names == HOSTILE_NAMES
    cadre = table(workbook, "干部考核结果", "干部编码")[2][0]
    assert (cadre["干部编码"], cadre["姓名"], cadre["职务"]) == ("=K1", "=1+2", "@post")


def test_numbers_such_as_negative_deductions_stay_numbers(cycle_with_results):
    xml = sheet_xml(results_workbook_bytes(cycle=cycle_with_results), "明细-Q1")

    assert re.search(r'<c r="H\d+" s="\d+"><v>-2.00</v></c>', xml)
