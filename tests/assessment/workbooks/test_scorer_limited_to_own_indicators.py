"""A lead-department scorer's workbook may only hold rows for the indicators that department leads."""

import pytest

from assessment.common.workbook_errors import WorkbookError
from assessment.models import ScoreEntry
from assessment.scores.workbook_import import scores_import
from tests.assessment.workbooks.builders import workbook_file
from units.models import Unit

pytestmark = pytest.mark.django_db
HEADER = ["期间", "单位编码", "指标编码", "值", "备注"]


@pytest.fixture
def finance_bureau(imported_plan):
    return Unit.objects.get(code="D01")  # leads B01, B02, C01, C02


def test_rows_outside_the_departments_indicators_are_rejected(imported_plan, finance_bureau):
    sheets = {
        "评分": [
            HEADER,
            ["Y", "T01", "B01", 90, None],
            ["Y", "T01", "A01", 580, None],
            ["Q1", "T02", "A02", 5, None],
            ["Y", "T02", "B02", "A", None],
        ]
    }
    with pytest.raises(WorkbookError) as caught:
        scores_import(file=workbook_file(sheets), cycle=imported_plan, lead_unit=finance_bureau)
    assert caught.value.errors == [
        "评分!3: 指标 A01 不由本单位牵头，无权评分",
        "评分!4: 指标 A02 不由本单位牵头，无权评分",
    ]
    assert not ScoreEntry.objects.exists()


def test_the_departments_own_rows_are_accepted(imported_plan, finance_bureau):
    sheets = {"评分": [HEADER, ["Y", "T01", "B01", 90, None], ["Y", "T02", "B02", "A", None]]}
    summary = scores_import(file=workbook_file(sheets), cycle=imported_plan, lead_unit=finance_bureau)
    assert summary.created == 2


def test_a_scorer_may_not_upload_cadre_sheets(imported_plan, finance_bureau):
    sheets = {"评分": [HEADER], "民主测评": [["干部编码", "得分"], ["K001", 90]]}
    with pytest.raises(WorkbookError) as caught:
        scores_import(file=workbook_file(sheets), cycle=imported_plan, lead_unit=finance_bureau)
    assert caught.value.errors == ["民主测评!2: 牵头单位评分员无权填报民主测评"]
