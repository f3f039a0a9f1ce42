"""bench.copy_in.rows_copy (the benchmark generator's COPY) stores what bulk_create would, defaults included."""

import pytest

from bench.copy_in import ids_reserve, rows_copy, without_triggers
from targets.models import Indicator
from tests.concurrency import require_postgresql
from tests.factories import CycleFactory

pytestmark = pytest.mark.django_db


def test_text_json_nulls_and_defaults_round_trip():
    require_postgresql()
    cycle = CycleFactory()
    awkward = "制表\t换行\n回车\r反斜杠\\N 结尾"
    params = {"map": {"A": 1.0, "B": "0.85"}, "note": "tab\there"}
    (iid,) = ids_reserve(Indicator, 1)
    with without_triggers():
        written = rows_copy(
            Indicator,
            ["id", "cycle_id", "code", "name", "rule", "params", "parent_id"],
            [(iid, cycle.id, "X-01", awkward, "grade", params, None)],
        )
    assert written == 1
    copied = Indicator.objects.get(pk=iid)
    reference = Indicator.objects.create(cycle=cycle, code="X-02", name=awkward, rule="grade", params=params)
    for field in Indicator._meta.concrete_fields:
        if field.attname in ("id", "code"):
            continue
        assert getattr(copied, field.attname) == getattr(reference, field.attname), field.attname
    assert copied.name == awkward and copied.params == params and copied.parent_id is None
    assert reference.pk > iid  # the reserved id came from the table's own sequence


def test_rows_are_written_in_chunks(monkeypatch):
    require_postgresql()
    import bench.copy_in

    monkeypatch.setattr(bench.copy_in, "CHUNK_ROWS", 2)
    cycle = CycleFactory()
    rows = [(cycle.id, f"C-{n}", f"指标{n}", None) for n in range(5)]
    assert rows_copy(Indicator, ["cycle_id", "code", "name", "lead_unit_id"], rows) == 5
    assert sorted(Indicator.objects.filter(cycle=cycle).values_list("code", flat=True)) == [f"C-{n}" for n in range(5)]
