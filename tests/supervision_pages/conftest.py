"""Fixtures of the 督查督办 page tests: the supervised world, a liaison of town A, and a cadre's login."""

import pytest

from tests.factories import MembershipFactory, UserFactory
from tests.supervision_pages.world import world_build
from units import roles


@pytest.fixture
def liaison_of_town_a(town_a):
    user = UserFactory(username="liaison_a", first_name="甲镇联络员", roles=[roles.LIAISON], is_staff=False)
    MembershipFactory(user=user, unit=town_a, role="liaison")
    return user


@pytest.fixture
def cadre_user(db):
    """The login of 张明, 甲镇镇长 and the responsible leader of three of its items; no role group."""
    return UserFactory(username="zhangming", first_name="张明", is_staff=False)


@pytest.fixture
def world(cycle, town_a, town_b, cadre_user, liaison_of_town_a):
    return world_build(
        cycle=cycle, town_a=town_a, town_b=town_b, leader_user=cadre_user, liaison_user=liaison_of_town_a
    )


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
