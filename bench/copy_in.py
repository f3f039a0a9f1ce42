"""Bench setup only: rows of a model written with PostgreSQL `COPY`, ids reserved from the table's sequence.

`bulk_create` builds a model instance per row and sends multi-row INSERTs; for a province's 2.5 million entries
that is minutes and gigabytes. Here a row is a plain tuple of the fields the caller names, every other column gets
the field's default (auto_now fields: now), and the rows are streamed in chunks as COPY text. The callers write
consistent data by construction (ids they reserved, codes they made), so `without_triggers` lets them skip the
deferred foreign-key checks PostgreSQL would otherwise queue for every row until commit.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterable, Iterator, Sequence

from django.db import connection, models
from django.utils import timezone

CHUNK_ROWS = 100_000
_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _cell(value: object) -> str:
    """One value in COPY's text format (\\N is NULL; backslash, tab and line breaks escaped)."""
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, str):
        return value.translate(_ESCAPE)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False).translate(_ESCAPE)
    return str(value)  # int, Decimal, date, datetime: PostgreSQL reads their str()


def _defaults(model: type[models.Model], given: Sequence[str]) -> tuple[list[str], str]:
    """The columns the caller does not give, and their default values as one COPY text suffix."""
    now = timezone.now()
    columns, cells = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key or field.attname in given:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = now
        else:
            value = field.get_default()
        columns.append(field.column)
        cells.append(_cell(value))
    return columns, "".join("\t" + c for c in cells)


def ids_reserve(model: type[models.Model], count: int) -> list[int]:
    """``count`` ids drawn from the model's id sequence, for rows about to be copied in with them."""
    with connection.cursor() as cur:
        cur.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, count],
        )
        return [row[0] for row in cur.fetchall()]


@contextlib.contextmanager
def without_triggers() -> Iterator[None]:
    """No trigger (foreign-key checks included) fires for rows written inside; needs a superuser, as the bench's
    own database is. Only for rows consistent by construction."""
    with connection.cursor() as cur:
        cur.execute("SET LOCAL session_replication_role = replica")
    try:
        yield
    finally:
        with connection.cursor() as cur:
            cur.execute("SET LOCAL session_replication_role = DEFAULT")


def rows_copy(model: type[models.Model], fields: Sequence[str], rows: Iterable[tuple]) -> int:
    """Copy ``rows`` (tuples of ``fields``, attnames such as ``unit_id``) into ``model``'s table; the number of
    rows written."""
    opts = model._meta
    by_attname = {f.attname: f.column for f in opts.concrete_fields}
    rest, suffix = _defaults(model, fields)
    columns = ", ".join(connection.ops.quote_name(c) for c in [by_attname[f] for f in fields] + rest)
    sql = f"COPY {connection.ops.quote_name(opts.db_table)} ({columns}) FROM STDIN"
    written = 0
    buffer = io.StringIO()
    with connection.cursor() as cur:
        for row in rows:
            buffer.write("\t".join(map(_cell, row)))
            buffer.write(suffix)
            buffer.write("\n")
            written += 1
            if written % CHUNK_ROWS == 0:
                buffer.seek(0)
                cur.cursor.copy_expert(sql, buffer)
                buffer = io.StringIO()
        if buffer.tell():
            buffer.seek(0)
            cur.cursor.copy_expert(sql, buffer)
    return written
