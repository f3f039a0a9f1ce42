"""Shared fixtures: a small district with two towns and a department, and named people for each role.

Permission tests read like sentences: `leader_of_town_a` may see town A, not town B.
"""

import os
from decimal import Decimal
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.factories import (
    CategoryFactory,
    CycleFactory,
    IndicatorFactory,
    IndicatorPointsFactory,
    MembershipFactory,
    PeriodFactory,
    UnitFactory,
    UserFactory,
)
from units import roles


def pytest_configure(config):
    """Under pytest-xdist each worker process gets a Redis cache DB of its own: the tests clear the cache and use
    per-cycle keys, and cycle ids repeat across the workers' test databases."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    from django.conf import settings
    from django.core.cache import caches

    location = settings.CACHES["default"].get("LOCATION", "")
    if not worker.startswith("gw") or not str(location).startswith("redis"):
        return
    url = urlsplit(location)
    base = int(url.path.strip("/") or 0)
    settings.CACHES["default"]["LOCATION"] = urlunsplit(url._replace(path=f"/{(base + int(worker[2:])) % 16}"))
    caches.__dict__.pop("settings", None)  # the handler reads CACHES once; make it read the worker's


@pytest.fixture
def towns():
    return CategoryFactory(code="ZJ", name="镇街")


@pytest.fixture
def econ():
    return CategoryFactory(code="JJ", name="经济部门")


@pytest.fixture
def town_a(towns):
    return UnitFactory(code="T01", name="甲镇", kind="town", category=towns, headcount=30)


@pytest.fixture
def town_b(towns):
    return UnitFactory(code="T02", name="乙镇", kind="town", category=towns, headcount=25)


@pytest.fixture
def dept_finance(econ):
    return UnitFactory(code="D01", name="财政局", category=econ, headcount=40)


@pytest.fixture
def cycle():
    return CycleFactory(year=2025, status="scoring")


@pytest.fixture
def periods(cycle):
    weights = [("Q1", "0.1"), ("Q2", "0.1"), ("Q3", "0.1"), ("Y", "0.7")]
    return {
        code: PeriodFactory(cycle=cycle, code=code, name=code, weight=Decimal(w), order=n)
        for n, (code, w) in enumerate(weights, start=1)
    }


@pytest.fixture
def direct_indicator(cycle, towns, dept_finance):
    ind = IndicatorFactory(cycle=cycle, code="A01", name="重点项目推进", rule="direct", lead_unit=dept_finance)
    IndicatorPointsFactory(indicator=ind, category=towns, points=Decimal("20"))
    return ind


@pytest.fixture
def office_user(db):
    return UserFactory(username="office", roles=[roles.OFFICE])


@pytest.fixture
def org_user(db):
    return UserFactory(username="orgdept", roles=[roles.ORG_DEPT])


@pytest.fixture
def auditor(db):
    return UserFactory(username="auditor", roles=[roles.AUDITOR])


@pytest.fixture
def leader_of_town_a(town_a):
    user = UserFactory(username="leader_a", roles=[roles.LEADER], is_staff=False)
    MembershipFactory(user=user, unit=town_a, role="leader")
    return user


@pytest.fixture
def leader_of_town_b(town_b):
    user = UserFactory(username="leader_b", roles=[roles.LEADER], is_staff=False)
    MembershipFactory(user=user, unit=town_b, role="leader")
    return user


@pytest.fixture
def finance_scorer(dept_finance):
    user = UserFactory(username="scorer_finance", roles=[roles.SCORER])
    MembershipFactory(user=user, unit=dept_finance, role="scorer")
    return user


@pytest.fixture(autouse=True)
def _eager_celery_and_clean_cache(request, settings):
    """Unit tests run tasks in-process; only tests marked `integration` talk to a real worker."""
    from django.core.cache import cache

    from config.celery import app

    eager = request.node.get_closest_marker("integration") is None
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = eager
    cache.clear()
    yield
    app.conf.task_always_eager = previous
