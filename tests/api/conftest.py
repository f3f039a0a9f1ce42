"""Fixtures of the API tests: a scored cycle (two towns, an indicator led by the finance department and one led by
the environment department, a cadre per town), tokens for each role, and a client speaking Bearer."""

import json
from decimal import Decimal

import pytest
from django.test import Client

from assessment.api.tokens import token_create
from assessment.recompute.service import cycle_recompute
from assessment.scores.entries import entry_write
from tests.factories import (
    CadreFactory,
    DemocraticEvaluationFactory,
    IndicatorFactory,
    IndicatorPointsFactory,
    MembershipFactory,
    UnitFactory,
    UserFactory,
)
from units import roles

D = Decimal


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def dept_environment(econ):
    return UnitFactory(code="D02", name="生态环境局", category=econ, headcount=20)


@pytest.fixture
def environment_indicator(cycle, towns, dept_environment):
    """A percent indicator the finance department does not lead."""
    ind = IndicatorFactory(cycle=cycle, code="A02", name="空气质量", rule="percent", lead_unit=dept_environment)
    IndicatorPointsFactory(indicator=ind, category=towns, points=D("10"))
    return ind


@pytest.fixture
def environment_scorer(dept_environment):
    user = UserFactory(username="scorer_env", roles=[roles.SCORER])
    MembershipFactory(user=user, unit=dept_environment, role="scorer")
    return user


@pytest.fixture
def world(cycle, periods, town_a, town_b, direct_indicator, environment_indicator, office_user):
    """Q1 scored for both towns, results computed: 甲镇 12 + 8.00 (80%), 乙镇 15 + 9.50 (95%)."""
    q1 = periods["Q1"]
    for unit, direct, percent in ((town_a, "12", "80"), (town_b, "15", "95")):
        entry_write(cycle=cycle, period=q1, unit=unit, indicator=direct_indicator, raw=direct, user=office_user)
        entry_write(cycle=cycle, period=q1, unit=unit, indicator=environment_indicator, raw=percent, user=office_user)
    cadres = {"a": CadreFactory(code="K01", name="张明", unit=town_a), "b": CadreFactory(code="K02", unit=town_b)}
    for cadre in cadres.values():
        DemocraticEvaluationFactory(cadre=cadre, cycle=cycle, score=D("88.5"))
    cycle_recompute(cycle_id=cycle.id)
    cycle.refresh_from_db()
    return {"cycle": cycle, "q1": q1, "cadres": cadres}


@pytest.fixture
def token_of():
    """The secret of a new token of `user` (named `name`)."""

    def _token(user, name="测试令牌"):
        return token_create(user=user, name=name)[1]

    return _token


class ApiClient:
    """Calls /api/v1/ with a bearer token (or none), JSON in and out."""

    def __init__(self, token: str | None = None, client: Client | None = None):
        self.client = client or Client()
        self.token = token

    def call(self, method: str, path: str, body=None, **headers):
        if self.token is not None:
            headers.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.token}")
        kwargs = {"content_type": "application/json", **headers}
        if body is not None:
            kwargs["data"] = body if isinstance(body, str) else json.dumps(body)
        return getattr(self.client, method.lower())(f"/api/v1{path}", **kwargs)

    def get(self, path, **headers):
        return self.call("GET", path, **headers)

    def put(self, path, body, **headers):
        return self.call("PUT", path, body, **headers)

    def post(self, path, body, **headers):
        return self.call("POST", path, body, **headers)


@pytest.fixture
def api_as(token_of):
    """An API client acting with a fresh token of `user` (anonymous for None)."""

    def _as(user, name="测试令牌"):
        return ApiClient(token_of(user, name) if user is not None else None)

    return _as
