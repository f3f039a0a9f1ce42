"""Many model rows updated at once, each to its own values, without Django's bulk_update.

bulk_update builds a CASE per field and row, which takes minutes for a re-imported workbook of tens of thousands
of changed values. On PostgreSQL the rows go as one `UPDATE … FROM (VALUES …)` per batch (every value cast to its
column's type, so a batch whose values are all NULL still has a type); elsewhere as one parameterised UPDATE per
row (executemany). The values stored are those bulk_update would store: each field's get_db_prep_save, no pre_save.
"""

from django.db import connections

BATCH = 2000


def rows_update(*, model, instances, fields: list[str]) -> int:
    """Write ``fields`` of every instance to its row (by primary key); returns how many rows were sent."""
    if not instances:
        return 0
    meta = model._meta
    connection = connections[model.objects.db]
    quote = connection.ops.quote_name
    columns = [meta.get_field(name) for name in fields]
    rows = [[c.get_db_prep_save(getattr(e, c.attname), connection) for c in columns] + [e.pk] for e in instances]
    table = quote(meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg2.extras import execute_values

            typed = [*columns, meta.pk]
            names = ", ".join(quote(c.column) for c in typed)
            template = "(" + ", ".join(f"%s::{c.cast_db_type(connection)}" for c in typed) + ")"
            sets = ", ".join(f"{quote(c.column)} = v.{quote(c.column)}" for c in columns)
            pk = quote(meta.pk.column)
            sql = f"UPDATE {table} SET {sets} FROM (VALUES %s) AS v ({names}) WHERE {table}.{pk} = v.{pk}"
            for start in range(0, len(rows), BATCH):
                execute_values(cursor.cursor, sql, rows[start : start + BATCH], template=template, page_size=BATCH)
        else:
            sets = ", ".join(f"{quote(c.column)} = %s" for c in columns)
            sql = f"UPDATE {table} SET {sets} WHERE {quote(meta.pk.column)} = %s"
            for start in range(0, len(rows), BATCH):
                cursor.executemany(sql, rows[start : start + BATCH])
    return len(rows)
