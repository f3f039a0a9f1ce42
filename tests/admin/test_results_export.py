"""The office downloads the result workbook from the admin: a page, a link per cycle, and a Cycle action."""

from io import BytesIO

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook

from assessment.recompute.service import cycle_recompute


@pytest.fixture
def computed_cycle(cycle, town_a_q1_entry):
    cycle_recompute(cycle_id=cycle.id, force=True)
    return cycle


def _sheet_rows(response):
    book = load_workbook(BytesIO(response.content), read_only=True)
    return [list(r) for r in book["综合考核结果"].iter_rows(values_only=True)]


def test_the_export_page_asks_for_the_cycle(office_client, cycle):
    page = office_client.get(reverse("admin:export_results")).content.decode()
    assert "导出考核结果" in page and cycle.name in page


def test_the_workbook_downloads_with_the_years_name(office_client, computed_cycle):
    response = office_client.get(reverse("admin:export_results") + f"?cycle={computed_cycle.pk}")
    assert response.status_code == 200
    assert "%E8%80%83%E6%A0%B8%E7%BB%93%E6%9E%9C-2025.xlsx" in response["Content-Disposition"]  # 考核结果-2025.xlsx
    assert any(row and row[0] == "T01" for row in _sheet_rows(response))


def test_a_cycle_without_results_says_so(office_client, cycle):
    response = office_client.get(reverse("admin:export_results") + f"?cycle={cycle.pk}")
    assert response.status_code == 200
    assert "尚无考核结果" in response.content.decode()


def test_the_cycle_action_downloads_the_workbook(office_client, computed_cycle):
    response = office_client.post(
        reverse("admin:targets_cycle_changelist"),
        {
            "action": "export_results",
            "_selected_action": [computed_cycle.pk],
        },
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert any(row and row[0] == "T01" for row in _sheet_rows(response))


def _login_with_every_model_permission(client, user):
    for group in user.groups.all():
        group.permissions.set(Permission.objects.all())
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_the_organisation_department_may_export(client, org_user, computed_cycle):
    response = _login_with_every_model_permission(client, org_user).get(
        reverse("admin:export_results") + f"?cycle={computed_cycle.pk}"
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]


def test_the_auditor_may_not_export_even_with_model_permissions(client, auditor, computed_cycle):
    response = _login_with_every_model_permission(client, auditor).get(
        reverse("admin:export_results") + f"?cycle={computed_cycle.pk}"
    )
    assert response.status_code == 403
