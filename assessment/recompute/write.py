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

A table's columns are the fields of the engine's result type it is written from (scoring/types.py), named as the
model names them; codes become ids through the loaded plan's maps. A new result field is a new model field of the
same name (and its migration), nothing here.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, get_args, get_origin, get_type_hints

from django.db import connection
from django.db.models.base import ModelState

from assessment.models import CadreResult, DecompositionResult, UnitPeriodResult, UnitResult
from assessment.recompute.load import LoadedPlan
from assessment.recompute.scope import EVERYTHING, Scope
from assessment.scoring import Results

# One of UnitResult, UnitPeriodResult, CadreResult, DecompositionResult (their managers and fields differ, which a
# union of the four types cannot express to the checker).
ResultModel = type[Any]

# Rows per INSERT and ids per DELETE; SQLite's limit on parameters makes its statements smaller.
BATCH_ROWS = 5000
_STAMP = ("cycle", "input_version", "computed_at")


@dataclass(frozen=True)
class _Table:
    """A result table, written from one tuple of the engine's `Results`: its columns are the fields of that
    tuple's element type (a dataclass of scoring/types.py), the natural key within a cycle first."""

    model: ResultModel
    results: str  # the attribute of `Results` holding this table's rows
    key: tuple[str, ...]


_TABLES = (
    _Table(UnitResult, "unit_results", key=("unit",)),
    _Table(UnitPeriodResult, "period_results", key=("period", "unit")),
    _Table(CadreResult, "cadre_results", key=("cadre",)),
    _Table(DecompositionResult, "decomposition", key=("target",)),
)
RESULT_MODELS = tuple(t.model for t in _TABLES)
# Model field names where the engine's differ: the engine holds the target's id itself.
_RENAMED = {"target_id": "target"}
# Codes the engine uses for a foreign key, turned into ids through LoadedPlan's maps. A row's category is the
# category of its unit.
_ID_MAPS = {
    "unit": ("unit", "unit_ids"),
    "category": ("unit", "unit_category_ids"),
    "period": ("period", "period_ids"),
    "indicator": ("indicator", "indicator_ids"),
    "cadre": ("cadre", "cadre_ids"),
}


def _engine_fields(table: _Table) -> dict[str, tuple[str, object]]:
    """Model column -> (engine field, its type hint): the natural key first, then the category (which a
    category-scoped recompute selects by) when the table has one, then the engine type's other fields in order."""
    element = get_args(get_type_hints(Results)[table.results])[0]
    hints = get_type_hints(element)
    by_column = {_RENAMED.get(f.name, f.name): (f.name, hints[f.name]) for f in dataclasses.fields(element)}
    lead = (*table.key, *(["category"] if "category" in by_column else []))
    return {name: by_column[name] for name in (*lead, *(c for c in by_column if c not in lead))}


_ENGINE_FIELDS = {t.model: _engine_fields(t) for t in _TABLES}
# Per table: the natural key within a cycle, then the computed values (all compared to decide what changed).
_KEYS = {t.model: len(t.key) for t in _TABLES}
_COLUMNS = {model: tuple(fields) for model, fields in _ENGINE_FIELDS.items()}


def _decimal_strings(points: dict) -> dict:
    # Decimal strings, as DjangoJSONEncoder stores them (str of a Decimal with at most 4 places never has an
    # exponent); map/zip keeps the 288,000 conversions of a city in C.
    return dict(zip(points, map(str, points.values()), strict=True))


def _rows_function(model: ResultModel) -> tuple[Callable[..., list[tuple]], tuple[str, ...]]:
    """The function turning the engine's results into ``model``'s rows, and the LoadedPlan maps it takes after
    them: ``lambda items, m0: [(m0[r.unit], r.score, …) for r in items]``.

    Written out once per table from the derived columns, as `dataclasses` writes ``__init__``: at a city's 41,000
    rows a comprehension reading the slots directly takes half the time of ``attrgetter``/``map``.
    """
    namespace: dict[str, object] = {}
    maps: list[str] = []
    cells = []
    for column, (name, hint) in _ENGINE_FIELDS[model].items():
        if not name.isidentifier():
            raise ValueError(f"not a field name: {name!r}")
        if column in _ID_MAPS:  # a code, turned into the id
            source, ids = _ID_MAPS[column]
            cells.append(f"m{len(maps)}[r.{source}]")
            maps.append(ids)
        elif get_origin(hint) is tuple:  # a JSON list, compared with the stored one as a list
            cells.append(f"list(r.{name})")
        elif get_origin(hint) is dict:
            namespace["decimal_strings"] = _decimal_strings
            cells.append(f"decimal_strings(r.{name})")
        else:
            cells.append(f"r.{name}")
    arguments = "".join(f", m{n}" for n in range(len(maps)))
    return eval(f"lambda items{arguments}: [({', '.join(cells)},) for r in items]", namespace), tuple(maps)


_ROWS_FUNCTIONS = {t.model: _rows_function(t.model) for t in _TABLES}


@dataclass
class ResultRows:
    """The rows of one result table, as tuples in the order of ``_COLUMNS[model]`` (no stamp)."""

    model: ResultModel
    rows: list[tuple]


@dataclass
class WriteCounts:
    """How many rows of the tables written were kept (unchanged), deleted and inserted."""

    kept: int = 0
    deleted: int = 0
    inserted: int = 0


def results_rows_build(*, loaded: LoadedPlan, results: Results) -> list[ResultRows]:
    """Every result row of the cycle, ids mapped back from the engine's codes."""
    tables = []
    for table in _TABLES:
        items = getattr(results, table.results)
        if table.model is DecompositionResult:  # cadre-target nodes are leaves of the tree, never rows here
            items = [r for r in items if isinstance(r.target_id, int)]
        rows, maps = _ROWS_FUNCTIONS[table.model]
        tables.append(ResultRows(table.model, rows(items, *(getattr(loaded, m) for m in maps))))
    return tables


def result_instances(table: ResultRows, *, cycle_id: int, input_version: int, computed_at: datetime) -> list:
    """``table``'s rows as unsaved model instances holding exactly what a write would store and a read give back:
    foreign keys as ids, decimals at the field's places (as the database rounds them), JSON as written.

    Built as `Model.from_db` builds a read row (the attributes set directly, no per-field descriptor work): a
    city category's 2,750 rows through ``Model(**values)`` take longer than scoring them."""
    model = table.model
    fields = [model._meta.get_field(name) for name in _COLUMNS[model]]
    names = [f.attname for f in fields]
    steps = [Decimal(1).scaleb(-f.decimal_places) if f.get_internal_type() == "DecimalField" else None for f in fields]
    decimals = [(n, step) for n, step in enumerate(steps) if step is not None]
    stamp = {"id": None, "cycle_id": cycle_id, "input_version": input_version, "computed_at": computed_at}
    instances = []
    for row in table.rows:
        values = list(row)
        for n, step in decimals:
            if values[n] is not None:
                values[n] = Decimal(values[n]).quantize(step)
        instances.append(unsaved_instance(model, {**stamp, **dict(zip(names, values, strict=True))}))
    return instances


def unsaved_instance(model: ResultModel, values: dict):
    """A ``model`` instance of ``values`` (every concrete field's attname), never saved, built without
    ``__init__``: the instance a read would give, but not from the database."""
    instance = object.__new__(model)
    instance._state = ModelState()
    instance.__dict__.update(values)
    return instance


def _attnames(model: ResultModel) -> list[str]:
    return [model._meta.get_field(name).attname for name in _COLUMNS[model]]


def _chunk_size(columns: int) -> int:
    limit = connection.features.max_query_params
    return max(1, min(BATCH_ROWS, limit // columns)) if limit else BATCH_ROWS


def _insert(model: ResultModel, rows: list, stamp: tuple) -> None:
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
            params: list = []
            for row in batch:
                params.extend(stamp)
                params.extend(row)
            cursor.execute(head + ", ".join([one] * len(batch)), params)


def _json_dumped(row: tuple, json_at: list[int]) -> list:
    dumped = list(row)
    for n in json_at:
        dumped[n] = json.dumps(dumped[n])
    return dumped


def _copy(model: ResultModel, fields: list, rows: list, stamp: tuple) -> None:
    """PostgreSQL: every row in one COPY (CSV), a third faster than multi-row INSERTs for a cycle's first 41,000
    rows. An unquoted empty field is NULL, except in the text columns (FORCE_NOT_NULL: none of them is nullable),
    where it is the empty string; numbers, booleans, timestamps and JSON go as PostgreSQL reads them."""
    buffer = io.StringIO()
    write = csv.writer(buffer).writerow
    for row in rows:
        write([*stamp, *row])
    buffer.seek(0)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in fields)
    texts = ", ".join(quote(f.column) for f in fields if f.get_internal_type() in ("CharField", "TextField"))
    options = f"FORMAT csv, FORCE_NOT_NULL ({texts})" if texts else "FORMAT csv"
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN WITH ({options})", buffer)


def _stored(model: ResultModel, *, cycle_id: int, scope: Scope):
    stored = model.objects.filter(cycle_id=cycle_id).order_by()
    if not scope.is_everything:
        # Cadre rows carry their unit, not its category.
        lookup = "unit__category_id__in" if model is CadreResult else "category_id__in"
        stored = stored.filter(**{lookup: list(scope.categories)})
    if scope.is_some_periods and model is UnitPeriodResult:
        stored = stored.filter(period_id__in=list(scope.periods))
    return stored


def _table_write(
    model: ResultModel,
    rows: list[tuple],
    *,
    cycle_id: int,
    scope: Scope,
    input_version: int,
    computed_at: datetime,
    restamp: bool,
    counts: WriteCounts,
) -> None:
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


def results_replace(
    *,
    cycle_id: int,
    rows: list[ResultRows],
    input_version: int,
    computed_at: datetime,
    scope: Scope = EVERYTHING,
    restamp: bool = False,
) -> WriteCounts:
    """Make the cycle's stored results of ``scope`` equal ``rows``; changed and new rows are stamped, and every row
    when ``restamp``. Runs inside the caller's transaction."""
    counts = WriteCounts()
    for table in rows:
        if not scope.is_everything and table.model is DecompositionResult:
            continue  # depends on targets only, which a category-scoped recompute never follows
        _table_write(
            table.model,
            table.rows,
            cycle_id=cycle_id,
            scope=scope,
            input_version=input_version,
            computed_at=computed_at,
            restamp=restamp,
            counts=counts,
        )
    return counts
