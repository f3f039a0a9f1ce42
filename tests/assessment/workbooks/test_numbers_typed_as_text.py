"""Numbers typed as text (" 12.5 ") are read as numbers, in the plan and in scores."""

from decimal import Decimal

import pytest

from assessment.models import ScoreEntry
from assessment.plan.workbook_import import plan_import
from assessment.scores.workbook_import import scores_import
from cadres.models import CadreTarget
from targets.models import Cycle, IndicatorPoints, Target
from tests.assessment.workbooks.builders import plan_sheets, workbook_file
from units.models import Unit

pytestmark = pytest.mark.django_db


def test_plan_numbers_typed_as_text():
    sheets = plan_sheets()
    for row in sheets["考核设置"]:
        if row and row[0] == "奖金基数":
            row[1] = " 12,500 "
    for row in sheets["单位"]:
        if row[0] == "T01":
            row[3] = " 31 "
    for row in sheets["指标"]:
        if row[0] == "A02":
            row[8] = " 12.5 "
    for row in sheets["目标"]:
        if row[:2] == ["A01", "T01"]:
            row[2], row[3] = "600.5", " 500 "
    sheets["干部目标"][1][4] = "0.6"
    plan_import(file=workbook_file(sheets))
    assert Cycle.objects.get(year=2025).bonus_base == Decimal("12500")
    assert Unit.objects.get(code="T01").headcount == 31
    assert IndicatorPoints.objects.get(indicator__code="A02", category__code="ZJ").points == Decimal("12.5")
    target = Target.objects.get(indicator__code="A01", unit__code="T01")
    assert (target.value, target.base) == (Decimal("600.5"), Decimal("500"))
    assert CadreTarget.objects.get(code="KT01").weight == Decimal("0.6")


def test_score_values_typed_as_text(imported_plan, office_user):
    sheets = {"评分": [["期间", "单位编码", "指标编码", "值", "备注"], ["Q1", "T01", "A02", " 8.25 ", None]]}
    scores_import(file=workbook_file(sheets), cycle=imported_plan, user=office_user)
    assert ScoreEntry.objects.get(unit__code="T01", indicator__code="A02").value == Decimal("8.25")
