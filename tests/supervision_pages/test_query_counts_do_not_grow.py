"""Every supervision page costs the same number of queries for the two towns as for thirty more units with five
items each (and so for a city): nothing is read one item, unit or report at a time."""

import datetime

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessment.supervision.models import RecordStatus, ReportStatus
from tests.factories import CadreFactory, UnitFactory
from tests.supervision_pages.world import AS_OF, item_make, record_make, report_make

pytestmark = pytest.mark.django_db

D = datetime.date


def _more_units(cycle, category, n):
    for u in range(n):
        unit = UnitFactory(code=f"X{u:03d}", name=f"测试镇{u}", category=category)
        cadre = CadreFactory(code=f"KX{u:03d}", unit=unit)
        for i in range(5):
            item = item_make(
                cycle=cycle,
                code=f"DB-X{u:03d}-{i}",
                unit=unit,
                leader=cadre,
                start=D(2025, 1, 1),
                steps=[(1, D(2025, 3 + i, 10)), (2, D(2025, 12, 31))],
            )
            report_make(item, D(2025, 6, 1), "45", milestone=1 if i % 2 else None)
            report_make(item, D(2025, 6, 12), "50", status=ReportStatus.PENDING)
        record_make(cycle=cycle, code=f"RX{u:03d}", unit=unit, cadre=cadre)
        record_make(cycle=cycle, code=f"RXP{u:03d}", unit=unit, status=RecordStatus.PROPOSED)


def _pages(world, town_a):
    return [
        ("office", reverse("supervision:board"), {}),
        ("office", reverse("supervision:board"), {"light": "overdue", "source": "重点项目"}),
        ("office", reverse("supervision:board"), {"unit": town_a.pk, "month": "2025-05"}),
        ("liaison", reverse("supervision:unit", args=[town_a.pk]), {}),
        ("cadre", reverse("supervision:mine"), {}),
        ("org", reverse("supervision:archive"), {}),
        ("org", reverse("supervision:archive_cadres"), {}),
        ("liaison", reverse("supervision:report_create", args=[world.items["on_track"].pk]), {}),
    ]


def _count(user, url, params) -> int:
    client = Client()
    client.force_login(user)
    params = {"as_of": AS_OF.isoformat(), **params}
    client.get(url, params)  # warm the per-process caches first
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def test_each_page_costs_the_same_for_2_and_for_32_units(
    world, town_a, office_user, org_user, liaison_of_town_a, cadre_user
):
    people = {"office": office_user, "org": org_user, "liaison": liaison_of_town_a, "cadre": cadre_user}
    pages = _pages(world, town_a)
    small = [_count(people[who], url, params) for who, url, params in pages]
    sid = transaction.savepoint()
    _more_units(world.cycle, town_a.category, 30)
    large = [_count(people[who], url, params) for who, url, params in pages]
    transaction.savepoint_rollback(sid)
    assert small == large, list(zip([p[1] for p in pages], small, large, strict=True))
    # Pinned: a page is a handful of queries (session, user, groups, memberships, cadre link, then its reads).
    assert max(small) <= 20, small
