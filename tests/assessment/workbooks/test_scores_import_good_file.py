"""A good score workbook writes the entries, cadre actuals and democratic evaluations, with history."""

from decimal import Decimal

import pytest

from assessment.models import RecomputeState, ScoreEntry
from assessment.scores.workbook_import import scores_import
from cadres.models import CadreTarget, DemocraticEvaluation
from tests.assessment.workbooks.builders import score_sheets, workbook_file

pytestmark = pytest.mark.django_db


def _entry(period, unit, indicator):
    return ScoreEntry.objects.get(period__code=period, unit__code=unit, indicator__code=indicator)


def test_scores_are_written(imported_plan, office_user):
    summary = scores_import(file=workbook_file(score_sheets()), cycle=imported_plan, user=office_user)
    assert (summary.rows, summary.created) == (9, 9)
    assert _entry("Y", "T02", "A01").value == Decimal("500")
    assert _entry("Y", "T02", "A01").note == "超额完成"
    assert _entry("Q1", "D01", "A02").value == Decimal("9.5")
    assert _entry("Y", "D01", "B02").letter == "B"  # grade letters are upper-cased
    assert _entry("Y", "T01", "C01").value == Decimal("1")
    assert "新增 9" in str(summary)


def test_history_and_recompute_are_recorded(imported_plan, office_user):
    version = RecomputeState.objects.get(cycle=imported_plan).input_version
    scores_import(file=workbook_file(score_sheets()), cycle=imported_plan, user=office_user, reason="季度评分")
    record = _entry("Y", "T01", "A01").history.get()
    assert (record.history_user, record.history_change_reason) == (office_user, "季度评分")
    assert RecomputeState.objects.get(cycle=imported_plan).input_version > version


def test_cadre_actuals_and_evaluations_are_written(imported_plan, office_user):
    scores_import(file=workbook_file(score_sheets()), cycle=imported_plan, user=office_user)
    assert CadreTarget.objects.get(code="KT01").actual_value == Decimal("620")
    assert CadreTarget.objects.get(code="KT02").actual_value is None
    assert DemocraticEvaluation.objects.get(cadre__code="K001").score == Decimal("92.5")


def test_an_empty_value_deletes_the_entry(imported_plan, office_user):
    scores_import(file=workbook_file(score_sheets()), cycle=imported_plan, user=office_user)
    sheets = {
        "评分": [["期间", "单位编码", "指标编码", "值", "备注"], ["Y", "T01", "C01", None, None]],
        "民主测评": [["干部编码", "得分"], ["K003", ""]],
    }
    summary = scores_import(file=workbook_file(sheets), cycle=imported_plan, user=office_user)
    assert summary.deleted == 1
    assert not ScoreEntry.objects.filter(indicator__code="C01").exists()
    assert not DemocraticEvaluation.objects.filter(cadre__code="K003").exists()
    assert ScoreEntry.objects.count() == 8  # rows not in the file are left alone
