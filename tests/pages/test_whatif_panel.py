"""The what-if panel of the ranking page: open entries explained, values simulated without saving, the solver."""

import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from assessment.models import ScoreEntry, UnitResult
from assessment.recompute.service import cycle_recompute
from tests.assessment.conftest import scores_write
from tests.factories import IndicatorFactory, IndicatorPointsFactory, TargetFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(cycle, periods, towns, town_a, town_b, direct_indicator, office_user):
    """甲镇 and 乙镇 on A01 (直接赋分, 20 points) and B01 (完成率 against a target of 200, 10 points) in Q1 and Y."""
    completion = IndicatorFactory(
        cycle=cycle, code="B01", name="固定资产投资", rule="completion", params={"floor": "0.6", "cap": "1.2"}
    )
    IndicatorPointsFactory(indicator=completion, category=towns, points=Decimal("10"))
    for unit in (town_a, town_b):
        TargetFactory(cycle=cycle, indicator=completion, unit=unit, value=Decimal("200"), base=None)
    scores_write(
        cycle,
        office_user,
        [
            (periods["Q1"], town_a, direct_indicator, "12"),
            (periods["Q1"], town_b, direct_indicator, "16"),
            (periods["Q1"], town_a, completion, "150"),
            (periods["Q1"], town_b, completion, "180"),
        ],
    )
    cycle_recompute(cycle_id=cycle.id)
    return completion


def _post(client, url, body):
    return client.post(url, data=json.dumps(body), content_type="application/json")


def test_the_panel_lists_open_entries_with_what_explains_their_points(
    client, scored, leader_of_town_a, periods, django_assert_max_num_queries
):
    periods["Q2"].is_open = False
    periods["Q2"].save()
    client.force_login(leader_of_town_a)
    with django_assert_max_num_queries(30):
        page = client.get(reverse("pages:ranking")).content.decode()
    assert "模拟，不会保存" in page
    assert "目标值 t = 200；满分 m = 10；完成率 = 完成值 ÷ 目标值，低于 60% 不得分，最高 120%" in page
    assert 'data-period="Q1" data-indicator="B01"' in page
    assert 'data-period="Q2"' not in page  # closed for scoring: nothing to try there


def test_a_simulated_value_moves_the_rank_and_saves_nothing(
    client, cycle, scored, town_a, leader_of_town_a, django_assert_max_num_queries
):
    client.force_login(leader_of_town_a)
    before = list(UnitResult.objects.values_list("unit_id", "score", "rank"))
    entries = list(ScoreEntry.objects.values_list("id", "value", "version"))
    url = reverse("pages:whatif_simulate", args=[town_a.pk])
    assert UnitResult.objects.get(unit=town_a).rank == 2
    with django_assert_max_num_queries(40):
        response = _post(
            client, url, {"cycle": cycle.year, "entries": [{"period": "Q1", "indicator": "A01", "value": "20"}]}
        )
    data = response.json()
    assert response.status_code == 200, data
    assert data["mark"] == "模拟，不会保存"
    assert data["own"]["rank"] == 1 and data["gap"]["above"] is None
    assert [r["rank"] for r in data["ranking"] if r["own"]] == [1]
    assert list(UnitResult.objects.values_list("unit_id", "score", "rank")) == before
    assert list(ScoreEntry.objects.values_list("id", "value", "version")) == entries


def test_a_bad_value_is_named_like_a_save_names_it(client, cycle, scored, town_a, leader_of_town_a):
    client.force_login(leader_of_town_a)
    url = reverse("pages:whatif_simulate", args=[town_a.pk])
    response = _post(
        client, url, {"cycle": cycle.year, "entries": [{"period": "Q1", "indicator": "A01", "value": "很多"}]}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [{"index": 0, "field": "value", "message": "指标 A01：“很多”不是数字"}]


def test_another_units_panel_is_refused(client, cycle, scored, town_b, leader_of_town_a):
    client.force_login(leader_of_town_a)
    body = {"cycle": cycle.year, "entries": [{"period": "Q1", "indicator": "A01", "value": "1"}]}
    assert _post(client, reverse("pages:whatif_simulate", args=[town_b.pk]), body).status_code == 403
    body = {"cycle": cycle.year, "period": "Q1", "indicator": "A01", "goal": "rank:1"}
    assert _post(client, reverse("pages:whatif_solve", args=[town_b.pk]), body).status_code == 403


def test_the_calls_need_the_csrf_token(cycle, scored, town_a, leader_of_town_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(leader_of_town_a)
    body = {"cycle": cycle.year, "entries": [{"period": "Q1", "indicator": "A01", "value": "1"}]}
    assert _post(client, reverse("pages:whatif_simulate", args=[town_a.pk]), body).status_code == 403


def test_the_solver_names_the_least_value_in_the_indicators_terms(client, cycle, scored, town_a, leader_of_town_a):
    client.force_login(leader_of_town_a)
    url = reverse("pages:whatif_solve", args=[town_a.pk])
    # 甲镇 Q1: A01 12 + B01 7.50 = 19.50 of 30; 乙镇: 16 + 9.00 = 25.00. Equal scores share a rank, so 甲镇 is first
    # with A01 at 17.50 points — which 17.495 gives (points are rounded half up), and 17.4949 does not.
    data = _post(client, url, {"cycle": cycle.year, "period": "Q1", "indicator": "A01", "goal": "rank:1"}).json()
    assert data["message"] == "要达到第 1 名，指标 A01 重点项目推进（Q1）至少需要 17.495 分（其他指标不变）。"
    assert data["value"] == "17.495"
    # B01 at most 120% of 200 gives 12 points: 12 + 12 = 24 < 25 — no value of B01 alone is enough.
    data = _post(client, url, {"cycle": cycle.year, "period": "Q1", "indicator": "B01", "goal": "rank:1"}).json()
    assert data["message"].startswith("无法仅靠该指标达到")
