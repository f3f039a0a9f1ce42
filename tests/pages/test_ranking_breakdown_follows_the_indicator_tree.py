"""The own unit's breakdown: points, full marks and points lost per indicator, summed up the tree."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessment.models import UnitPeriodResult
from targets.models import IndicatorPoints

pytestmark = pytest.mark.django_db


def _page(client, **params):
    return client.get(reverse("pages:ranking"), params).context["page"]


def test_leaf_rows_show_points_full_marks_and_points_lost(login, district, leader_of_town_a, town_a):
    page = _page(login(leader_of_town_a), period="Q2")
    stored = UnitPeriodResult.objects.get(unit=town_a, period__code="Q2").points
    a01 = next(r for r in page.breakdown if r.code == "A01")
    full = IndicatorPoints.objects.get(indicator__code="A01", category=town_a.category).points
    assert a01.points == Decimal(stored["A01"])
    assert a01.full == full
    assert a01.lost == full - Decimal(stored["A01"])


def test_a_parent_is_the_sum_of_its_children(login, district, leader_of_town_a, town_a):
    page = _page(login(leader_of_town_a), period="Y")
    stored = UnitPeriodResult.objects.get(unit=town_a, period__code="Y").points
    parent = next(r for r in page.breakdown if r.code == "A")
    children = ["A01", "A02", "A03"]
    assert parent.points == sum(Decimal(stored[c]) for c in children)
    assert parent.full == sum(
        IndicatorPoints.objects.filter(indicator__code__in=children, category=town_a.category).values_list(
            "points", flat=True
        )
    )
    assert parent.lost == parent.full - parent.points
    # Depth-first order: the parent, then its children.
    codes = [r.code for r in page.breakdown]
    assert codes.index("A") < codes.index("A01") < codes.index("A03") < codes.index("B")


def test_bonus_deduction_and_veto_are_not_full_marks(login, district, leader_of_town_a, town_a):
    UnitPeriodResult.objects.filter(unit=town_a, period__code="Y").update(
        points={"A01": "18.00", "D01": "2", "E01": "-3", "F01": "1"}
    )
    rows = {r.code: r for r in _page(login(leader_of_town_a), period="Y").breakdown}
    assert rows["D01"].full is None and rows["D01"].points == Decimal("2")
    assert rows["E01"].points == Decimal("-3") and rows["E01"].lost == Decimal("3")
    assert rows["F01"].veto_count == Decimal("1")
    # Indicators not scored for the unit in the period are left out, and so are their empty parents.
    assert "B01" not in rows and "B" not in rows


def test_exempted_entry_is_shown_as_tolerated(login, exempted_deduction, leader_of_town_a):
    response = login(leader_of_town_a).get(reverse("pages:ranking"), {"period": "Y"})
    e01 = next(r for r in response.context["page"].breakdown if r.code == "E01")
    assert e01.exempted
    assert e01.points == 0
    html = response.content.decode()
    assert "已容错" in html
    assert "暴雨灾害导致的安全事故" in html


def test_period_tabs_choose_the_period_and_default_to_the_latest(login, district, leader_of_town_a):
    client = login(leader_of_town_a)
    assert _page(client).period.code == "Y"
    assert _page(client, period="Q1").period.code == "Q1"
    assert _page(client, period="nonsense").period.code == "Y"


def test_three_indicators_that_lost_the_most_against_full_marks(login, district, leader_of_town_a, town_a):
    full = {
        p.indicator.code: p.points
        for p in IndicatorPoints.objects.filter(
            indicator__cycle=district.cycle, category=town_a.category
        ).select_related("indicator")
    }
    rules = {i.code: i.rule for i in district.cycle.indicators.all()}
    page = _page(login(leader_of_town_a))
    own = {r.period_id: r for r in UnitPeriodResult.objects.filter(unit=town_a)}
    weights = {p.pk: p.weight for p in district.periods}
    total_weight = sum(weights.values())
    costs, lost = {}, {}
    for pid, mine in own.items():
        for code, value in mine.points.items():
            if rules[code] in ("bonus", "veto"):
                continue
            missed = -Decimal(value) if rules[code] == "deduction" else full[code] - Decimal(value)
            lost[code] = lost.get(code, 0) + missed
            costs[code] = costs.get(code, 0) + weights[pid] * missed * 100 / mine.full_marks / total_weight
    expected = sorted(
        ((round(c, 2), code) for code, c in costs.items() if round(c, 2) > 0), key=lambda t: (-t[0], t[1])
    )[:3]
    assert [(item.cost, item.code) for item in page.lost] == expected
    assert all(item.lost == lost[item.code] for item in page.lost)
    assert all(item.full is None or item.full - item.own_points == item.lost for item in page.lost)
