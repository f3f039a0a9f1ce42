"""Fixtures of the page tests: a district whose results were written straight into the result tables."""

import pytest

from tests.pages.scenario import appeal_file, district_build, exemption_grant


@pytest.fixture
def district(town_a, town_b):
    """Six towns in 镇街 (甲镇 and 乙镇 among them) with four periods of results, cadres and targets."""
    return district_build(units_per_category=6, include=(town_a, town_b))


@pytest.fixture
def exempted_deduction(district, town_a):
    return exemption_grant(district=district, unit=town_a)


@pytest.fixture
def appeals_of_town_a(district, town_a):
    return [
        appeal_file(district=district, unit=town_a, status="pending"),
        appeal_file(district=district, unit=town_a, status="rejected", code="A01", reply="佐证材料不足，维持原评分。"),
    ]


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Real hashing costs a second per user; these tests are about pages, not passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
