"""The role groups exist after migrate with their model permissions, and setup_roles restores them."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from units import roles
from units.services import roles_sync

pytestmark = pytest.mark.django_db


def _codenames(role):
    return set(Group.objects.get(name=role).permissions.values_list("content_type__app_label", "codename"))


def test_migrate_created_every_role_group():
    assert set(Group.objects.filter(name__in=roles.ALL_ROLES).values_list("name", flat=True)) == set(roles.ALL_ROLES)


def test_office_maintains_inputs_but_not_results():
    perms = _codenames(roles.OFFICE)
    assert ("assessment", "change_scoreentry") in perms and ("targets", "add_target") in perms
    assert ("assessment", "view_unitresult") in perms
    assert ("assessment", "change_unitresult") not in perms
    assert ("assessment", "delete_historicalscoreentry") not in perms


def test_scorer_views_and_changes_entries_only():
    perms = _codenames(roles.SCORER)
    assert {("assessment", "view_scoreentry"), ("assessment", "change_scoreentry")} <= perms
    assert not any(code.startswith(("add_", "delete_")) for _app, code in perms)
    assert ("assessment", "view_unitresult") not in perms


@pytest.mark.parametrize("role", [roles.ORG_DEPT, roles.AUDITOR])
def test_org_department_and_auditor_only_view_everything_including_history(role):
    perms = _codenames(role)
    assert all(code.startswith("view_") for _app, code in perms)
    assert ("assessment", "view_historicalscoreentry") in perms
    assert ("targets", "view_historicalcycle") in perms


@pytest.mark.parametrize("role", [roles.LEADER, roles.LIAISON])
def test_leader_and_liaison_only_view_but_file_supervision_reports(role):
    perms = _codenames(role)
    writes = {(app, code) for app, code in perms if not code.startswith("view_")}
    assert writes == {("supervision", "add_report"), ("supervision", "add_reportevidence")}
    assert ("supervision", "view_item") in perms and ("supervision", "view_record") in perms
    assert not any(code.startswith("view_historical") for _app, code in perms)


def test_setup_roles_restores_removed_permissions():
    Group.objects.get(name=roles.AUDITOR).permissions.clear()
    call_command("setup_roles", stdout=open("/dev/null", "w"))
    assert ("assessment", "view_historicalscoreentry") in _codenames(roles.AUDITOR)
    assert roles_sync() == roles_sync()  # idempotent
