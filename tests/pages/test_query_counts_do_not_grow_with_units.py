"""Every page costs the same number of queries for a district of 6 units as for one of 60 (and so of 600)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.pages.scenario import appeal_file, district_build, leader_make

pytestmark = pytest.mark.django_db

PAGES = [
    ("leader", "pages:ranking", {}),
    ("org", "pages:unit_ranking", {}),
    ("office", "pages:dashboard", {}),
    ("org", "pages:results", {}),
    ("org", "pages:results", {"category": "ZJ", "q": "镇"}),
    ("org", "pages:cadre_results", {}),
    ("org", "pages:cadre_results", {"recall": "1", "page": "2"}),
    ("org", "pages:team_results", {}),
    ("org", "pages:outcome_results", {}),
    ("leader", "notifications:inbox", {}),
]


def _count(client, name, params, unit) -> int:
    url = reverse(name, args=[unit.pk]) if name == "pages:unit_ranking" else reverse(name)
    client.get(url, params)  # warm the per-process caches (content types, sessions) first
    cache.clear()  # and measure the dashboard's uncached path, the one that reads the plan
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, (name, response.status_code)
    return len(ctx.captured_queries)


def _measure(client_factory, *, units: int, office_user, org_user) -> list[int]:
    district = district_build(units_per_category=units, categories=(("ZJ", "镇街"), ("JJ", "经济部门")))
    first = district.units[0]
    for status in ("pending", "accepted", "rejected"):
        appeal_file(district=district, unit=first, status=status)
    leader = leader_make(username=f"leader{units}", unit=first)
    people = {"leader": leader, "office": office_user, "org": org_user}
    counts = []
    for who, name, params in PAGES:
        client = client_factory()
        client.force_login(people[who])
        counts.append(_count(client, name, params, first))
    return counts


@pytest.fixture
def fresh_client():
    from django.test import Client

    return Client


def test_each_page_costs_the_same_queries_for_6_and_for_60_units(fresh_client, office_user, org_user):
    from django.db import transaction

    # Two districts, one after the other, each in its own rolled-back savepoint so codes can repeat.
    results = []
    for units in (6, 60):
        sid = transaction.savepoint()
        results.append(_measure(fresh_client, units=units, office_user=office_user, org_user=org_user))
        transaction.savepoint_rollback(sid)
    small, large = results
    assert small == large, list(zip([p[1] for p in PAGES], small, large, strict=True))
    # And the counts stay small: a page is a handful of queries, not one per unit.
    # (The leader's ranking page is the largest: results, breakdown, what-if entries, records panel, inbox count.)
    assert max(small) <= 20, small
