"""simple-history rows for many score entries at once, inserted with one prepared statement per batch.

simple-history's bulk_history_create builds a model instance and compiles an INSERT per row: for a 50,000-row
score workbook that is most of the import's time. The rows written here are the same rows (same table, same
columns, values prepared by the historical model's own fields), so the history admin and the auditor's pages
cannot tell them apart.
"""

from django.db import connections
from django.db.models.fields.files import FieldFile
from django.utils import timezone

BATCH = 2000


def history_attribute(instance: object, *, user: object, reason: str) -> None:
    """Who and why of `instance`'s next save: simple-history writes them into the history row it adds."""
    instance._history_user = user  # type: ignore[attr-defined]
    instance._change_reason = reason  # type: ignore[attr-defined]


HISTORY_COLUMNS = ("history_date", "history_change_reason", "history_type", "history_user")


def history_rows_insert(*, model, instances, history_type: str, user, reason: str = "", when=None) -> int:
    """Record `instances` in `model`'s history as created ("+"), changed ("~") or deleted ("-")."""
    if not instances:
        return 0
    historical = model.history.model
    connection = connections[historical.objects.db]
    copied = [f for f in historical._meta.concrete_fields if f.name != "history_id" and f.name not in HISTORY_COLUMNS]
    extra = [historical._meta.get_field(name) for name in HISTORY_COLUMNS]
    fields = copied + extra
    quote = connection.ops.quote_name
    table = quote(historical._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    stamp = [
        extra[0].get_db_prep_save(when or timezone.now(), connection),
        extra[1].get_db_prep_save(reason or "", connection),
        history_type,
        getattr(user, "pk", None),
    ]
    rows = []
    for instance in instances:
        row = []
        for f in copied:
            value = getattr(instance, f.attname)
            if isinstance(value, FieldFile):
                value = value.name or ""
            row.append(f.get_db_prep_save(value, connection))
        rows.append(row + stamp)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg2.extras import execute_values

            for start in range(0, len(rows), BATCH):
                execute_values(
                    cursor.cursor,
                    f"INSERT INTO {table} ({columns}) VALUES %s",
                    rows[start : start + BATCH],
                    page_size=BATCH,
                )
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
            for start in range(0, len(rows), BATCH):
                cursor.executemany(sql, rows[start : start + BATCH])
    return len(rows)
