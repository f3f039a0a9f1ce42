"""Fixtures of the notifications tests: named people with e-mail addresses, and a helper that counts mail."""

import pytest

from tests.factories import MembershipFactory, UserFactory
from units import roles


@pytest.fixture(autouse=True)
def _locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def leader_a_with_mail(leader_of_town_a):
    leader_of_town_a.email = "leader_a@example.gov.cn"
    leader_of_town_a.first_name = "甲镇长"
    leader_of_town_a.save()
    return leader_of_town_a


@pytest.fixture
def leader_b_with_mail(leader_of_town_b):
    leader_of_town_b.email = "leader_b@example.gov.cn"
    leader_of_town_b.save()
    return leader_of_town_b


@pytest.fixture
def second_leader_of_town_a(town_a):
    user = UserFactory(username="leader_a2", roles=[roles.LEADER], is_staff=False, email="leader_a2@example.gov.cn")
    MembershipFactory(user=user, unit=town_a, role="leader")
    return user
