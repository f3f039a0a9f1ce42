"""Both workbook imports re-read the cycle's status under the cycle lock inside their write transaction: a Cycle
loaded (and checked) before the move to 已审定 does not let the file through."""

import pytest

from assessment.common.workbook_errors import WorkbookError
from assessment.models import ScoreEntry
from assessment.plan import workbook_import as plan_import_module
from assessment.plan.workbook_import import plan_import
from assessment.scores.workbook_import import scores_import
from targets.models import Cycle
from tests.assessment.workbooks.builders import plan_sheets, score_sheets, workbook_file
from units.models import Unit

pytestmark = pytest.mark.django_db


def test_score_import_with_a_stale_cycle_is_refused(imported_plan, office_user):
    Cycle.objects.filter(pk=imported_plan.pk).update(status="final")  # imported_plan still says 草稿
    with pytest.raises(WorkbookError) as caught:
        scores_import(file=workbook_file(score_sheets()), cycle=imported_plan, user=office_user)
    assert caught.value.errors == [f"{imported_plan} 已审定锁定，不能再修改评分"]
    assert not ScoreEntry.objects.exists()


def test_plan_import_finalised_after_reading_is_refused(imported_plan, office_user, monkeypatch):
    real = plan_import_module._Existing.load

    def load_then_finalised(year):
        existing = real(year)
        Cycle.objects.filter(pk=imported_plan.pk).update(status="final")
        return existing

    monkeypatch.setattr(plan_import_module._Existing, "load", load_then_finalised)
    sheets = plan_sheets()
    sheets["单位"][1][1] = "甲镇（改名）"
    with pytest.raises(WorkbookError) as caught:
        plan_import(file=workbook_file(sheets), user=office_user)
    assert caught.value.errors == [f"{imported_plan} 已审定锁定，不能再导入考核方案"]
    assert not Unit.objects.filter(name="甲镇（改名）").exists()
