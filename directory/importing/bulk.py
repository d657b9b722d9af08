"""Many rows written with one prepared statement each (`executemany`), for the importer.

Django's `bulk_create` and `bulk_update` build one large statement per batch, at a Python cost per value
that dominated the import (and `bulk_update` writes a CASE per column and row). Here each value still goes
through its field's own `get_db_prep_save`, so SQLite and PostgreSQL get exactly what Django would send,
and the database driver loops over the rows (SQLite in C, psycopg in pipeline mode).
"""

from django.db import connection


def _columns(model, names):
    fields = [model._meta.get_field(name) for name in names]
    return fields, [connection.ops.quote_name(field.column) for field in fields]


def _values(instance, fields):
    return [field.get_db_prep_save(getattr(instance, field.attname), connection) for field in fields]


def insert(model, instances, names):
    """INSERT every instance's `names` (field names; the primary key is left to the database)."""
    if not instances:
        return
    fields, columns = _columns(model, names)
    table = connection.ops.quote_name(model._meta.db_table)
    placeholders = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",
            [_values(instance, fields) for instance in instances],
        )


def update(model, instances, names):
    """UPDATE `names` of every instance, by primary key."""
    if not instances:
        return
    fields, columns = _columns(model, names)
    table = connection.ops.quote_name(model._meta.db_table)
    pk = model._meta.pk
    assignments = ", ".join(f"{column} = %s" for column in columns)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {assignments} WHERE {connection.ops.quote_name(pk.column)} = %s",
            [
                [*_values(instance, fields), pk.get_db_prep_save(instance.pk, connection)]
                for instance in instances
            ],
        )
