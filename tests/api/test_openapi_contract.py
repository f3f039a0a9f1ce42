"""Contract tests: schemathesis generates requests from /api/v1/openapi.json (valid ones and broken ones) and
checks every answer against the schema: documented status codes, bodies of the declared shape, no server error,
401 without the token, 405 for undeclared methods. Examples are limited so that the run stays quick."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Called as a WSGI app, Django closes the database connection at the end of each request (as the test
    client prevents): that would end the test's transaction on PostgreSQL."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def office_token(world, token_of, office_user, settings):
    settings.API_THROTTLE_RATE = "100000/min"
    return token_of(office_user)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_every_operation_answers_as_the_schema_says(case, office_token):
    # A body the schema accepts may still name a unit or indicator that does not exist (400, index and field):
    # the codes are data, not schema, so "schema-valid data is accepted" does not hold for the entries.
    case.call_and_validate(
        headers={"Authorization": f"Bearer {office_token}"}, excluded_checks=[positive_data_acceptance]
    )


def test_the_schema_is_openapi_3_with_every_endpoint_of_the_contract(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert {(path, method) for path, ops in document["paths"].items() for method in ops} >= {
        ("/api/v1/cycles", "get"),
        ("/api/v1/cycles/{year}/units", "get"),
        ("/api/v1/cycles/{year}/units/{code}", "get"),
        ("/api/v1/cycles/{year}/cadres", "get"),
        ("/api/v1/cycles/{year}/entries", "put"),
        ("/api/v1/cycles/{year}/simulate", "post"),
    }
    entry = document["components"]["schemas"]["EntryIn"]
    assert entry["additionalProperties"] is False
