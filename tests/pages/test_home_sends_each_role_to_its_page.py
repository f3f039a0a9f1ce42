"""`/` sends each role to its own page; nobody lands on a page they cannot use."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_unit_leader_lands_on_the_ranking_page(login, leader_of_town_a):
    assert login(leader_of_town_a).get("/")["Location"] == reverse("pages:ranking")


def test_office_lands_on_the_dashboard(login, office_user):
    assert login(office_user).get("/")["Location"] == reverse("pages:dashboard")


def test_organisation_department_lands_on_the_results(login, org_user):
    assert login(org_user).get("/")["Location"] == reverse("pages:results")


def test_auditor_lands_in_the_admin_history(login, auditor):
    location = login(auditor).get("/")["Location"]
    assert location.startswith("/admin/")


def test_login_redirect_goes_through_the_role_aware_home(client, leader_of_town_a):
    response = client.post(reverse("login"), {"username": "leader_a", "password": "pass-Kaohe-2025"})
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"] == reverse("pages:ranking")
