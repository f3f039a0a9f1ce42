"""A changelist costs the same number of queries for 5 rows as for 50 (no query per row)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessment.models import UnitResult
from tests.factories import IndicatorFactory, IndicatorPointsFactory, ScoreEntryFactory, UnitFactory


def _queries(client, url) -> int:
    client.get(url)  # warm caches (content types, session) so both counts measure the page alone
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.fixture
def many_town_units(towns):
    return [UnitFactory(code=f"T{n:03d}", name=f"镇{n}", category=towns) for n in range(100, 150)]


def test_score_entry_changelist(office_client, cycle, periods, direct_indicator, many_town_units, office_user):
    url = reverse("admin:assessment_scoreentry_changelist") + f"?cycle__id__exact={cycle.pk}"

    def add(units):
        for unit in units:
            ScoreEntryFactory(
                cycle=cycle, period=periods["Q1"], unit=unit, indicator=direct_indicator, entered_by=office_user
            )

    add(many_town_units[:5])
    five = _queries(office_client, url)
    add(many_town_units[5:])
    assert _queries(office_client, url) == five


def test_unit_result_changelist(office_client, cycle, towns, many_town_units):
    url = reverse("admin:assessment_unitresult_changelist")

    def add(units):
        UnitResult.objects.bulk_create(
            UnitResult(
                cycle=cycle,
                unit=u,
                category=towns,
                score=Decimal("88.5"),
                rank=n,
                grade="good",
                last_place=False,
                vetoed=False,
                coefficient=Decimal("1"),
                bonus_money=Decimal("100"),
                input_version=1,
                computed_at=timezone.now(),
            )
            for n, u in enumerate(units, start=1)
        )

    add(many_town_units[:5])
    five = _queries(office_client, url)
    add(many_town_units[5:])
    assert _queries(office_client, url) == five


def test_indicator_changelist(office_client, cycle, towns, econ, periods):
    url = reverse("admin:targets_indicator_changelist")

    def add(first, last):
        for n in range(first, last):
            group = IndicatorFactory(cycle=cycle, code=f"G{n:02d}", name=f"分组{n}", rule="")
            leaf = IndicatorFactory(cycle=cycle, code=f"G{n:02d}01", name=f"指标{n}", rule="direct", parent=group)
            IndicatorPointsFactory(indicator=leaf, category=towns, points=Decimal("10"))
            IndicatorPointsFactory(indicator=leaf, category=econ, points=Decimal("8"))
            leaf.periods.add(periods["Y"])

    add(0, 3)  # 6 rows
    few = _queries(office_client, url)
    add(3, 25)  # 50 rows
    assert _queries(office_client, url) == few
