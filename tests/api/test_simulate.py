"""POST …/simulate: the results a save would give, without writing anything; the same serialisers as GET; a
leader simulates their own unit only and sees other units as published; settings are the office's."""

import pytest

from assessment.models import ScoreEntry, UnitResult

pytestmark = pytest.mark.django_db
URL = "/cycles/2025/simulate"


def _change(unit="T01", value="20", indicator="A01"):
    return {"period": "Q1", "unit": unit, "indicator": indicator, "value": value}


def _snapshot():
    return (
        sorted(ScoreEntry.objects.values_list("unit__code", "indicator__code", "value", "version")),
        sorted(UnitResult.objects.values_list("unit__code", "score", "rank", "grade", "input_version")),
    )


def test_simulate_answers_what_the_save_then_gives_and_writes_nothing(
    world, api_as, office_user, django_capture_on_commit_callbacks
):
    client = api_as(office_user)
    before = _snapshot()
    simulated = client.post(URL, {"entries": [_change()]})
    assert simulated.status_code == 200, simulated.json()
    assert _snapshot() == before
    body = simulated.json()
    assert {u["unit"] for u in body["units"]} == {"T01", "T02"}  # the touched category only
    assert {(p["unit"], p["period"]) for p in body["periods"]} == {("T01", "Q1"), ("T02", "Q1")}
    assert {c["cadre"] for c in body["cadres"]} == {"K01", "K02"}

    with django_capture_on_commit_callbacks(execute=True):
        saved = client.put("/cycles/2025/entries", {"reason": "保存", "entries": [_change()]})
    assert saved.status_code == 200
    stored = {u["unit"]: u for u in client.get("/cycles/2025/units").json()["units"]}
    for unit in body["units"]:
        assert unit == stored[unit["unit"]]
    detail = client.get("/cycles/2025/units/T01").json()["periods"][0]
    simulated_q1 = next(p for p in body["periods"] if p["unit"] == "T01")
    assert simulated_q1 == {"unit": "T01", **{k: v for k, v in detail.items() if k != "points"}}
    assert client.get("/cycles/2025/cadres").json() == body["cadres"]
    assert stored["T01"]["score"] == "93.33" and stored["T01"]["rank"] == 1


def test_a_leader_simulates_their_own_unit_and_sees_others_as_published(world, api_as, leader_of_town_a):
    client = api_as(leader_of_town_a)
    body = client.post(URL, {"entries": [_change()]}).json()
    units = {u["unit"]: u for u in body["units"]}
    assert units["T01"]["money"] and units["T01"]["rank"] == 1
    assert set(units["T02"]) == {"unit", "name", "category", "rank", "score", "grade", "colour"}
    assert {p["unit"] for p in body["periods"]} == {"T01"}
    assert {c["cadre"] for c in body["cadres"]} == {"K01"}

    other = client.post(URL, {"entries": [_change(unit="T02")]})
    assert other.status_code == 403
    assert other.json()["errors"][0]["message"] == "只能模拟本单位的评分"
    settings = client.post(URL, {"entries": [], "settings": {"excellent_min": "60"}})
    assert settings.status_code == 403


def test_the_office_simulates_settings_for_every_category(world, api_as, office_user):
    before = _snapshot()
    body = api_as(office_user).post(URL, {"settings": {"excellent_min": "60", "coefficients": {"优秀": "1.5"}}}).json()
    assert _snapshot() == before
    towns = {u["unit"]: u for u in body["units"] if u["category"] == "ZJ"}
    # n = 2, quota floor(2 × 0.3) = 0: nobody is 优秀 whatever the line; 乙镇 stays 良好.
    assert towns["T02"]["grade"] == "良好"
    lowered = api_as(office_user).post(URL, {"settings": {"excellent_quota": "0.5", "excellent_min": "60"}}).json()
    towns = {u["unit"]: u for u in lowered["units"] if u["category"] == "ZJ"}
    assert (towns["T02"]["grade"], towns["T02"]["colour"], towns["T02"]["coefficient"]) == ("优秀", "红", "1.20")
    assert towns["T02"]["money"] == "300000.00"


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"entries": [_change(), _change(unit="T02", value="abc")]}, [(1, "value")]),
        ({"entries": [_change(unit="NOPE")]}, [(0, "unit")]),
        ({"entries": [{**_change(), "note": "x"}]}, [(0, "note")]),
        ({"entries": [], "settings": {"colour": "红"}}, [(None, "colour")]),
        ({"entries": [], "settings": {"excellent_quota": "2"}}, [(None, "excellent_quota")]),
        ({"entries": [], "settings": {"period_weights": {"Q1": "0.5"}}}, [(None, "period_weights")]),
    ],
)
def test_bad_simulations_are_400_with_index_and_field(world, api_as, office_user, body, errors):
    response = api_as(office_user).post(URL, body)
    assert response.status_code == 400, response.json()
    assert [(e.get("index"), e["field"]) for e in response.json()["errors"]] == errors


def test_a_scorer_cannot_simulate(world, api_as, finance_scorer):
    assert api_as(finance_scorer).post(URL, {"entries": [_change()]}).status_code == 403


@pytest.mark.parametrize("units", [["T01"], ["T01", "T02"]])
def test_a_simulation_takes_a_fixed_number_of_queries(world, api_as, office_user, units, django_assert_max_num_queries):
    client = api_as(office_user)
    client.get("/cycles")  # the token's last-used time
    with django_assert_max_num_queries(32):
        assert client.post(URL, {"entries": [_change(unit=u) for u in units]}).status_code == 200
