"""A stored value the engine cannot score (written around the service) names its entry in the recompute status.

On SQLite such a value is stored and then breaks every read of the cycle's entries; PostgreSQL's numeric(20, 4)
refuses to store it at all, which the same tests check there.
"""

from decimal import Decimal

import pytest
from django.db import DataError, connection, transaction
from django.urls import reverse

from assessment.models import RecomputeState, ScoreEntry, UnitResult
from assessment.recompute.service import cycle_recompute, stale_cycles_recompute
from tests.assessment.conftest import scores_write

pytestmark = pytest.mark.django_db
D = Decimal


def _stored_around_the_service(entries, value) -> bool:
    """Write `value` with a queryset update; False when the database itself refuses it (PostgreSQL)."""
    if connection.vendor == "sqlite":
        entries.update(value=value)
        return True
    with pytest.raises(DataError), transaction.atomic():
        entries.update(value=value)
    return False


@pytest.mark.parametrize("stored", ["1E+20", "1E+308", "12345678901234567890"])
def test_an_oversized_stored_value_is_named_not_a_traceback(
    stored, scored_district, cycle, periods, town_a, town_b, direct_indicator, office_user
):
    before = UnitResult.objects.get(unit=town_a).score
    # Bypass the service: the value a database edit or an old bug could have left behind.
    entries = ScoreEntry.objects.filter(period=periods["Y"], unit=town_a, indicator=direct_indicator)
    if not _stored_around_the_service(entries, D(stored)):
        return
    scores_write(cycle, office_user, [(periods["Y"], town_b, direct_indicator, "15")])

    with pytest.raises(Exception) as caught:
        cycle_recompute(cycle_id=cycle.id)

    state = RecomputeState.objects.get(cycle=cycle)
    for fact in ("T01", "甲镇", "A01", "Y"):
        assert fact in state.last_error
    assert "InvalidOperation" not in state.last_error and "InvalidOperation" not in str(caught.value)
    assert UnitResult.objects.get(unit=town_a).score == before  # the old results stay until it is fixed
    assert stale_cycles_recompute() == []  # the sweep goes on to other cycles; this one stays stale and named


def test_the_office_dashboard_shows_which_entry(
    scored_district, cycle, periods, town_a, town_b, direct_indicator, office_user, client
):
    entries = ScoreEntry.objects.filter(period=periods["Y"], unit=town_a, indicator=direct_indicator)
    if not _stored_around_the_service(entries, D("1E+20")):
        return
    scores_write(cycle, office_user, [(periods["Y"], town_b, direct_indicator, "15")])
    stale_cycles_recompute()
    client.force_login(office_user)
    page = client.get(reverse("pages:dashboard") + f"?cycle={cycle.year}").content.decode()
    assert "最近错误" in page
    assert "T01" in page and "A01" in page
