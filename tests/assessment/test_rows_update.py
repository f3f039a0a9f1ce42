"""rows_update writes every instance's own values to its own row (PostgreSQL: UPDATE … FROM VALUES in batches;
SQLite: one UPDATE per row) and nothing else: the path a re-imported score workbook takes."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from assessment.common import rows_update as rows_update_module
from assessment.common.rows_update import rows_update
from assessment.models import ScoreEntry
from tests.factories import IndicatorFactory, UnitFactory

FIELDS = ["value", "letter", "note", "evidence", "entered_by", "entered_at", "version"]


@pytest.fixture
def entries(cycle, periods, towns, direct_indicator, office_user):
    units = [UnitFactory(code=f"U{n:02d}", category=towns) for n in range(5)]
    grade = IndicatorFactory(cycle=cycle, code="G01", rule="grade")
    rows = [
        ScoreEntry(cycle=cycle, period=periods["Q1"], unit=u, indicator=direct_indicator, value=Decimal("1"))
        for u in units
    ]
    rows += [ScoreEntry(cycle=cycle, period=periods["Q1"], unit=u, indicator=grade, letter="A") for u in units]
    return ScoreEntry.objects.bulk_create(rows)


def _stored(entry_ids):
    return {
        e.pk: (e.value, e.letter, e.note, e.evidence.name, e.entered_by_id, e.entered_at, e.version)
        for e in ScoreEntry.objects.filter(pk__in=entry_ids)
    }


@pytest.mark.django_db
@pytest.mark.parametrize("batch", [2000, 2])
def test_each_row_gets_its_own_values_and_the_others_stay(entries, office_user, monkeypatch, batch):
    monkeypatch.setattr(rows_update_module, "BATCH", batch)
    untouched = entries[0]
    before = _stored([untouched.pk])
    when = datetime(2025, 3, 31, 8, 30, tzinfo=UTC)
    changed = entries[1:]
    for n, e in enumerate(changed):
        if e.letter:  # a grade entry: value stays NULL in every row of this kind, letter changes
            e.letter = "BC"[n % 2]
        else:
            e.value = Decimal(f"{n}.{n:04d}") * (-1 if n % 2 else 1)
        e.note = f"第{n}行 备注 'quoted' \"double\""
        e.evidence.name = f"evidence/{n}.pdf" if n % 3 == 0 else ""
        e.entered_by = office_user if n % 2 else None
        e.entered_at = when.replace(minute=n)
        e.version = 7 + n

    assert rows_update(model=ScoreEntry, instances=changed, fields=FIELDS) == len(changed)

    stored = _stored([e.pk for e in entries])
    for e in changed:
        assert stored[e.pk] == (e.value, e.letter, e.note, e.evidence.name, e.entered_by_id, e.entered_at, e.version)
    assert stored[untouched.pk] == before[untouched.pk]


@pytest.mark.django_db
def test_a_batch_of_only_nulls_is_written(entries):
    grades = [e for e in entries if e.letter]
    for e in grades:
        e.value = None
        e.letter = ""
    rows_update(model=ScoreEntry, instances=grades, fields=["value", "letter"])
    assert set(ScoreEntry.objects.filter(pk__in=[e.pk for e in grades]).values_list("value", "letter")) == {(None, "")}


def test_nothing_to_update_sends_nothing():
    assert rows_update(model=ScoreEntry, instances=[], fields=FIELDS) == 0
