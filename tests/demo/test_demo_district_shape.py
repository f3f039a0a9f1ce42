"""The demo district looks like a real one: towns and departments in four categories, a full indicator tree."""

from collections import Counter

from cadres.models import Cadre, CadreTarget, DemocraticEvaluation
from targets.models import Indicator, IndicatorPoints, Target
from units.models import Unit, UnitKind

EVERY_RULE = {"completion", "growth", "tiered", "rank", "percent", "direct", "grade", "bonus", "deduction", "veto"}


def test_about_14_towns_and_45_departments_in_four_categories(demo_cycle):
    units = list(Unit.objects.select_related("category"))
    by_category = Counter(u.category.name for u in units)
    assert set(by_category) == {"镇街", "经济部门", "综合管理部门", "社会事业部门"}
    towns = [u for u in units if u.kind == UnitKind.TOWN]
    assert 12 <= len(towns) <= 16
    assert {u.category.name for u in towns} == {"镇街"}
    assert 40 <= len(units) - len(towns) <= 50
    assert all(u.headcount > 0 for u in units)


def test_about_70_leaf_indicators_cover_every_rule_under_parents(demo_cycle):
    leaves = list(Indicator.objects.filter(cycle=demo_cycle).exclude(rule="").select_related("parent"))
    assert 60 <= len(leaves) <= 80
    assert {i.rule for i in leaves} == EVERY_RULE
    assert all(i.parent is not None and i.lead_unit_id for i in leaves)
    directions = {i.params.get("direction", "higher") for i in leaves if i.rule == "completion"}
    assert directions == {"higher", "lower"}
    assert any(i.periods.count() == 1 for i in leaves), "some indicators are scored only at year-end"


def test_points_differ_by_category_and_some_indicators_do_not_apply(demo_cycle):
    points = IndicatorPoints.objects.filter(indicator__cycle=demo_cycle, indicator__rule="grade")
    per_indicator = {}
    for p in points:
        per_indicator.setdefault(p.indicator_id, set()).add(p.points)
    assert any(len(values) > 1 for values in per_indicator.values())
    gdp = Indicator.objects.get(cycle=demo_cycle, code="010101")
    assert list(gdp.points_by_category.values_list("category__code", flat=True)) == ["ZJ"]


def test_targets_are_decomposed_to_units_and_led_by_one_of_their_cadres(demo_cycle):
    unit_targets = Target.objects.filter(cycle=demo_cycle, unit__isnull=False).select_related("leader")
    assert unit_targets.count() > 300
    assert all(t.leader is not None and t.leader.unit_id == t.unit_id for t in unit_targets)
    district = Target.objects.filter(cycle=demo_cycle, unit__isnull=True, indicator__additive=True)
    assert district.count() >= 8
    linked = CadreTarget.objects.filter(cycle=demo_cycle, parent__isnull=False).select_related("parent", "cadre")
    assert linked.exists()
    assert all(ct.parent.unit_id == ct.cadre.unit_id for ct in linked)


def test_about_600_cadres_with_teams_posts_targets_and_evaluations(demo_cycle):
    cadres = list(Cadre.objects.all())
    assert 550 <= len(cadres) <= 650
    posts = {c.post for c in cadres}
    assert {"党委书记", "党委副书记、镇长", "副镇长", "党组书记、局长", "副局长"} <= posts
    assert any(p.endswith("科长") for p in posts)
    teams = Counter(c.unit_id for c in cadres if c.team_member)
    assert len(teams) == Unit.objects.count() and min(teams.values()) >= 3
    per_cadre = Counter(CadreTarget.objects.filter(cycle=demo_cycle).values_list("cadre_id", flat=True))
    assert len(per_cadre) == len(cadres) and set(per_cadre.values()) == {1, 2, 3}
    assert DemocraticEvaluation.objects.filter(cycle=demo_cycle).count() == len(cadres)
    assert len({c.name for c in cadres}) == len(cadres)
