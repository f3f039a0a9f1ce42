"""Engine results → result rows, written inside the caller's transaction.

A city has ~40,000 result rows; rewriting them all costs far more than computing them (every inserted row fires
three or four foreign-key checks and touches four indexes). Yet one changed score moves a handful of rows. So
each table is compared by its natural key with what is stored: rows that changed or vanished are deleted, new
and changed rows are inserted (stamped with the input version and time of this recompute), and rows that did
not change are left alone, stamp included. The outcome has exactly the values that deleting everything and
inserting the new rows would leave; a row's stamp says which recompute last changed it, while
`RecomputeState.computed_version` is the version of the whole result set. ``restamp`` (a forced recompute)
stamps every row as well.

A scope of some categories compares and replaces only those categories' unit, period and cadre rows; the other
categories and the decomposition rows stay as they are. A scope of some periods replaces of those categories'
period rows only the rows of those periods.

Rows are plain tuples, copied in with one COPY per table on PostgreSQL and inserted with multi-row INSERT
statements elsewhere: Django's bulk_create spends most of its time preparing every field of every instance, while
the engine's values are already what the database takes (Decimal, bool, int, str). The timestamp is adapted once
and JSON is dumped per row.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import datetime

from django.db import connection

from assessment.models import CadreResult, DecompositionResult, UnitPeriodResult, UnitResult
from assessment.recompute.load import LoadedPlan
from assessment.recompute.scope import EVERYTHING, Scope
from assessment.scoring import Results

# Rows per INSERT and ids per DELETE; SQLite's limit on parameters makes its statements smaller.
BATCH_ROWS = 5000
RESULT_MODELS = (UnitResult, UnitPeriodResult, CadreResult, DecompositionResult)
_STAMP = ("cycle", "input_version", "computed_at")
# Per table: the natural key within a cycle, then the computed values (all compared to decide what changed).
_KEYS = {UnitResult: 1, UnitPeriodResult: 2, CadreResult: 1, DecompositionResult: 1}
_COLUMNS = {
    UnitResult: ("unit", "category", "score", "rank", "grade", "colour", "last_place", "vetoed", "coefficient",
                 "bonus_money", "outcomes"),
    UnitPeriodResult: ("period", "unit", "category", "base", "bonus", "deduction", "total", "full_marks", "rate",
                       "rank", "vetoed", "points"),
    CadreResult: ("cadre", "unit", "team_member", "target_completion", "evaluation", "score", "rank", "grade",
                  "recall"),
    DecompositionResult: ("target", "indicator", "value", "children_sum", "rate"),
}


@dataclass
class ResultRows:
    """The rows of one result table, as tuples in the order of ``_COLUMNS[model]`` (no stamp)."""

    model: type
    rows: list[tuple]


@dataclass
class WriteCounts:
    """How many rows of the tables written were kept (unchanged), deleted and inserted."""

    kept: int = 0
    deleted: int = 0
    inserted: int = 0


def results_rows_build(*, loaded: LoadedPlan, results: Results) -> list[ResultRows]:
    """Every result row of the cycle, ids mapped back from the engine's codes."""
    unit_ids, unit_cats = loaded.unit_ids, loaded.unit_category_ids
    period_ids, indicator_ids, cadre_ids = loaded.period_ids, loaded.indicator_ids, loaded.cadre_ids
    units = [
        (unit_ids[r.unit], unit_cats[r.unit], r.score, r.rank, r.grade, r.colour, r.last_place, r.vetoed,
         r.coefficient, r.bonus_money, list(r.outcomes))
        for r in results.unit_results
    ]
    periods = [
        (period_ids[r.period], unit_ids[r.unit], unit_cats[r.unit], r.base, r.bonus, r.deduction, r.total,
         r.full_marks, r.rate, r.rank, r.vetoed,
         # Decimal strings, as DjangoJSONEncoder stores them (str of a Decimal with at most 4 places never has
         # an exponent); map/zip keeps the 288,000 conversions of a city in C.
         dict(zip(r.points, map(str, r.points.values()), strict=True)))
        for r in results.period_results
    ]
    cadres = [
        (cadre_ids[r.cadre], unit_ids[r.unit], r.team_member, r.target_completion, r.evaluation, r.score, r.rank,
         r.grade, r.recall)
        for r in results.cadre_results
    ]
    decomposition = [
        (r.target_id, indicator_ids[r.indicator], r.value, r.children_sum, r.rate)
        for r in results.decomposition
        if isinstance(r.target_id, int)  # cadre-target nodes are leaves of the tree, never rows here
    ]
    return [
        ResultRows(UnitResult, units),
        ResultRows(UnitPeriodResult, periods),
        ResultRows(CadreResult, cadres),
        ResultRows(DecompositionResult, decomposition),
    ]


def _attnames(model: type) -> list[str]:
    return [model._meta.get_field(name).attname for name in _COLUMNS[model]]


def _chunk_size(columns: int) -> int:
    limit = connection.features.max_query_params
    return max(1, min(BATCH_ROWS, limit // columns)) if limit else BATCH_ROWS


def _insert(model: type, rows: list[tuple], stamp: tuple) -> None:
    fields = [model._meta.get_field(name) for name in (*_STAMP, *_COLUMNS[model])]
    is_json = [f.get_internal_type() == "JSONField" for f in fields]
    json_at = [n - len(_STAMP) for n, j in enumerate(is_json) if j]
    if json_at:
        rows = [_json_dumped(row, json_at) for row in rows]
    if connection.vendor == "postgresql":
        _copy(model, fields, rows, stamp)
        return
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    head = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES "
    per_statement = _chunk_size(len(fields))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            params = []
            for row in batch:
                params.extend(stamp)
                params.extend(row)
            cursor.execute(head + ", ".join([one] * len(batch)), params)


def _json_dumped(row: tuple, json_at: list[int]) -> list:
    row = list(row)
    for n in json_at:
        row[n] = json.dumps(row[n])
    return row


def _copy(model: type, fields: list, rows: list, stamp: tuple) -> None:
    """PostgreSQL: every row in one COPY (CSV), a third faster than multi-row INSERTs for a cycle's first 41,000
    rows. An unquoted empty field is NULL, except in the text columns (FORCE_NOT_NULL: none of them is nullable),
    where it is the empty string; numbers, booleans, timestamps and JSON go as PostgreSQL reads them."""
    buffer = io.StringIO()
    write = csv.writer(buffer).writerow
    stamp = list(stamp)
    for row in rows:
        write([*stamp, *row])
    buffer.seek(0)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    texts = ", ".join(quote(f.column) for f in fields if f.get_internal_type() in ("CharField", "TextField"))
    options = f"FORMAT csv, FORCE_NOT_NULL ({texts})" if texts else "FORMAT csv"
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN WITH ({options})", buffer)


def _stored(model: type, *, cycle_id: int, scope: Scope):
    stored = model.objects.filter(cycle_id=cycle_id).order_by()
    if not scope.is_everything:
        # Cadre rows carry their unit, not its category.
        lookup = "unit__category_id__in" if model is CadreResult else "category_id__in"
        stored = stored.filter(**{lookup: list(scope.category_ids)})
    if scope.is_some_periods and model is UnitPeriodResult:
        stored = stored.filter(period_id__in=list(scope.period_ids))
    return stored


def _table_write(model: type, rows: list[tuple], *, cycle_id: int, scope: Scope, input_version: int,
                 computed_at: datetime, restamp: bool, counts: WriteCounts) -> None:
    key_len = _KEYS[model]
    stored_rows = _stored(model, cycle_id=cycle_id, scope=scope)
    stored = {row[1 : 1 + key_len]: (row[0], row[1:]) for row in stored_rows.values_list("id", *_attnames(model))}
    fresh: list[tuple] = []
    stale: list[int] = []
    for row in rows:
        old = stored.pop(row[:key_len], None)
        if old is not None and old[1] == row:
            counts.kept += 1
            continue
        if old is not None:
            stale.append(old[0])  # changed: deleted, then inserted with its new values
        fresh.append(row)
    stale.extend(pk for pk, _values in stored.values())  # no longer in the results
    step = _chunk_size(1)
    for start in range(0, len(stale), step):
        model.objects.filter(pk__in=stale[start : start + step]).delete()
    if restamp:  # before the inserts: they carry the stamp already
        stored_rows.update(input_version=input_version, computed_at=computed_at)
    if fresh:
        stamp = (cycle_id, input_version, connection.ops.adapt_datetimefield_value(computed_at))
        _insert(model, fresh, stamp)
    counts.deleted += len(stale)
    counts.inserted += len(fresh)


def results_replace(*, cycle_id: int, rows: list[ResultRows], input_version: int, computed_at: datetime,
                    scope: Scope = EVERYTHING, restamp: bool = False) -> WriteCounts:
    """Make the cycle's stored results of ``scope`` equal ``rows``; changed and new rows are stamped, and every row
    when ``restamp``. Runs inside the caller's transaction."""
    counts = WriteCounts()
    for table in rows:
        if not scope.is_everything and table.model is DecompositionResult:
            continue  # depends on targets only, which a category-scoped recompute never follows
        _table_write(table.model, table.rows, cycle_id=cycle_id, scope=scope, input_version=input_version,
                     computed_at=computed_at, restamp=restamp, counts=counts)
    return counts
