"""GET endpoints: the shapes of API.md, decimals as strings with their exact digits, what each caller sees."""

import pytest

pytestmark = pytest.mark.django_db


def test_cycles_list_names_year_name_and_status(world, api_as, office_user):
    response = api_as(office_user).get("/cycles")
    assert response.status_code == 200
    assert response.json() == [{"year": 2025, "name": str(world["cycle"]), "status": "scoring"}]


def test_units_give_the_office_every_field_with_decimal_strings(world, api_as, office_user):
    body = api_as(office_user).get("/cycles/2025/units").json()
    assert body["computed_version"] == body["input_version"] > 0
    towns = [u for u in body["units"] if u["category"] == "ZJ"]
    assert [u["unit"] for u in towns] == ["T02", "T01"]
    b, a = towns
    assert b == {
        "unit": "T02",
        "name": "乙镇",
        "category": "ZJ",
        "rank": 1,
        "score": b["score"],
        "grade": b["grade"],
        "colour": b["colour"],
        "last_place": False,
        "vetoed": False,
        "coefficient": b["coefficient"],
        "money": b["money"],
    }
    # Q1 only: R = (15 + 9.50) / 30 × 100 = 81.67; S = R (the weights renormalise over the started period).
    assert (b["score"], a["score"]) == ("81.67", "66.67")
    assert (b["grade"], a["grade"]) == ("良好", "合格")
    assert (b["coefficient"], b["money"]) == ("1.00", "250000.00")
    assert (a["coefficient"], a["money"], a["last_place"], a["colour"]) == ("0.80", "240000.00", True, "黄")


def test_a_leader_sees_other_units_only_as_published(world, api_as, leader_of_town_a):
    units = {u["unit"]: u for u in api_as(leader_of_town_a).get("/cycles/2025/units").json()["units"]}
    assert set(units["T01"]) >= {"last_place", "vetoed", "coefficient", "money"}
    assert set(units["T02"]) == {"unit", "name", "category", "rank", "score", "grade", "colour"}


def test_unit_detail_has_the_started_periods_with_leaf_points(world, api_as, leader_of_town_a):
    response = api_as(leader_of_town_a).get("/cycles/2025/units/T01")
    assert response.status_code == 200
    body = response.json()
    assert body["unit"] == "T01" and body["money"] == "240000.00"
    assert body["periods"] == [
        {
            "period": "Q1",
            "total": "20.00",
            "bonus": "0.00",
            "deduction": "0.00",
            "rate": "66.67",
            "rank": 2,
            "points": {"A01": "12.00", "A02": "8.00"},
        }
    ]


def test_unit_detail_of_another_unit_is_refused_and_unknown_is_404(world, api_as, leader_of_town_a):
    client = api_as(leader_of_town_a)
    refused = client.get("/cycles/2025/units/T02")
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["message"] == "无权查看单位 T02 的考核明细"
    unknown_unit = client.get("/cycles/2025/units/NOPE")
    assert unknown_unit.status_code == 404
    assert unknown_unit.json() == {"errors": [{"field": "code", "message": "没有编码为 NOPE 的单位"}]}
    unknown_cycle = client.get("/cycles/1999/units")
    assert unknown_cycle.status_code == 404
    assert unknown_cycle.json() == {"errors": [{"field": "year", "message": "没有 1999 年度的考核"}]}


def test_cadres_of_the_leaders_unit_only_with_decimals_and_null(world, api_as, leader_of_town_a, office_user):
    mine = api_as(leader_of_town_a).get("/cycles/2025/cadres").json()
    assert [c["cadre"] for c in mine] == ["K01"]
    k01 = mine[0]
    assert k01["name"] == "张明" and k01["unit"] == "T01" and k01["team"] is True
    assert k01["target_completion"] is None  # no personal targets: SCORING.md has no P
    assert k01["evaluation"] == "88.50"
    assert isinstance(k01["rank"], int) and isinstance(k01["recall"], bool) and k01["grade"]
    every = api_as(office_user).get("/cycles/2025/cadres").json()
    assert [c["cadre"] for c in every] == ["K01", "K02"]


def test_a_scorer_reads_no_results(world, api_as, finance_scorer):
    response = api_as(finance_scorer).get("/cycles/2025/units")
    assert response.status_code == 403
    assert response.json()["errors"][0]["message"].startswith("无权查看")


@pytest.mark.parametrize("path", ["/cycles/2025/units", "/cycles/2025/units/T01", "/cycles/2025/cadres"])
def test_reads_take_a_fixed_number_of_queries(world, api_as, office_user, path, django_assert_max_num_queries):
    client = api_as(office_user)
    client.get("/cycles")  # the token's last-used time is written once a minute, not on every request
    with django_assert_max_num_queries(8):
        assert client.get(path).status_code == 200
