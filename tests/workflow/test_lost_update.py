"""Optimistic locking: when two people edit the same entry, the second save is refused with the other change
shown, and nothing is overwritten — on the admin form and on the grid."""

from decimal import Decimal

import pytest

from assessment.models import ScoreEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(cycle, periods, town_a, direct_indicator, write):
    return write(periods["Q1"], town_a, direct_indicator, "10")


def test_second_admin_save_is_refused_showing_the_first(client, entry, office_user, finance_scorer):
    url = f"/admin/assessment/scoreentry/{entry.pk}/change/"
    client.force_login(finance_scorer)
    first = client.post(url, {"raw": "14", "note": "", "reason": "", "loaded_version": entry.version})
    assert first.status_code == 302
    client.force_login(office_user)
    second = client.post(url, {"raw": "11", "note": "", "reason": "", "loaded_version": entry.version})
    page = second.content.decode()
    assert second.status_code == 200
    assert "scorer_finance" in page and "“14”" in page and "未覆盖" in page
    assert ScoreEntry.objects.get(pk=entry.pk).value == Decimal("14")


def test_second_grid_save_is_refused_on_its_row(
    client, entry, office_user, finance_scorer, periods, direct_indicator, town_a, town_b, grid_url
):
    url = grid_url(periods["Q1"], direct_indicator)
    loaded = {
        f"value_{town_a.pk}": "10",
        f"orig_value_{town_a.pk}": "10",
        f"version_{town_a.pk}": entry.version,
        f"value_{town_b.pk}": "",
        f"orig_value_{town_b.pk}": "",
        f"version_{town_b.pk}": 0,
    }
    client.force_login(finance_scorer)
    assert client.post(url, {**loaded, f"value_{town_a.pk}": "14"}).status_code == 302
    client.force_login(office_user)
    response = client.post(url, {**loaded, f"value_{town_a.pk}": "11", f"value_{town_b.pk}": "9"})
    page = response.content.decode()
    assert response.status_code == 200 and "scorer_finance" in page and "“14”" in page
    assert ScoreEntry.objects.get(pk=entry.pk).value == Decimal("14")
    assert not ScoreEntry.objects.filter(unit=town_b).exists()  # all-or-nothing: town B was not written either


def test_untouched_rows_do_not_conflict(
    client, entry, office_user, finance_scorer, periods, direct_indicator, town_a, town_b, grid_url
):
    """Someone changed town A meanwhile; a person who only typed town B's value is not refused."""
    url = grid_url(periods["Q1"], direct_indicator)
    loaded = {
        f"value_{town_a.pk}": "10",
        f"orig_value_{town_a.pk}": "10",
        f"version_{town_a.pk}": entry.version,
        f"value_{town_b.pk}": "",
        f"orig_value_{town_b.pk}": "",
        f"version_{town_b.pk}": 0,
    }
    client.force_login(finance_scorer)
    client.post(url, {**loaded, f"value_{town_a.pk}": "14"})
    client.force_login(office_user)
    assert client.post(url, {**loaded, f"value_{town_b.pk}": "9"}).status_code == 302
    assert ScoreEntry.objects.get(unit=town_a).value == Decimal("14")
    assert ScoreEntry.objects.get(unit=town_b).value == Decimal("9")
