"""A unit leader sees the category ranking with their own unit highlighted, and their unit's detail."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from assessment.models import RecomputeState, UnitResult

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_ranking_lists_every_unit_of_the_category_in_rank_order(login, district, leader_of_town_a):
    response = login(leader_of_town_a).get(reverse("pages:ranking"))
    assert response.status_code == 200
    rows = response.context["page"].rows
    expected = list(
        UnitResult.objects.filter(cycle=district.cycle, category=district.categories[0])
        .order_by("rank", "unit__code")
        .values_list("unit__name", "rank", "score")
    )
    assert [(r.name, r.rank, r.score) for r in rows] == expected
    assert len(rows) == 6


def test_own_unit_row_is_highlighted_and_only_that_one(login, district, leader_of_town_a):
    html = login(leader_of_town_a).get(reverse("pages:ranking")).content.decode()
    own_rows = re.findall(r'<tr class="own"[^>]*>(.*?)</tr>', html, flags=re.S)
    assert len(own_rows) == 1
    assert "甲镇" in own_rows[0]


def test_scores_are_shown_with_two_decimals(login, district, leader_of_town_a, town_a):
    own = UnitResult.objects.get(cycle=district.cycle, unit=town_a)
    UnitResult.objects.filter(pk=own.pk).update(score=Decimal("87.5"))
    text = _text(login(leader_of_town_a).get(reverse("pages:ranking")))
    assert "87.50" in text


def test_gap_to_the_unit_above_is_what_it_takes_to_pass_it(login, district, leader_of_town_a, town_a):
    others = list(UnitResult.objects.filter(cycle=district.cycle).exclude(unit=town_a).order_by("unit__code"))
    UnitResult.objects.filter(pk=others[0].pk).update(rank=1, score=Decimal("95.00"), vetoed=False)
    UnitResult.objects.filter(pk=others[1].pk).update(rank=2, score=Decimal("90.00"), vetoed=False)
    UnitResult.objects.filter(cycle=district.cycle, unit=town_a).update(rank=3, score=Decimal("89.60"), vetoed=False)
    UnitResult.objects.filter(pk__in=[r.pk for r in others[2:]]).update(rank=4, score=Decimal("80.00"))
    page = login(leader_of_town_a).get(reverse("pages:ranking")).context["page"]
    assert page.gap.above.unit_id == others[1].unit_id
    assert page.gap.to_above == Decimal("0.40")
    assert page.gap.needed_to_pass == Decimal("0.41")


def test_gap_to_the_excellent_line(login, district, leader_of_town_a, town_a):
    UnitResult.objects.filter(cycle=district.cycle, unit=town_a).update(score=Decimal("85.25"), grade="good")
    page = login(leader_of_town_a).get(reverse("pages:ranking")).context["page"]
    assert page.gap.to_excellent_line == Decimal("4.75")  # the line is the cycle's 优秀分数线, 90


def test_trend_chart_data_has_one_point_per_started_period(login, district, leader_of_town_a):
    response = login(leader_of_town_a).get(reverse("pages:ranking"))
    chart = response.context["chart"]
    assert chart["periods"] == ["一季度", "二季度", "三季度", "年终"]
    assert len(chart["rates"]) == len(chart["ranks"]) == 4
    html = response.content.decode()
    assert 'id="trend-data"' in html
    assert "vendor/echarts/echarts.min.js" in html


def test_as_of_time_is_shown_and_a_pending_recompute_is_announced(login, district, leader_of_town_a):
    client = login(leader_of_town_a)
    assert "数据截至" in _text(client.get(reverse("pages:ranking")))
    assert "正在重新计算" not in _text(client.get(reverse("pages:ranking")))
    RecomputeState.objects.filter(cycle=district.cycle).update(input_version=4, computed_version=1)
    assert "有 3 项变更正在重新计算" in _text(client.get(reverse("pages:ranking")))


def test_leader_sees_own_cadres_with_provisional_grades(login, district, leader_of_town_a):
    text = _text(login(leader_of_town_a).get(reverse("pages:ranking")))
    assert "本单位干部（暂定）" in text
    for cadre in district.unit("T01").cadres.all():
        assert cadre.name in text


def test_appeals_and_their_outcomes_are_listed(login, appeals_of_town_a, leader_of_town_a):
    text = _text(login(leader_of_town_a).get(reverse("pages:ranking")))
    assert "待处理" in text
    assert "已驳回" in text
    assert "佐证材料不足，维持原评分。" in text


def test_no_inline_script_on_the_page(login, district, leader_of_town_a):
    html = login(leader_of_town_a).get(reverse("pages:ranking")).content.decode()
    scripts = re.findall(r"<script([^>]*)>", html)
    # Every script is a file of our own, except the JSON data block, which browsers never execute.
    assert all('src="/static/' in attrs or 'type="application/json"' in attrs for attrs in scripts)
    assert "http" not in " ".join(re.findall(r'<script[^>]*src="([^"]+)"', html))
