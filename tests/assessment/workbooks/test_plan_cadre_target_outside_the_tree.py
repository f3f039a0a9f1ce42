"""Issue 13 §11, WORKBOOKS.md §1 (干部目标): a cadre target whose 指标编码 names an indicator for which the cadre's
unit has no target (财政局's 局长 with a personal 招商引资 target) is kept with its indicator, outside the
decomposition tree; the import succeeds and lists it as a warning in the `sheet!row: message` form."""

import pytest
from django.urls import reverse

from assessment.plan.workbook_import import plan_import
from cadres.models import CadreTarget
from tests.assessment.workbooks.builders import excel_row, plan_sheets, workbook_file
from units.services import roles_sync

pytestmark = pytest.mark.django_db

PERSONAL = ["KT04", "K003", "招商引资（个人目标）", "A03", 0.5, 30]  # D01 has no A03 target


def _sheets():
    sheets = plan_sheets()
    sheets["干部目标"].append(PERSONAL)
    return sheets


def test_the_cadre_target_is_kept_with_its_indicator_outside_the_tree(office_user):
    sheets = _sheets()
    summary = plan_import(file=workbook_file(sheets), user=office_user)
    kept = CadreTarget.objects.select_related("indicator").get(code="KT04")
    assert (kept.indicator.code, kept.parent, kept.cadre.code) == ("A03", None, "K003")
    linked = CadreTarget.objects.select_related("indicator", "parent").get(code="KT01")
    assert linked.indicator.code == "A01" and linked.parent.unit.code == "T01"  # the tree is unchanged
    row = excel_row(sheets, "干部目标", PERSONAL)
    assert summary.warnings == [
        f"干部目标!{row}: 指标编码“A03”：干部 K003 所在单位 D01 没有该指标的目标，该干部目标已保留，但不计入目标分解"
    ]
    assert f"干部目标!{row}: " in str(summary)  # the command prints it after the counts


def test_the_upload_page_lists_the_warning_beside_the_summary(client, office_user):
    roles_sync()  # the office's model permissions, as migrate gives them
    client.force_login(office_user, backend="django.contrib.auth.backends.ModelBackend")
    upload = workbook_file(_sheets())
    upload.name = "考核方案.xlsx"
    response = client.post(reverse("admin:import_plan"), {"file": upload})
    html = response.content.decode()
    assert 'id="import-warnings"' in html and 'id="import-errors"' not in html
    assert "没有该指标的目标，该干部目标已保留" in html
    assert CadreTarget.objects.filter(code="KT04").exists()


def test_a_plan_without_such_a_target_has_no_warning(office_user):
    assert plan_import(file=workbook_file(plan_sheets()), user=office_user).warnings == []
