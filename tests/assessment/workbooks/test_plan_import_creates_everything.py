"""A good plan workbook creates the cycle with its settings, periods, units, cadres, indicators and targets."""

from decimal import Decimal

import pytest

from cadres.models import Cadre, CadreTarget
from targets.models import Cycle, Indicator, IndicatorPoints, Target
from units.models import Unit

pytestmark = pytest.mark.django_db


def test_settings_and_periods_are_taken_from_the_settings_sheet(imported_plan):
    cycle = Cycle.objects.get(year=2025)
    assert cycle.name == "2025年度目标责任制考核"
    assert cycle.bonus_base == Decimal("12000")
    assert (cycle.coef_excellent, cycle.coef_fail) == (Decimal("1.5"), Decimal("0"))
    assert (cycle.cadre_weight_unit, cycle.cadre_weight_target, cycle.cadre_weight_eval) == (
        Decimal("0.5"),
        Decimal("0.3"),
        Decimal("0.2"),
    )
    assert [(p.code, p.weight) for p in cycle.periods.order_by("order")] == [
        ("Q1", Decimal("0.1")),
        ("Q2", Decimal("0.1")),
        ("Q3", Decimal("0.1")),
        ("Y", Decimal("0.7")),
    ]


def test_units_and_cadres_are_created(imported_plan):
    town = Unit.objects.get(code="T02")
    assert (town.name, town.category.code, town.headcount) == ("乙镇", "ZJ", 25)
    deputy = Cadre.objects.get(code="K002")
    assert (deputy.unit.code, deputy.post, deputy.team_member) == ("T01", "副镇长", False)
    assert Cadre.objects.get(code="K001").team_member is True


def test_indicator_tree_rules_params_and_lead_units(imported_plan):
    gdp = Indicator.objects.get(cycle=imported_plan, code="A01")
    assert gdp.parent.code == "A" and gdp.parent.rule == ""
    assert (gdp.rule, gdp.params, gdp.lead_unit.code, gdp.additive) == ("completion", {"floor": 0.6}, "D02", True)
    assert Indicator.objects.get(cycle=imported_plan, code="C01").params == {"per_event": 2}


def test_points_per_category_only_where_a_value_is_given(imported_plan):
    points = {
        (p.indicator.code, p.category.code): p.points
        for p in IndicatorPoints.objects.select_related("indicator", "category")
    }
    assert points[("A01", "ZJ")] == Decimal("20")
    assert ("A01", "JJ") not in points  # empty cell: A01 does not apply to departments
    assert points[("B01", "JJ")] == Decimal("15")
    assert not any(code in ("A", "B") for code, _ in points)  # parents carry no points of their own


def test_periods_scored_in(imported_plan):
    def codes(code):
        return sorted(Indicator.objects.get(cycle=imported_plan, code=code).periods.values_list("code", flat=True))

    assert codes("B01") == ["Q2", "Y"]
    assert codes("A01") == ["Y"]
    assert codes("A02") == []  # empty = all periods


def test_unit_targets_hang_under_the_district_target(imported_plan):
    district = Target.objects.get(indicator__code="A01", unit=None)
    town = Target.objects.get(indicator__code="A01", unit__code="T01")
    assert district.value == Decimal("1000") and district.parent is None
    assert town.parent == district
    assert (town.value, town.base, town.leader.code) == (Decimal("600"), Decimal("500"), "K001")
    assert Target.objects.get(indicator__code="A03", unit__code="T02").parent is None  # no district target


def test_cadre_targets_link_to_their_units_target(imported_plan):
    linked = CadreTarget.objects.get(cycle=imported_plan, code="KT01")
    assert linked.parent == Target.objects.get(indicator__code="A01", unit__code="T01")
    assert (linked.weight, linked.target_value) == (Decimal("0.6"), Decimal("600"))
    assert CadreTarget.objects.get(code="KT02").parent is None


def test_history_records_the_importing_user(imported_plan, office_user):
    record = Unit.objects.get(code="T01").history.get()
    assert record.history_user == office_user
    assert record.history_change_reason == "导入考核方案"
