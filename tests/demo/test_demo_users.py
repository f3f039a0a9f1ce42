"""One demo user for every role, in its group, with a password that works and a page to open."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse

from assessment.demo.users import DEMO_LOGINS
from cadres.models import Cadre
from units import roles
from units.models import Membership, Unit


def test_every_role_has_a_demo_user_in_its_group(demo_cycle):
    User = get_user_model()
    assert {login.role for login in DEMO_LOGINS} == set(roles.ALL_ROLES)
    for login in DEMO_LOGINS:
        user = User.objects.get(username=login.username)
        assert list(user.groups.values_list("name", flat=True)) == [login.role]
        assert not user.is_superuser


def test_staff_work_in_the_admin_and_the_unit_leader_does_not(demo_cycle):
    staff = dict(get_user_model().objects.values_list("username", "is_staff"))
    assert staff == {
        "office": True,
        "scorer_fgj": True,
        "leader_dhj": False,
        "liaison_dhj": False,
        "orgdept": True,
        "auditor": True,
    }


def test_scorer_and_leader_act_for_their_units(demo_cycle):
    memberships = set(Membership.objects.values_list("user__username", "unit__name", "role"))
    assert memberships == {
        ("scorer_fgj", "区发展和改革局", "scorer"),
        ("leader_dhj", "东湖街道", "leader"),
        ("liaison_dhj", "东湖街道", "liaison"),
    }
    secretary = Cadre.objects.get(user__username="leader_dhj")
    assert secretary.unit.name == "东湖街道" and secretary.post == "党工委书记"


@pytest.mark.parametrize("login", DEMO_LOGINS, ids=lambda login: login.username)
def test_printed_password_logs_in_and_opens_the_page(demo_cycle, client, login):
    if login.membership == "liaison":
        try:
            reverse("supervision:my_unit")
        except NoReverseMatch:
            pytest.skip("the liaison's landing page is one of the supervision pages (branch suppages)")
    response = client.post("/accounts/login/", {"username": login.username, "password": login.password})
    assert response.status_code == 302, "login refused"
    page = client.get(login.opens, follow=True)
    assert page.status_code == 200
    if not login.is_staff:  # the leader lands on their own unit's ranking
        assert Unit.objects.get(code=login.unit).name in page.content.decode()


def test_demo_users_have_addresses_that_reach_no_one(demo_cycle):
    """Notifications are e-mailed as well; the demo's addresses are under the reserved .example domain."""
    emails = dict(get_user_model().objects.values_list("username", "email"))
    assert emails == {login.username: f"{login.username}@shifanqu.example" for login in DEMO_LOGINS}
