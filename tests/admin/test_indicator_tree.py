"""The indicator changelist reads as the plan's tree: children under their parent, indented, points per category."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import IndicatorFactory, IndicatorPointsFactory


def _column(html: str, name: str) -> list[str]:
    return re.findall(rf'class="field-{name}"[^>]*>(?:<a [^>]*>)?([^<]*)<', html)


@pytest.fixture
def plan_tree(cycle, towns, econ):
    """经济发展 (A) with two leaves; 社会治理 (B) whose child's code does not start with B; 党的建设 (C)."""
    economy = IndicatorFactory(cycle=cycle, code="A", name="经济发展", rule="")
    growth = IndicatorFactory(cycle=cycle, code="A01", name="地区生产总值", rule="completion", parent=economy)
    IndicatorPointsFactory(indicator=growth, category=towns, points=Decimal("10"))
    IndicatorPointsFactory(indicator=growth, category=econ, points=Decimal("8.50"))
    IndicatorFactory(cycle=cycle, code="A02", name="招商引资", rule="direct", parent=economy)
    society = IndicatorFactory(cycle=cycle, code="B", name="社会治理", rule="")
    safety = IndicatorFactory(cycle=cycle, code="Z9", name="安全生产", rule="", parent=society)
    IndicatorFactory(cycle=cycle, code="Z91", name="事故起数", rule="deduction", params={"per_event": 2}, parent=safety)
    IndicatorFactory(cycle=cycle, code="C", name="党的建设", rule="")


def test_children_follow_their_parent_indented_by_depth(office_client, plan_tree):
    html = office_client.get(reverse("admin:targets_indicator_changelist")).content.decode()
    assert _column(html, "tree_name") == [
        "经济发展",
        "└ 地区生产总值",
        "└ 招商引资",
        "社会治理",
        "└ 安全生产",
        "　└ 事故起数",
        "党的建设",
    ]


def test_each_row_shows_its_points_per_category(office_client, plan_tree):
    html = office_client.get(reverse("admin:targets_indicator_changelist")).content.decode()
    rows = dict(zip(_column(html, "code"), _column(html, "points_text"), strict=True))
    assert rows["A01"] == "经济部门 8.5 / 镇街 10"  # by category code: JJ, ZJ
    assert rows["A"] == "-"  # a parent row carries no points of its own


def test_clicking_a_column_header_still_sorts_by_it(office_client, plan_tree):
    html = office_client.get(reverse("admin:targets_indicator_changelist") + "?o=-2").content.decode()
    assert _column(html, "code")[0] == "Z91"


def test_the_period_filter_keeps_indicators_scored_in_every_period(office_client, plan_tree, periods):
    IndicatorFactory(cycle=periods["Y"].cycle, code="A03", name="年度专项", rule="direct").periods.add(periods["Y"])
    url = reverse("admin:targets_indicator_changelist") + f"?period={periods['Q1'].pk}"
    codes = _column(office_client.get(url).content.decode(), "code")
    assert "A03" not in codes
    assert "A01" in codes


def test_the_category_filter_lists_indicators_worth_points_for_it(office_client, plan_tree, econ):
    url = reverse("admin:targets_indicator_changelist") + f"?points_by_category__category__id__exact={econ.pk}"
    assert _column(office_client.get(url).content.decode(), "code") == ["A01"]
