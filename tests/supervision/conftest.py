"""Supervision fixtures on the shared small district (tests/conftest.py): items of town A, its liaison, and
deduction/bonus indicators fed by records."""

import datetime
from decimal import Decimal

import pytest

from assessment.supervision.services import item_save, milestone_save
from tests.factories import CadreFactory, IndicatorFactory, IndicatorPointsFactory, MembershipFactory, UserFactory
from units import roles

D = datetime.date


@pytest.fixture(autouse=True)
def _private_store(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


@pytest.fixture
def liaison_of_town_a(town_a):
    user = UserFactory(username="liaison_a", roles=[roles.LIAISON], is_staff=False)
    MembershipFactory(user=user, unit=town_a, role="liaison")
    return user


@pytest.fixture
def cadre_a(town_a):
    return CadreFactory(code="K-A1", name="张副镇长", unit=town_a)


@pytest.fixture
def item_a(cycle, town_a, cadre_a, office_user):
    """Town A's item: 2025-01-01 → milestones 2025-06-30 and 2025-12-31."""
    item = item_save(
        cycle=cycle,
        user=office_user,
        code="DB001",
        title="老旧小区改造",
        unit=town_a,
        leader=cadre_a,
        start_date=D(2025, 1, 1),
    )
    milestone_save(item=item, user=office_user, number=1, content="完成设计", due_date=D(2025, 6, 30))
    milestone_save(item=item, user=office_user, number=2, content="竣工验收", due_date=D(2025, 12, 31))
    return item


@pytest.fixture
def yellow_deduction(cycle, towns):
    """督查通报扣分: 2 points per counted 黄 record, at most 10."""
    ind = IndicatorFactory(
        cycle=cycle, code="B09", name="督查通报", rule="deduction", params={"per_event": "2", "from_records": "黄"}
    )
    IndicatorPointsFactory(indicator=ind, category=towns, points=Decimal("10"))
    return ind


@pytest.fixture
def red_bonus(cycle, towns):
    ind = IndicatorFactory(cycle=cycle, code="C09", name="工作亮点", rule="bonus", params={"from_records": "红"})
    IndicatorPointsFactory(indicator=ind, category=towns, points=Decimal("3"))
    return ind
