"""An entry exempted under 容错纠错 (reason and approval date on record) counts as absent in the results."""

import datetime
from decimal import Decimal

import pytest

from assessment.models import UnitPeriodResult, UnitResult
from assessment.recompute.service import cycle_recompute
from tests.factories import IndicatorFactory, IndicatorPointsFactory, ScoreEntryFactory

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def safety_deduction(cycle, towns):
    ind = IndicatorFactory(cycle=cycle, code="C01", name="安全生产事故", rule="deduction", params={"per_event": "2"})
    IndicatorPointsFactory(indicator=ind, category=towns, points=D("10"))
    return ind


@pytest.fixture
def veto(cycle, towns):
    ind = IndicatorFactory(cycle=cycle, code="V01", name="重大事故", rule="veto")
    IndicatorPointsFactory(indicator=ind, category=towns, points=D("0"))
    return ind


def _enter(cycle, period, unit, indicator, value, **exemption):
    return ScoreEntryFactory(cycle=cycle, period=period, unit=unit, indicator=indicator, value=D(value), **exemption)


APPROVED = {
    "exemption_reason": "先行先试，程序合规",
    "exemption_approver": "区考核委",
    "exemption_date": datetime.date(2025, 6, 1),
}


def test_exempted_deduction_and_veto_are_ignored(
    cycle, periods, town_a, town_b, direct_indicator, safety_deduction, veto
):
    y = periods["Y"]
    for unit in (town_a, town_b):
        _enter(cycle, y, unit, direct_indicator, "20")
    _enter(cycle, y, town_a, safety_deduction, "3", **APPROVED)
    _enter(cycle, y, town_a, veto, "1", **APPROVED)
    _enter(cycle, y, town_b, safety_deduction, "1")

    cycle_recompute(cycle_id=cycle.id)

    a = UnitPeriodResult.objects.get(unit=town_a)
    b = UnitPeriodResult.objects.get(unit=town_b)
    assert (a.deduction, a.total, a.vetoed) == (D("0.00"), D("20.00"), False)
    assert (b.deduction, b.total) == (D("2.00"), D("18.00"))  # 1 event × 2 points
    assert UnitResult.objects.get(unit=town_a).vetoed is False


def test_a_reason_without_an_approval_date_is_not_an_exemption(cycle, periods, town_a, direct_indicator, veto):
    _enter(cycle, periods["Y"], town_a, direct_indicator, "20")
    _enter(cycle, periods["Y"], town_a, veto, "1", exemption_reason="申请中，尚未认定")

    cycle_recompute(cycle_id=cycle.id)

    result = UnitResult.objects.get(unit=town_a)
    assert (result.vetoed, result.grade) == (True, "fail")
