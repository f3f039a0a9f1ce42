"""Importing the same score workbook twice changes nothing the second time."""

import pytest

from assessment.models import RecomputeState, ScoreEntry
from assessment.scores.workbook_import import scores_import
from cadres.models import CadreTarget, DemocraticEvaluation
from tests.assessment.workbooks.builders import score_sheets, workbook_file

pytestmark = pytest.mark.django_db


def test_second_import_changes_nothing(imported_plan, office_user):
    scores_import(file=workbook_file(score_sheets()), cycle=imported_plan, user=office_user)
    histories = (ScoreEntry.history.count(), CadreTarget.history.count(), DemocraticEvaluation.history.count())
    version = RecomputeState.objects.get(cycle=imported_plan).input_version
    summary = scores_import(file=workbook_file(score_sheets()), cycle=imported_plan, user=office_user)
    assert (summary.created, summary.updated, summary.deleted, summary.unchanged) == (0, 0, 0, 9)
    assert not summary.changed
    assert (ScoreEntry.history.count(), CadreTarget.history.count(), DemocraticEvaluation.history.count()) == histories
    assert RecomputeState.objects.get(cycle=imported_plan).input_version == version


def test_a_changed_value_updates_the_matching_entry(imported_plan, office_user):
    scores_import(file=workbook_file(score_sheets()), cycle=imported_plan, user=office_user)
    sheets = score_sheets()
    sheets["评分"][1][3] = 590
    summary = scores_import(file=workbook_file(sheets), cycle=imported_plan, user=office_user)
    assert (summary.updated, summary.unchanged) == (1, 8)
    entry = ScoreEntry.objects.get(period__code="Y", unit__code="T01", indicator__code="A01")
    assert entry.value == 590 and entry.version == 2
