"""Two editors creating the same missing entry at once, on two real PostgreSQL connections: the second gets the
same clear conflict message as for an entry someone else changed (never an IntegrityError, never a 500)."""

import threading
from decimal import Decimal

import pytest
from django.test import Client

from assessment.common.errors import EntryConflictError
from assessment.models import ScoreEntry
from assessment.scores import entries
from tests.concurrency import Worker, pause_in, require_postgresql, wait_for_lock_waiter
from tests.factories import UserFactory
from units import roles

pytestmark = pytest.mark.django_db(transaction=True)
D = Decimal


@pytest.fixture
def first_editor_holds_a_create(cycle, periods, town_a, direct_indicator, office_user, monkeypatch):
    """Starts a create of (Q1, 甲镇, A01) = 12 that stays uncommitted until the returned `commit()` is called."""
    require_postgresql()
    inside, release = threading.Event(), threading.Event()
    monkeypatch.setattr(
        entries, "cycle_inputs_changed", pause_in("first", entries.cycle_inputs_changed, inside, release)
    )
    first = Worker(
        lambda: entries.entry_write(
            cycle=cycle,
            period=periods["Q1"],
            unit=town_a,
            indicator=direct_indicator,
            raw="12",
            user=office_user,
            expected_version=0,
        ),
        "first",
    )
    first.start()
    first.reached(inside)

    def commit():
        release.set()
        assert first.outcome()[1] is None

    return commit


def test_second_create_through_the_service_is_a_conflict(
    first_editor_holds_a_create, cycle, periods, town_a, direct_indicator
):
    colleague = UserFactory(username="office2", roles=[roles.OFFICE])
    second = Worker(
        lambda: entries.entry_write(
            cycle=cycle,
            period=periods["Q1"],
            unit=town_a,
            indicator=direct_indicator,
            raw="15",
            user=colleague,
            expected_version=0,
        ),
        "second",
    )
    second.start()
    assert wait_for_lock_waiter(), "the second create did not wait for the first"
    first_editor_holds_a_create()

    _, error = second.outcome()
    assert isinstance(error, EntryConflictError), repr(error)
    assert "保存被拒绝：office 已于" in error.messages[0] and "“12”" in error.messages[0]
    assert ScoreEntry.objects.get().value == D("12")


def test_second_create_in_the_grid_shows_the_conflict(
    first_editor_holds_a_create, cycle, periods, town_a, direct_indicator, grid_url
):
    colleague = UserFactory(username="office2", roles=[roles.OFFICE])
    url = grid_url(periods["Q1"], direct_indicator)

    def post():
        client = Client(raise_request_exception=True)
        client.force_login(colleague)
        return client.post(url, {f"value_{town_a.pk}": "15", f"version_{town_a.pk}": "0"})

    second = Worker(post, "second")
    second.start()
    assert wait_for_lock_waiter(), "the second save did not wait for the first"
    first_editor_holds_a_create()

    response, error = second.outcome()
    assert error is None, repr(error)
    assert response.status_code == 200
    page = response.content.decode()
    assert "保存被拒绝：office 已于" in page and "未保存任何内容" in page
    assert ScoreEntry.objects.get().value == D("12")
