"""Engine results → result rows: the cycle's old rows are deleted and the new ones inserted in bulk.

The caller holds the transaction. Rows are built as plain tuples (codes mapped back to ids through the loader's
dicts) and inserted with multi-row INSERT statements: a city has ~40,000 result rows, and Django's bulk_create
spends most of its time preparing every field of every instance (≈10 s here), while the values the engine
returns are already what the database driver takes (Decimal, bool, int, str). The only conversions are done
once per column: the timestamp through the backend's own adapter, and the points dict to JSON text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from django.db import connection

from assessment.engine import Results
from assessment.models import CadreResult, DecompositionResult, UnitPeriodResult, UnitResult

from .recompute_load import LoadedPlan

# Rows per INSERT on PostgreSQL; SQLite's limit on parameters makes its statements smaller.
BATCH_ROWS = 5000
RESULT_MODELS = (UnitResult, UnitPeriodResult, CadreResult, DecompositionResult)
_STAMP = ("cycle", "input_version", "computed_at")
_COLUMNS = {
    UnitResult: (*_STAMP, "unit", "category", "score", "rank", "grade", "colour", "last_place", "vetoed",
                 "coefficient", "bonus_money", "outcomes"),
    UnitPeriodResult: (*_STAMP, "period", "unit", "category", "base", "bonus", "deduction", "total", "full_marks",
                       "rate", "rank", "vetoed", "points"),
    CadreResult: (*_STAMP, "cadre", "unit", "team_member", "target_completion", "evaluation", "score", "rank",
                  "grade", "recall"),
    DecompositionResult: (*_STAMP, "target", "indicator", "value", "children_sum", "rate"),
}


@dataclass
class ResultRows:
    """The rows of one result table, as tuples in the order of ``_COLUMNS[model]``."""

    model: type
    rows: list[tuple]


def _points_json(points: dict) -> str:
    # Decimal strings, as DjangoJSONEncoder would write them, without a Python callback per value.
    return json.dumps({code: format(value, "f") for code, value in points.items()})


def results_rows_build(*, cycle_id: int, loaded: LoadedPlan, results: Results, input_version: int,
                       computed_at: datetime) -> list[ResultRows]:
    """Every result row of the cycle, each stamped with the input version and computation time."""
    stamp = (cycle_id, input_version, connection.ops.adapt_datetimefield_value(computed_at))
    unit_ids, unit_cats = loaded.unit_ids, loaded.unit_category_ids
    period_ids, indicator_ids, cadre_ids = loaded.period_ids, loaded.indicator_ids, loaded.cadre_ids
    units = [
        (*stamp, unit_ids[r.unit], unit_cats[r.unit], r.score, r.rank, r.grade, r.colour, r.last_place, r.vetoed,
         r.coefficient, r.bonus_money, json.dumps(list(r.outcomes)))
        for r in results.unit_results
    ]
    periods = [
        (*stamp, period_ids[r.period], unit_ids[r.unit], unit_cats[r.unit], r.base, r.bonus, r.deduction, r.total,
         r.full_marks, r.rate, r.rank, r.vetoed, _points_json(r.points))
        for r in results.period_results
    ]
    cadres = [
        (*stamp, cadre_ids[r.cadre], unit_ids[r.unit], r.team_member, r.target_completion, r.evaluation, r.score,
         r.rank, r.grade, r.recall)
        for r in results.cadre_results
    ]
    decomposition = [
        (*stamp, r.target_id, indicator_ids[r.indicator], r.value, r.children_sum, r.rate)
        for r in results.decomposition
        if isinstance(r.target_id, int)  # cadre-target nodes are leaves of the tree, never rows here
    ]
    return [
        ResultRows(UnitResult, units),
        ResultRows(UnitPeriodResult, periods),
        ResultRows(CadreResult, cadres),
        ResultRows(DecompositionResult, decomposition),
    ]


def _insert(model: type, rows: list[tuple]) -> None:
    names = _COLUMNS[model]
    fields = [model._meta.get_field(name) for name in names]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    # JSON arrives as text; PostgreSQL needs to be told it is jsonb.
    one = "(" + ", ".join(
        "%s::jsonb" if f.get_internal_type() == "JSONField" and connection.vendor == "postgresql" else "%s"
        for f in fields
    ) + ")"
    per_statement = BATCH_ROWS
    if connection.features.max_query_params:
        per_statement = max(1, min(per_statement, connection.features.max_query_params // len(fields)))
    sql_head = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES "
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            cursor.execute(sql_head + ", ".join([one] * len(batch)), [value for row in batch for value in row])


def results_replace(*, cycle_id: int, rows: list[ResultRows]) -> None:
    """Delete the cycle's result rows and insert ``rows``. Must run inside the caller's transaction."""
    for model in RESULT_MODELS:
        # No signals or cascades hang off result rows, so this is one DELETE per table.
        model.objects.filter(cycle_id=cycle_id).delete()
    for table in rows:
        if table.rows:
            _insert(table.model, table.rows)
