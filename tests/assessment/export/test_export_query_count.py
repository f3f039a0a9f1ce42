"""The export reads the results in a fixed number of queries: 30 units cost the same as 3."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment.results.workbook import results_workbook_bytes
from tests.assessment.export.conftest import cadre_result, period_result, unit_result
from tests.factories import CadreFactory, IndicatorFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _units_add(cycle, periods, category, numbers):
    for code in ("A01", "A02", "V01"):
        IndicatorFactory(cycle=cycle, code=code, rule="veto" if code == "V01" else "direct")
    for n in numbers:
        unit = UnitFactory(code=f"Q{n:03d}", category=category)
        unit_result(cycle, unit, rank=n + 1)
        for period in (periods["Q1"], periods["Q2"]):
            period_result(cycle, period, unit, {"A01": "1.00", "A02": "2.00", "V01": "0"}, rank=n + 1)
        for k in range(2):
            cadre_result(cycle, CadreFactory(code=f"Q{n:03d}-{k}", unit=unit), score=Decimal("80.00"))


def _queries(cycle):
    with CaptureQueriesContext(connection) as captured:
        results_workbook_bytes(cycle=cycle)
    return len(captured)


def test_thirty_units_cost_the_same_queries_as_three(cycle, periods, towns):
    _units_add(cycle, periods, towns, range(3))
    small = _queries(cycle)
    _units_add(cycle, periods, towns, range(3, 30))
    large = _queries(cycle)

    assert small == large
    assert large <= 10
