"""Importing the same plan twice changes nothing the second time; a changed row is updated in place."""

from decimal import Decimal

import pytest

from assessment.models import RecomputeState
from assessment.plan.workbook_import import plan_import
from cadres.models import Cadre, CadreTarget
from targets.models import Cycle, Indicator, IndicatorPoints, Period, Target
from tests.assessment.workbooks.builders import plan_sheets, workbook_file
from units.models import Category, Unit

pytestmark = pytest.mark.django_db
HISTORIES = [Cycle, Period, Category, Unit, Cadre, Indicator, IndicatorPoints, Target, CadreTarget]


def _history_counts():
    return {model.__name__: model.history.count() for model in HISTORIES}


def test_the_same_file_twice_changes_nothing(imported_plan, office_user):
    before = _history_counts()
    version = RecomputeState.objects.get(cycle=imported_plan).input_version
    summary = plan_import(file=workbook_file(plan_sheets()), user=office_user)
    assert not summary.changed
    assert _history_counts() == before
    assert RecomputeState.objects.get(cycle=imported_plan).input_version == version
    assert "无变化" in str(summary)


def test_a_changed_row_is_matched_by_code_and_updated(imported_plan, office_user):
    sheets = plan_sheets()
    for row in sheets["单位"]:
        if row[0] == "T02":
            row[3] = 26
    for row in sheets["指标"]:
        if row[0] == "B01":
            row[5] = "Y"
            row[9] = None  # no longer applies to departments
    version = RecomputeState.objects.get(cycle=imported_plan).input_version
    summary = plan_import(file=workbook_file(sheets), user=office_user)
    assert summary.counts["单位"]["updated"] == 1 and summary.counts["指标"]["updated"] == 1
    assert Unit.objects.get(code="T02").headcount == 26
    assert Unit.objects.filter(code="T02").count() == 1
    b01 = Indicator.objects.get(code="B01")
    assert list(b01.periods.values_list("code", flat=True)) == ["Y"]
    assert list(b01.points_by_category.values_list("category__code", "points")) == [("ZJ", Decimal("15"))]
    assert RecomputeState.objects.get(cycle=imported_plan).input_version > version
