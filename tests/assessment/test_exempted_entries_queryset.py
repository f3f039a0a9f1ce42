"""One rule decides whether an entry is exempted (容错): a reason and a date on record. The queryset methods
`exempted()`, `counted()` and `with_exempted()` agree with `ScoreEntry.is_exempted` on every combination."""

import datetime

import pytest

from assessment.models import ScoreEntry
from tests.factories import IndicatorFactory, ScoreEntryFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 6, 30)


@pytest.fixture
def entries(cycle, periods, town_a):
    """Four entries of 甲镇's deduction leaf: reason and date, reason only, date only, neither."""
    leaf = IndicatorFactory(cycle=cycle, code="K01", name="安全生产", rule="deduction", params={"per_event": "1"})
    made = {}
    for period, (reason, date) in zip(
        ("Q1", "Q2", "Q3", "Y"), [("汛期抢险", DAY), ("汛期抢险", None), ("", DAY), ("", None)], strict=True
    ):
        made[period] = ScoreEntryFactory(
            cycle=cycle,
            period=periods[period],
            unit=town_a,
            indicator=leaf,
            value=1,
            exemption_reason=reason,
            exemption_date=date,
        )
    return made


def test_only_an_entry_with_both_reason_and_date_is_exempted(entries):
    assert [code for code, e in entries.items() if e.is_exempted] == ["Q1"]
    assert list(ScoreEntry.objects.exempted().values_list("period__code", flat=True)) == ["Q1"]


def test_counted_entries_are_all_the_others(entries):
    assert sorted(ScoreEntry.objects.counted().values_list("period__code", flat=True)) == ["Q2", "Q3", "Y"]


def test_the_annotation_agrees_with_the_model(entries):
    annotated = dict(ScoreEntry.objects.with_exempted().values_list("id", "exempted"))

    assert annotated == {e.id: e.is_exempted for e in entries.values()}
