"""Every unit's results are for the office, 组织部 and the auditors; a unit leader cannot export them."""

import pytest
from django.core.exceptions import PermissionDenied

from assessment.results.workbook import results_workbook_bytes

pytestmark = pytest.mark.django_db


def test_the_office_and_the_organisation_department_export_everything(cycle_with_results, office_user, org_user):
    assert results_workbook_bytes(cycle=cycle_with_results, user=office_user)[:2] == b"PK"
    assert results_workbook_bytes(cycle=cycle_with_results, user=org_user)[:2] == b"PK"


def test_a_unit_leader_cannot_export_every_units_results(cycle_with_results, leader_of_town_a):
    with pytest.raises(PermissionDenied):
        results_workbook_bytes(cycle=cycle_with_results, user=leader_of_town_a)
