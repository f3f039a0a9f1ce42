"""The one write path for scores: validation, history with who/why, locking, lost-update refusal."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from assessment.common.errors import CycleLockedError, EntryConflictError, ReasonRequiredError, RowErrors
from assessment.models import RecomputeState, ScoreEntry
from assessment.plan import plan_index
from assessment.scores.entries import EntryInput, entries_write, entry_write
from tests.factories import IndicatorFactory, IndicatorPointsFactory

pytestmark = pytest.mark.django_db


def test_office_user_creates_an_entry_with_history(cycle, periods, town_a, direct_indicator, office_user):
    entry = entry_write(
        cycle=cycle,
        period=periods["Q1"],
        unit=town_a,
        indicator=direct_indicator,
        raw="12.5",
        user=office_user,
        note="季度检查",
        reason="首次录入",
    )
    assert entry.value == Decimal("12.5")
    record = entry.history.get()
    assert record.history_type == "+"
    assert record.history_user == office_user
    assert record.history_change_reason == "首次录入"
    assert RecomputeState.objects.get(cycle=cycle).input_version == 1


def test_change_records_old_and_new_value(cycle, periods, town_a, direct_indicator, office_user):
    entry_write(cycle=cycle, period=periods["Q1"], unit=town_a, indicator=direct_indicator, raw="10", user=office_user)
    entry = entry_write(
        cycle=cycle,
        period=periods["Q1"],
        unit=town_a,
        indicator=direct_indicator,
        raw="8",
        user=office_user,
        reason="复核更正",
    )
    new, old = entry.history.order_by("-history_id")[:2]
    assert (old.value, new.value) == (Decimal("10"), Decimal("8"))
    assert new.history_change_reason == "复核更正"
    assert entry.version == 2


def test_blank_value_deletes_and_is_recorded(cycle, periods, town_a, direct_indicator, office_user):
    entry_write(cycle=cycle, period=periods["Q1"], unit=town_a, indicator=direct_indicator, raw="10", user=office_user)
    assert (
        entry_write(
            cycle=cycle,
            period=periods["Q1"],
            unit=town_a,
            indicator=direct_indicator,
            raw="",
            user=office_user,
            reason="录错单位",
        )
        is None
    )
    assert not ScoreEntry.objects.exists()
    deleted = ScoreEntry.history.filter(history_type="-").get()
    assert deleted.history_user == office_user and deleted.value == Decimal("10")


def test_same_value_twice_changes_nothing(cycle, periods, town_a, direct_indicator, office_user):
    entry_write(cycle=cycle, period=periods["Q1"], unit=town_a, indicator=direct_indicator, raw="10", user=office_user)
    summary = entries_write(
        cycle=cycle,
        user=office_user,
        inputs=[EntryInput(period=periods["Q1"], unit=town_a, indicator=direct_indicator, raw=Decimal("10.000"))],
    )
    assert summary.unchanged == 1 and summary.changed == 0
    assert ScoreEntry.history.count() == 1
    assert RecomputeState.objects.get(cycle=cycle).input_version == 1


def test_inapplicable_category_and_period_are_rejected(
    cycle, periods, town_a, dept_finance, direct_indicator, office_user
):
    year_end_only = IndicatorFactory(cycle=cycle, code="A02", rule="percent")
    IndicatorPointsFactory(indicator=year_end_only, category=town_a.category, points=Decimal("5"))
    year_end_only.periods.set([periods["Y"]])
    with pytest.raises(RowErrors) as caught:
        entries_write(
            cycle=cycle,
            user=office_user,
            inputs=[
                EntryInput(period=periods["Q1"], unit=dept_finance, indicator=direct_indicator, raw="1"),
                EntryInput(period=periods["Q1"], unit=town_a, indicator=year_end_only, raw="80"),
                EntryInput(period=periods["Y"], unit=town_a, indicator=year_end_only, raw="abc"),
            ],
        )
    messages = dict(caught.value.errors)
    assert "不适用" in messages[0]
    assert "不在考核期 Q1" in messages[1]
    assert "不是数字" in messages[2]
    assert not ScoreEntry.objects.exists()


@pytest.mark.parametrize("few", [50, 0], ids=["facts of the written indicators", "facts of the cycle"])
def test_a_group_indicator_and_another_cycles_indicator_are_rejected(
    cycle, periods, town_a, direct_indicator, office_user, few, monkeypatch
):
    # A few indicators' writes read the plan facts of those only, many the whole cycle's: same verdicts.
    monkeypatch.setattr(plan_index, "FEW_INDICATORS", few)
    group = IndicatorFactory(cycle=cycle, code="A", rule="")
    other_year = IndicatorFactory(code="B01", cycle__year=cycle.year - 1)
    IndicatorPointsFactory(indicator=other_year, category=town_a.category, points=Decimal("5"))
    with pytest.raises(RowErrors) as caught:
        entries_write(
            cycle=cycle,
            user=office_user,
            inputs=[
                EntryInput(period=periods["Q1"], unit=town_a, indicator=group, raw="1"),
                EntryInput(period=periods["Q1"], unit=town_a, indicator=other_year, raw="1"),
                EntryInput(period=periods["Q1"], unit=town_a, indicator=direct_indicator, raw="1"),
            ],
        )
    assert dict(caught.value.errors) == {0: "指标 A 不是末级指标，不能评分", 1: f"考核期或指标不属于 {cycle}"}
    assert not ScoreEntry.objects.exists()


def test_grade_letter_outside_the_map_is_rejected(cycle, periods, town_a, office_user):
    graded = IndicatorFactory(cycle=cycle, code="G01", rule="grade")
    IndicatorPointsFactory(indicator=graded, category=town_a.category, points=Decimal("8"))
    with pytest.raises(ValidationError):
        entry_write(cycle=cycle, period=periods["Y"], unit=town_a, indicator=graded, raw="E", user=office_user)
    entry = entry_write(cycle=cycle, period=periods["Y"], unit=town_a, indicator=graded, raw="b", user=office_user)
    assert entry.letter == "B" and entry.value is None


def test_final_cycle_refuses_every_write(cycle, periods, town_a, direct_indicator, office_user):
    cycle.status = "final"
    cycle.save()
    with pytest.raises(CycleLockedError):
        entry_write(
            cycle=cycle,
            period=periods["Q1"],
            unit=town_a,
            indicator=direct_indicator,
            raw="1",
            user=office_user,
            reason="x",
        )
    assert not ScoreEntry.objects.exists()


def test_publicity_requires_a_reason(cycle, periods, town_a, direct_indicator, office_user):
    cycle.status = "publicity"
    cycle.save()
    with pytest.raises(ReasonRequiredError):
        entry_write(
            cycle=cycle, period=periods["Q1"], unit=town_a, indicator=direct_indicator, raw="1", user=office_user
        )


def test_second_editor_with_a_stale_version_is_refused(
    cycle, periods, town_a, direct_indicator, office_user, finance_scorer
):
    first = entry_write(
        cycle=cycle, period=periods["Q1"], unit=town_a, indicator=direct_indicator, raw="10", user=office_user
    )
    loaded_version = first.version
    entry_write(
        cycle=cycle,
        period=periods["Q1"],
        unit=town_a,
        indicator=direct_indicator,
        raw="11",
        user=office_user,
        expected_version=loaded_version,
    )
    with pytest.raises(EntryConflictError) as caught:
        entry_write(
            cycle=cycle,
            period=periods["Q1"],
            unit=town_a,
            indicator=direct_indicator,
            raw="12",
            user=finance_scorer,
            expected_version=loaded_version,
        )
    assert "office" in caught.value.messages[0] and "11" in caught.value.messages[0]
    assert ScoreEntry.objects.get().value == Decimal("11")


def test_many_changes_in_one_transaction_compute_the_results_once(
    cycle, periods, town_a, town_b, direct_indicator, office_user, monkeypatch, django_capture_on_commit_callbacks
):
    from django.db import transaction

    from assessment.models import UnitResult
    from assessment.recompute import service as recompute

    runs = []
    real_compute = recompute.compute
    monkeypatch.setattr(recompute, "compute", lambda plan, **kw: runs.append(1) or real_compute(plan, **kw))
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for unit, raw in [(town_a, "3"), (town_b, "4"), (town_a, "5")]:
            entry_write(
                cycle=cycle, period=periods["Q1"], unit=unit, indicator=direct_indicator, raw=raw, user=office_user
            )
    assert len(runs) == 1
    state = RecomputeState.objects.get(cycle=cycle)
    assert state.input_version == state.computed_version == 3
    assert UnitResult.objects.get(unit=town_a).score == Decimal("25.00")  # 5 of 20 points in the only started period
