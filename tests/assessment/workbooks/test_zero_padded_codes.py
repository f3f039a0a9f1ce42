"""A code Excel stores as a number but shows with a zero-padding format (10101 shown as 010101) keeps its zeros."""

import io

import pytest
from openpyxl import load_workbook

from assessment.plan.workbook_import import plan_import
from tests.assessment.workbooks.builders import plan_sheets, workbook_bytes
from units.models import Unit

pytestmark = pytest.mark.django_db


def test_zero_padded_number_codes_are_read_as_shown():
    sheets = plan_sheets()
    sheets["单位"].append([10101, "统计局", "JJ", 12])  # row 6
    sheets["干部"].append(["K009", "赵六", 10101, "镇长", "是"])  # row 5
    workbook = load_workbook(io.BytesIO(workbook_bytes(sheets)))
    workbook["单位"]["A6"].number_format = "000000"
    workbook["干部"]["C5"].number_format = "000000"
    workbook["单位"]["D6"].number_format = "000"  # a number column: still the number 12
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    plan_import(file=out)
    unit = Unit.objects.get(code="010101")
    assert unit.headcount == 12
    assert unit.cadres.get().code == "K009"
