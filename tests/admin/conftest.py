"""Fixtures for the admin: the 考核办 group holds every model permission (the real role setup comes later)."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission

from assessment.scores.entries import entry_write
from tests.factories import IndicatorFactory, IndicatorPointsFactory
from units import roles


@pytest.fixture(autouse=True)
def _fast_passwords_and_private_store(settings, tmp_path):
    # Users are created in every test here; the production hasher would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = settings.PRIVATE_MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


@pytest.fixture
def office_group_has_all_permissions(db):
    group, _ = Group.objects.get_or_create(name=roles.OFFICE)
    group.permissions.set(Permission.objects.all())
    return group


@pytest.fixture
def office_client(client, office_user, office_group_has_all_permissions):
    client.force_login(office_user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def count_indicator(cycle, towns, econ):
    """A deduction indicator scored for towns (10) and economic departments (8)."""
    ind = IndicatorFactory(cycle=cycle, code="B01", name="安全生产事故", rule="deduction", params={"per_event": 2})
    IndicatorPointsFactory(indicator=ind, category=towns, points=Decimal("10"))
    IndicatorPointsFactory(indicator=ind, category=econ, points=Decimal("8"))
    return ind


@pytest.fixture
def town_a_q1_entry(cycle, periods, town_a, direct_indicator, office_user):
    """Town A's Q1 entry for the direct indicator, written through the service: value 12, version 1."""
    return entry_write(
        cycle=cycle, period=periods["Q1"], unit=town_a, indicator=direct_indicator, raw="12", user=office_user
    )
