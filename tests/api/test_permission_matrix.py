"""Every endpoint × every kind of caller, with the status API.md gives (the same checks as the pages)."""

import pytest

from assessment.api.models import ApiToken
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db

CALLERS = ["office", "scorer", "leader", "orgdept", "auditor", "anonymous", "revoked", "inactive"]


def _put(indicator):
    return (
        "PUT",
        "/cycles/2025/entries",
        {"entries": [{"period": "Q1", "unit": "T01", "indicator": indicator, "value": "9"}]},
    )


def _simulate(unit, settings=None):
    body = {"entries": [{"period": "Q1", "unit": unit, "indicator": "A01", "value": "9"}]}
    return ("POST", "/cycles/2025/simulate", {**body, "settings": settings} if settings else body)


ENDPOINTS = {
    "cycles": (("GET", "/cycles", None), [200, 200, 200, 200, 200, 401, 401, 401]),
    "units": (("GET", "/cycles/2025/units", None), [200, 403, 200, 200, 200, 401, 401, 401]),
    "own unit": (("GET", "/cycles/2025/units/T01", None), [200, 403, 200, 200, 200, 401, 401, 401]),
    "other unit": (("GET", "/cycles/2025/units/T02", None), [200, 403, 403, 200, 200, 401, 401, 401]),
    "cadres": (("GET", "/cycles/2025/cadres", None), [200, 403, 200, 200, 200, 401, 401, 401]),
    "unknown cycle": (("GET", "/cycles/1999/units", None), [404, 404, 404, 404, 404, 401, 401, 401]),
    "put led": (_put("A01"), [200, 200, 403, 403, 403, 401, 401, 401]),
    "put not led": (_put("A02"), [200, 403, 403, 403, 403, 401, 401, 401]),
    "simulate own unit": (_simulate("T01"), [200, 403, 200, 200, 200, 401, 401, 401]),
    "simulate other unit": (_simulate("T02"), [200, 403, 403, 200, 200, 401, 401, 401]),
    "simulate settings": (_simulate("T01", {"bonus_cap": "3"}), [200, 403, 403, 403, 403, 401, 401, 401]),
}
CASES = [(name, caller, statuses[i]) for name, (_, statuses) in ENDPOINTS.items() for i, caller in enumerate(CALLERS)]


@pytest.fixture
def caller_client(world, token_of, office_user, finance_scorer, leader_of_town_a, org_user, auditor):
    def _client(caller):
        users = {
            "office": office_user,
            "scorer": finance_scorer,
            "leader": leader_of_town_a,
            "orgdept": org_user,
            "auditor": auditor,
            "revoked": office_user,
            "inactive": finance_scorer,
        }
        if caller == "anonymous":
            return ApiClient()
        secret = token_of(users[caller])
        if caller == "revoked":
            ApiToken.objects.filter(user=office_user).update(revoked=True)
        if caller == "inactive":
            finance_scorer.is_active = False
            finance_scorer.save()
        return ApiClient(secret)

    return _client


@pytest.mark.parametrize(("endpoint", "caller", "status"), CASES, ids=[f"{e}-{c}" for e, c, _ in CASES])
def test_status_of_every_endpoint_for_every_caller(caller_client, endpoint, caller, status):
    (method, path, body), _ = ENDPOINTS[endpoint]
    response = caller_client(caller).call(method, path, body)
    assert response.status_code == status, response.content
    if status != 200:
        errors = response.json()["errors"]
        assert errors and all(e["message"] for e in errors)
