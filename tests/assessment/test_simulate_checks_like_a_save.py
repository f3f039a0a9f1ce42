"""`simulate` refuses what a save refuses, with the same messages, and lets each role simulate only what it may."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from assessment.common.errors import SimulationError
from assessment.models import ScoreEntry, UnitResult
from assessment.results.simulation import simulate
from tests.factories import CategoryFactory, IndicatorFactory, IndicatorPointsFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _errors(**kwargs) -> list:
    with pytest.raises(SimulationError) as caught:
        simulate(**kwargs)
    return caught.value.errors


def test_bad_entries_are_named_by_position_and_field(cycle, periods, scored_district, office_user, towns):
    grade = IndicatorFactory(cycle=cycle, code="G01", rule="grade")
    IndicatorPointsFactory(indicator=grade, category=towns, points=Decimal("5"))
    errors = _errors(
        cycle=cycle,
        user=office_user,
        entries=[
            {"period": "Q1", "unit": "T01", "indicator": "A01", "value": "12"},  # fine
            {"period": "Q9", "unit": "T01", "indicator": "A01", "value": "1"},
            {"period": "Q1", "unit": "X99", "indicator": "A01", "value": "1"},
            {"period": "Q1", "unit": "T01", "indicator": "ZZ", "value": "1"},
            {"period": "Q2", "unit": "T01", "indicator": "A01", "value": "十二"},
            {"period": "Q1", "unit": "T01", "indicator": "G01", "value": "E"},
            {"period": "Q3", "unit": "T01", "indicator": "A01", "value": "3", "note": "x"},
            {"period": "Y", "unit": "T01", "indicator": "A01"},
            {"period": "Q1", "unit": "T01", "indicator": "A01", "value": "11"},  # the same key again
        ],
    )
    by_index = {(i, f): m for i, f, m in errors}
    assert by_index[(1, "period")] == "考核期“Q9”不存在"
    assert by_index[(2, "unit")] == "单位“X99”不存在"
    assert by_index[(3, "indicator")] == "指标“ZZ”不存在"
    assert by_index[(4, "value")].startswith("指标 A01：") and "十二" in by_index[(4, "value")]
    assert by_index[(5, "value")].startswith("指标 G01：")
    assert by_index[(6, "note")] == "未知的字段“note”"
    assert by_index[(7, "value")] == "缺少该字段"
    assert by_index[(8, "indicator")] == "Q1/T01/A01 重复出现"
    assert 0 not in {i for i, _f, _m in errors}


def test_an_entry_a_save_could_not_make_is_refused_with_the_saves_message(
    cycle, periods, scored_district, office_user, direct_indicator
):
    direct_indicator.periods.set([periods["Y"]])
    other = UnitFactory(code="W01", category=CategoryFactory(code="QT"))
    errors = _errors(
        cycle=cycle,
        user=office_user,
        entries=[
            {"period": "Q2", "unit": "T01", "indicator": "A01", "value": "3"},
            {"period": "Y", "unit": other.code, "indicator": "A01", "value": "3"},
        ],
    )
    assert errors == [
        (0, "period", "指标 A01 不在考核期 Q2 计分"),
        (1, "indicator", "指标 A01 不适用于单位 W01 所在的考核类别"),
    ]


def test_bad_settings_are_named_by_their_key(cycle, periods, scored_district, office_user):
    errors = _errors(
        cycle=cycle,
        user=office_user,
        entries=[],
        settings={
            "excellent_quota": "1.5",
            "last_place_count": "1.5",
            "bonus_cap": "-1",
            "coefficients": {"特优": "2"},
            "period_weights": {"Q1": "0.5"},
            "weights": {},
        },
    )
    fields = {f: m for _i, f, m in errors}
    assert fields["excellent_quota"] == "优秀比例必须在 0 到 1 之间，收到 1.5"
    assert fields["last_place_count"] == "末位数必须是整数，收到 1.5"
    assert fields["bonus_cap"] == "加分上限不能为负数，收到 -1"
    assert "特优" in fields["coefficients"]
    assert fields["period_weights"] == "期间权重之和必须等于 1，现为 1.4000"
    assert fields["weights"].startswith("未知的设置项“weights”")
    assert all(i is None for i, _f, _m in errors)


def test_a_leader_simulates_only_their_own_units_entries_and_no_settings(
    cycle, periods, scored_district, leader_of_town_a
):
    mine = {"period": "Y", "unit": "T01", "indicator": "A01", "value": "20"}
    result = simulate(cycle=cycle, user=leader_of_town_a, entries=[mine])
    assert {r.unit.code for r in result.units} == {"T01", "T02"}  # the category's units, to rank against
    with pytest.raises(PermissionDenied):
        simulate(cycle=cycle, user=leader_of_town_a, entries=[{**mine, "unit": "T02"}])
    with pytest.raises(PermissionDenied):
        simulate(cycle=cycle, user=leader_of_town_a, entries=[mine], settings={"excellent_quota": "0.5"})


def test_a_leader_sees_no_simulation_before_scoring_starts(cycle, periods, scored_district, leader_of_town_a):
    cycle.status = "issued"
    cycle.save()
    with pytest.raises(PermissionDenied):
        simulate(cycle=cycle, user=leader_of_town_a, entries=[])


def test_a_simulation_writes_nothing(cycle, periods, scored_district, office_user):
    before = list(UnitResult.objects.values_list("unit_id", "score", "rank", "input_version"))
    entries = list(ScoreEntry.objects.values_list("id", "value", "version"))
    result = simulate(
        cycle=cycle,
        user=office_user,
        entries=[{"period": "Y", "unit": "T02", "indicator": "A01", "value": None}],
        settings={"excellent_quota": "0.5"},
    )
    assert {r.unit.code: r.rank for r in result.units}["T01"] == 1
    assert all(r.pk is None for r in (*result.units, *result.periods, *result.cadres))
    assert list(UnitResult.objects.values_list("unit_id", "score", "rank", "input_version")) == before
    assert list(ScoreEntry.objects.values_list("id", "value", "version")) == entries


def test_what_a_simulation_keeps_is_never_used_after_a_write(
    cycle, periods, scored_district, office_user, town_b, direct_indicator
):
    from assessment.recompute.service import cycle_recompute
    from tests.assessment.conftest import scores_write

    request = [{"period": "Y", "unit": "T01", "indicator": "A01", "value": "15"}]
    first = {r.unit.code: r.score for r in simulate(cycle=cycle, user=office_user, entries=request).units}
    scores_write(cycle, office_user, [(periods["Y"], town_b, direct_indicator, "2")])
    cycle_recompute(cycle_id=cycle.id)
    second = {r.unit.code: r.score for r in simulate(cycle=cycle, user=office_user, entries=request).units}
    assert second["T02"] == UnitResult.objects.get(cycle=cycle, unit=town_b).score != first["T02"]
    assert second["T01"] == first["T01"]
