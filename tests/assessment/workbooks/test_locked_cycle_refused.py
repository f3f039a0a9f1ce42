"""A locked (已审定) cycle refuses both imports; 公示 requires a reason."""

import pytest

from assessment.common.workbook_errors import WorkbookError
from assessment.models import ScoreEntry
from assessment.plan.workbook_import import plan_import
from assessment.scores.workbook_import import scores_import
from targets.models import Cycle
from tests.assessment.workbooks.builders import plan_sheets, score_sheets, workbook_file

pytestmark = pytest.mark.django_db


def _set_status(cycle, status):
    Cycle.objects.filter(pk=cycle.pk).update(status=status)
    cycle.refresh_from_db()


def test_score_import_into_a_locked_cycle_is_refused(imported_plan, office_user):
    _set_status(imported_plan, "final")
    with pytest.raises(WorkbookError) as caught:
        scores_import(file=workbook_file(score_sheets()), cycle=imported_plan, user=office_user)
    assert len(caught.value.errors) == 1 and "已审定锁定" in caught.value.errors[0]
    assert not ScoreEntry.objects.exists()


def test_plan_import_into_a_locked_cycle_is_refused(imported_plan, office_user):
    _set_status(imported_plan, "final")
    sheets = plan_sheets()
    sheets["单位"][1][1] = "甲镇（改名）"
    with pytest.raises(WorkbookError) as caught:
        plan_import(file=workbook_file(sheets), user=office_user)
    assert "已审定锁定" in caught.value.errors[0]


def test_publicity_needs_a_reason(imported_plan, office_user):
    _set_status(imported_plan, "publicity")
    with pytest.raises(WorkbookError) as caught:
        scores_import(file=workbook_file(score_sheets()), cycle=imported_plan, user=office_user)
    assert "理由" in caught.value.errors[0]
    summary = scores_import(
        file=workbook_file(score_sheets()), cycle=imported_plan, user=office_user, reason="申诉复核更正"
    )
    assert summary.created == 9
