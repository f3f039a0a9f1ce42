"""A number with a huge exponent or thousands of digits is a listed error within a second, never a hang."""

import io
import time
import zipfile

import pytest

from assessment.common.workbook_errors import WorkbookError
from assessment.common.xlsx_reader import cell_integer, cell_number
from assessment.models import ScoreEntry
from assessment.plan.workbook_import import plan_import
from assessment.scores.workbook_import import scores_import
from targets.models import Cycle
from tests.assessment.workbooks.builders import excel_style_bytes, plan_sheets, score_sheets, workbook_file

pytestmark = pytest.mark.django_db
HUGE = ["1e999999999", "1e999999", "-1E+999999999", "9" * 5000, "1e-999999999", "0." + "0" * 5000 + "1"]


def _errors_within_a_second(call) -> list[str]:
    start = time.perf_counter()
    with pytest.raises(WorkbookError) as caught:
        call()
    assert time.perf_counter() - start < 1
    return caught.value.errors


@pytest.mark.parametrize("text", HUGE)
def test_the_shared_cell_parse_refuses_before_converting(text):
    start = time.perf_counter()
    with pytest.raises(ValueError, match="超出范围"):
        cell_integer(text, "年度")
    with pytest.raises(ValueError, match="超出范围"):
        cell_number(text, "目标值")
    assert time.perf_counter() - start < 1


@pytest.mark.parametrize("text", ["1e999999999", "1e999999"])
def test_a_huge_year_is_a_listed_error(text):
    sheets = plan_sheets()
    sheets["考核设置"][3][1] = text
    sheets["单位"][1][3] = "1e999999"  # and another one further on: both reported
    errors = _errors_within_a_second(lambda: plan_import(file=workbook_file(sheets)))
    assert errors[0].startswith("考核设置!4: 年度") and "超出范围" in errors[0], errors
    assert any(e.startswith("单位!2: 编制人数") for e in errors), errors
    assert not Cycle.objects.exists()


@pytest.mark.parametrize("text", ["1e999999999", "1e999999", "9" * 5000])
def test_a_huge_deduction_or_veto_count_is_a_listed_error(imported_plan, office_user, text):
    sheets = score_sheets()
    sheets["评分"].append(["Y", "T02", "C01", text, None])  # 11
    sheets["评分"].append(["Y", "T02", "C02", text, None])  # 12
    errors = _errors_within_a_second(
        lambda: scores_import(file=workbook_file(sheets), cycle=imported_plan, user=office_user)
    )
    assert [e.split(":")[0] for e in errors] == ["评分!11", "评分!12"], errors
    assert all("超出范围" in e for e in errors), errors
    assert not ScoreEntry.objects.exists()


def test_a_huge_number_stored_as_a_number_cell_is_a_listed_error(imported_plan, office_user):
    """Excel's <v> text itself (not a text cell) with an exponent no float or int can hold."""
    rows = score_sheets()["评分"]
    rows.append(["Y", "T02", "C01", 424242])  # row 11, its <v> replaced below
    rows.append(["Y", "T02", "C02", 434343])
    source = zipfile.ZipFile(io.BytesIO(excel_style_bytes("评分", rows)))
    sheets_bytes = io.BytesIO()
    with zipfile.ZipFile(sheets_bytes, "w") as target:
        for item in source.infolist():
            part = source.read(item)
            part = part.replace(b"<v>424242</v>", b"<v>1E+999999999</v>")
            target.writestr(item, part.replace(b"<v>434343</v>", b"<v>" + b"9" * 5000 + b"</v>"))
    sheets_bytes.seek(0)
    errors = _errors_within_a_second(lambda: scores_import(file=sheets_bytes, cycle=imported_plan, user=office_user))
    assert [e.split(":")[0] for e in errors] == ["评分!11", "评分!12"], errors
    assert all("超出范围" in e for e in errors), errors
