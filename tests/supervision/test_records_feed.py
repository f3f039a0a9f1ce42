"""SUPERVISION.md §4: records feed `from_records` indicators through the one score-write service."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from assessment.models import ScoreEntry, UnitPeriodResult, UnitResult
from assessment.recompute.load import started_periods_load
from assessment.recompute.service import cycle_recompute
from assessment.scores.entries import entry_write
from assessment.scoring.rules import validate_params
from assessment.supervision.models import RecordStatus
from assessment.supervision.services import (
    record_confirm,
    record_delete,
    record_dismiss,
    record_enter,
    record_exempt,
    record_exemption_revoke,
    record_propose,
    record_update,
)
from tests.assessment.conftest import scores_write

pytestmark = pytest.mark.django_db
D = datetime.date


def _entries(indicator):
    return {
        (e.period.code, e.unit.code): e.value
        for e in ScoreEntry.objects.filter(indicator=indicator).select_related("period", "unit")
    }


def _yellow(cycle, office_user, unit, date, **kw):
    return record_enter(cycle=cycle, user=office_user, unit=unit, kind="黄", date=date, reason="督查通报", **kw)


def test_params_accept_from_records_of_the_right_kind_only():
    assert validate_params("deduction", {"per_event": "0.5", "from_records": "黄"})["from_records"] == "黄"
    assert validate_params("bonus", {"from_records": "红"})["from_records"] == "红"
    assert validate_params("veto", {"from_records": "黑"})["from_records"] == "黑"
    with pytest.raises(ValueError, match="from_records"):
        validate_params("deduction", {"per_event": "1", "from_records": "红"})
    with pytest.raises(ValueError, match="from_records"):
        validate_params("bonus", {"from_records": "黄"})


def test_confirmed_record_writes_the_count_in_the_period_of_its_date(
    cycle, periods, town_a, town_b, yellow_deduction, office_user
):
    first = _yellow(cycle, office_user, town_a, D(2025, 2, 3))
    _yellow(cycle, office_user, town_a, D(2025, 3, 31))
    _yellow(cycle, office_user, town_b, D(2025, 11, 1))
    assert _entries(yellow_deduction) == {("Q1", "T01"): Decimal("2"), ("Y", "T02"): Decimal("1")}
    entry = ScoreEntry.objects.get(indicator=yellow_deduction, unit=town_a)
    reasons = list(entry.history.order_by("history_id").values_list("history_change_reason", "history_type"))
    assert reasons == [(f"红黄黑档案 #{first.pk}", "+"), (f"红黄黑档案 #{first.pk + 1}", "~")]
    assert entry.history.first().history_user == office_user


def test_proposed_counts_only_once_confirmed_and_dismissed_never(
    cycle, periods, town_a, item_a, yellow_deduction, office_user
):
    milestone = item_a.milestones.get(number=1)
    record = record_propose(milestone=milestone, day=D(2025, 7, 1))
    assert record.status == RecordStatus.PROPOSED and _entries(yellow_deduction) == {}
    record_confirm(record=record, user=office_user)
    assert _entries(yellow_deduction) == {("Q3", "T01"): Decimal("1")}
    other = record_propose(milestone=item_a.milestones.get(number=2), day=D(2026, 1, 1))
    record_dismiss(record=other, user=office_user, reason="已按期完成，逾期系误报")
    assert _entries(yellow_deduction) == {("Q3", "T01"): Decimal("1")}
    with pytest.raises(ValidationError):
        record_dismiss(record=record, user=office_user, reason="已确认的不能撤销")


def test_exempt_revoke_change_and_delete_follow_into_the_entry(
    cycle, periods, town_a, town_b, yellow_deduction, office_user
):
    record = _yellow(cycle, office_user, town_a, D(2025, 5, 6))
    record_exempt(record=record, user=office_user, reason="客观原因", approver="区委", doc_no="容〔2025〕1号")
    assert _entries(yellow_deduction) == {}
    record_exemption_revoke(record=record, user=office_user, reason="认定撤回")
    assert _entries(yellow_deduction) == {("Q2", "T01"): Decimal("1")}
    record_update(record=record, user=office_user, why="单位录错", unit=town_b, date=D(2025, 10, 8))
    assert _entries(yellow_deduction) == {("Y", "T02"): Decimal("1")}
    record_delete(record=record, user=office_user, reason="重复录入")
    assert _entries(yellow_deduction) == {}


def test_red_bonus_sums_points_and_defaults_to_one(cycle, periods, town_a, red_bonus, office_user):
    record_enter(cycle=cycle, user=office_user, unit=town_a, kind="红", date=D(2025, 4, 2), reason="亮点", points="1.5")
    record_enter(cycle=cycle, user=office_user, unit=town_a, kind="红", date=D(2025, 5, 2), reason="表彰")
    assert _entries(red_bonus) == {("Q2", "T01"): Decimal("2.5")}


def test_hand_entry_and_import_of_a_fed_indicator_are_refused(cycle, periods, town_a, yellow_deduction, office_user):
    with pytest.raises(ValidationError, match="该指标由红黄黑档案自动计分"):
        entry_write(
            cycle=cycle, period=periods["Q1"], unit=town_a, indicator=yellow_deduction, raw="1", user=office_user
        )
    assert not ScoreEntry.objects.exists()


def test_period_date_ranges_set_on_the_period_are_used(cycle, periods, town_a, yellow_deduction, office_user):
    periods["Y"].start_date, periods["Y"].end_date = D(2025, 1, 1), D(2025, 12, 31)
    periods["Y"].save()
    periods["Q1"].start_date, periods["Q1"].end_date = D(2024, 12, 1), D(2024, 12, 31)
    periods["Q1"].save()
    _yellow(cycle, office_user, town_a, D(2025, 2, 3))
    assert _entries(yellow_deduction) == {("Y", "T01"): Decimal("1")}


def test_fed_indicator_in_a_period_without_range_refuses_the_record(cycle, town_a, yellow_deduction, office_user):
    from tests.factories import PeriodFactory

    PeriodFactory(cycle=cycle, code="H1", weight=Decimal(1), order=1)
    with pytest.raises(ValidationError, match="没有期间日期"):
        _yellow(cycle, office_user, town_a, D(2025, 2, 3))
    assert not cycle.supervision_records.exists()


def test_final_cycle_refuses_record_changes(cycle, periods, town_a, yellow_deduction, office_user):
    cycle.status = "final"
    cycle.save()
    with pytest.raises(ValidationError, match="已审定"):
        _yellow(cycle, office_user, town_a, D(2025, 2, 3))


def test_derived_entries_never_start_a_period(cycle, periods, town_a, yellow_deduction, direct_indicator, office_user):
    scores_write(cycle, office_user, [(periods["Y"], town_a, direct_indicator, "15")])
    _yellow(cycle, office_user, town_a, D(2025, 5, 6))  # Q2: only a derived entry
    assert started_periods_load(cycle_id=cycle.id) == {"Y"}
    cycle_recompute(cycle_id=cycle.id)
    assert set(UnitPeriodResult.objects.filter(cycle=cycle).values_list("period__code", flat=True)) == {"Y"}


def test_confirmed_record_changes_deduction_and_ranking_after_recompute(
    cycle, periods, town_a, town_b, item_a, yellow_deduction, direct_indicator, office_user
):
    scores_write(
        cycle,
        office_user,
        [(periods["Y"], town_a, direct_indicator, "15"), (periods["Y"], town_b, direct_indicator, "14")],
    )
    cycle_recompute(cycle_id=cycle.id)
    before = {r.unit.code: r for r in UnitResult.objects.filter(cycle=cycle).select_related("unit")}
    assert before["T01"].rank == 1 and before["T02"].rank == 2
    record = record_propose(milestone=item_a.milestones.get(number=2), day=D(2026, 1, 1))
    record_update(record=record, user=office_user, why="节点逾期通报日期", date=D(2025, 12, 1))
    cycle_recompute(cycle_id=cycle.id)
    assert UnitResult.objects.get(cycle=cycle, unit=town_a).rank == 1  # proposed: counts for nothing
    record_confirm(record=record, user=office_user)
    cycle_recompute(cycle_id=cycle.id)
    after = {r.unit.code: r for r in UnitResult.objects.filter(cycle=cycle).select_related("unit")}
    year_end = UnitPeriodResult.objects.get(cycle=cycle, unit=town_a, period=periods["Y"])
    assert year_end.deduction == Decimal("2.00")  # one counted 黄 record × 2 points per event, dated in Y
    assert after["T01"].score < before["T01"].score
    assert after["T01"].rank == 2 and after["T02"].rank == 1
