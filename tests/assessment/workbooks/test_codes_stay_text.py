"""Codes are text: "007" typed as text keeps its zeros; a code Excel stored as a number becomes its digits."""

import pytest

from assessment.common.xlsx_reader import cell_text
from assessment.plan.workbook_import import plan_import
from cadres.models import Cadre
from targets.models import Target
from tests.assessment.workbooks.builders import plan_sheets, workbook_file
from units.models import Category, Unit

pytestmark = pytest.mark.django_db


def _rename_unit(sheets, old, new):
    for name, column in (("单位", 0), ("干部", 2), ("目标", 1)):
        for row in sheets[name]:
            if len(row) > column and row[column] == old:
                row[column] = new


def test_leading_zero_codes_typed_as_text_stay_text():
    sheets = plan_sheets()
    _rename_unit(sheets, "T01", "007")
    plan_import(file=workbook_file(sheets))
    assert Unit.objects.filter(code="007").exists()
    assert Cadre.objects.get(code="K001").unit.code == "007"
    assert Target.objects.filter(indicator__code="A01", unit__code="007").exists()


def test_codes_stored_as_excel_numbers_become_digits():
    sheets = plan_sheets()
    sheets["考核类别"].append([7.0, "社会事业部门"])  # Excel keeps every number as a float
    sheets["单位"].append([12, "教育局", 7, 50])
    plan_import(file=workbook_file(sheets))
    assert Category.objects.filter(code="7").exists()
    assert Unit.objects.get(code="12").category.code == "7"


def test_cell_text_never_adds_a_decimal_point():
    assert (cell_text(7.0), cell_text(12), cell_text(" 007 "), cell_text(None)) == ("7", "12", "007", "")
