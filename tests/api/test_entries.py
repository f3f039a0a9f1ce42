"""PUT …/entries: through the one score-write service, all or nothing, lock and version honoured, history
attributed to the user with the request's reason and the token's name."""

from decimal import Decimal

import pytest

from assessment.models import ScoreEntry
from targets.models import CycleStatus

pytestmark = pytest.mark.django_db
URL = "/cycles/2025/entries"


def _entry(**kw):
    return {"period": "Q1", "unit": "T01", "indicator": "A01", "value": "14", **kw}


def _stored(unit="T01", indicator="A01", period="Q1"):
    return ScoreEntry.objects.filter(unit__code=unit, indicator__code=indicator, period__code=period).first()


def test_office_writes_counts_and_new_input_version(world, api_as, office_user):
    before = api_as(office_user).get("/cycles/2025/units").json()["input_version"]
    response = api_as(office_user, "统计局推送").put(
        URL,
        {
            "reason": "一季度统计数据",
            "entries": [
                _entry(value="14.5", note="统计局快报"),
                _entry(unit="T02", value="15"),  # unchanged
                _entry(unit="T02", indicator="A01", period="Q2", value="10"),
            ],
        },
    )
    assert response.status_code == 200, response.json()
    assert response.json() == {"written": 2, "unchanged": 1, "deleted": 0, "input_version": before + 1}
    entry = _stored()
    assert (entry.value, entry.note, entry.version, entry.entered_by) == (Decimal("14.5"), "统计局快报", 2, office_user)
    last = entry.history.order_by("-history_id").first()
    assert last.history_user == office_user
    assert last.history_change_reason == "一季度统计数据（接口令牌“统计局推送”）"


def test_null_deletes_the_entry(world, api_as, office_user):
    response = api_as(office_user).put(URL, {"reason": "误填", "entries": [_entry(value=None)]})
    assert response.json()["deleted"] == 1
    assert _stored() is None


def test_a_scorer_writes_led_indicators_and_nothing_when_one_is_not_led(world, api_as, finance_scorer):
    client = api_as(finance_scorer)
    refused = client.put(URL, {"entries": [_entry(value="16"), _entry(indicator="A02", value="90")]})
    assert refused.status_code == 403
    assert [(e["index"], e["field"]) for e in refused.json()["errors"]] == [(1, "indicator")]
    assert _stored().value == Decimal("12")  # all or nothing
    assert client.put(URL, {"entries": [_entry(value="16")]}).status_code == 200
    assert _stored().value == Decimal("16")
    assert _stored().history.order_by("-history_id").first().history_change_reason == "经接口令牌“测试令牌”写入"


@pytest.mark.parametrize(
    ("entry", "field"),
    [
        (_entry(value="abc"), "value"),
        (_entry(value="1.123456789"), "value"),  # more places than a score entry holds
        (_entry(unit="NOPE"), "unit"),
        (_entry(indicator="ZZ"), "indicator"),
        (_entry(period="Q9"), "period"),
        (_entry(unit="D01"), "indicator"),  # the finance department's category has no A01
        (_entry(value=14), "value"),  # a JSON number: decimals travel as strings
        (_entry(colour="红"), "colour"),  # unknown fields are errors
        (_entry(note="备" * 501), "note"),  # longer than a score entry's note holds
        ({"period": "Q1", "unit": "T01", "indicator": "A01"}, "value"),
    ],
)
def test_bad_input_is_400_naming_index_and_field_and_writes_nothing(world, api_as, office_user, entry, field):
    response = api_as(office_user).put(URL, {"entries": [_entry(unit="T02", value="1"), entry]})
    assert response.status_code == 400, response.json()
    errors = response.json()["errors"]
    assert [(e["index"], e["field"]) for e in errors] == [(1, field)]
    assert all(e["message"] for e in errors)
    assert _stored("T02").value == Decimal("15")


def test_unknown_top_level_field_and_bad_json(world, api_as, office_user):
    client = api_as(office_user)
    response = client.put(URL, {"entries": [], "why": "x"})
    assert response.status_code == 400
    assert response.json() == {"errors": [{"field": "why", "message": "why：不允许的字段"}]}
    assert client.put(URL, "{not json").status_code == 400


def test_stale_version_is_409_and_writes_nothing(world, api_as, office_user):
    current = _stored().version
    client = api_as(office_user)
    ok = client.put(URL, {"entries": [_entry(value="13", version=current)]})
    assert ok.status_code == 200
    conflict = client.put(URL, {"entries": [_entry(unit="T02", value="1"), _entry(value="14", version=current)]})
    assert conflict.status_code == 409
    assert conflict.json()["errors"][0]["index"] == 1
    assert conflict.json()["errors"][0]["field"] == "version"
    assert (_stored().value, _stored("T02").value) == (Decimal("13"), Decimal("15"))


def test_final_cycle_is_409(world, api_as, office_user):
    world["cycle"].status = CycleStatus.FINAL
    world["cycle"].save()
    response = api_as(office_user).put(URL, {"reason": "x", "entries": [_entry()]})
    assert response.status_code == 409
    assert "已审定锁定" in response.json()["errors"][0]["message"]


def test_publicity_needs_the_callers_reason(world, api_as, office_user):
    world["cycle"].status = CycleStatus.PUBLICITY
    world["cycle"].save()
    client = api_as(office_user)
    response = client.put(URL, {"entries": [_entry()]})
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "reason", "message": "公示期间修改评分必须填写修改理由"}]
    assert client.put(URL, {"reason": "复核更正", "entries": [_entry()]}).status_code == 200


def test_a_scorer_cannot_write_once_scoring_is_over(world, api_as, finance_scorer):
    world["cycle"].status = CycleStatus.PUBLICITY
    world["cycle"].save()
    response = api_as(finance_scorer).put(URL, {"reason": "更正", "entries": [_entry()]})
    assert response.status_code == 403


def test_a_reason_too_long_for_the_history_with_the_token_name_is_400(world, api_as, office_user):
    client = api_as(office_user, "统计局推送")
    response = client.put(URL, {"reason": "理" * 95, "entries": [_entry()]})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "reason", "message": "修改理由过长：连同令牌名称最多 100 字，本次理由最多 87 字"}
    ]
    assert _stored().value == Decimal("12")
    assert client.put(URL, {"reason": "理" * 87, "entries": [_entry()]}).status_code == 200


@pytest.mark.parametrize("units", [["T01"], ["T01", "T02"]])
def test_a_push_takes_a_fixed_number_of_queries(world, api_as, office_user, units, django_assert_max_num_queries):
    client = api_as(office_user)
    client.get("/cycles")  # the token's last-used time
    body = {"entries": [_entry(unit=u, value="7") for u in units]}
    with django_assert_max_num_queries(25):
        assert client.put(URL, body).status_code == 200
