"""Who hears about a unit: every active member who speaks for it (leader, and liaison where the role exists), not
its scorers, not other units' people."""

import pytest

from assessment.notifications.recipients import CONTACT_ROLES, cycle_contacts, unit_contacts
from tests.factories import MembershipFactory, UserFactory
from units.models import MembershipRole

pytestmark = pytest.mark.django_db


def test_every_membership_role_but_the_scorer_speaks_for_the_unit():
    assert set(CONTACT_ROLES) == set(MembershipRole.values) - {MembershipRole.SCORER}


def test_unit_contacts_are_its_leaders_and_liaisons_only(town_a, town_b, leader_of_town_a, leader_of_town_b):
    speakers = []
    for n, role in enumerate(CONTACT_ROLES):
        user = UserFactory(username=f"contact{n}")
        MembershipFactory(user=user, unit=town_a, role=role)
        speakers.append(user)
    scorer = UserFactory(username="scorer_of_a")
    MembershipFactory(user=scorer, unit=town_a, role=MembershipRole.SCORER)
    gone = UserFactory(username="former_leader", is_active=False)
    MembershipFactory(user=gone, unit=town_a, role=MembershipRole.LEADER)
    assert {u.username for u in unit_contacts(town_a)} == {"leader_a", *(u.username for u in speakers)}


def test_a_person_speaking_for_two_units_is_listed_once(cycle, town_a, town_b, leader_of_town_a, direct_indicator):
    MembershipFactory(user=leader_of_town_a, unit=town_b, role=MembershipRole.LEADER)
    assert [u.username for u in cycle_contacts(cycle)] == ["leader_a"]
