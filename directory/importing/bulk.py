"""Many rows written with one prepared statement each (`executemany`), for the importer.

Django's `bulk_create` and `bulk_update` build one large statement per batch, at a Python cost per value
that dominated the import (and `bulk_update` writes a CASE per column and row). Here each value still goes
through its field's own `get_db_prep_save`, so SQLite and PostgreSQL get exactly what Django would send,
and the database driver loops over the rows (SQLite in C, psycopg in pipeline mode; new rows reach
PostgreSQL through COPY, changed ones through COPY into a scratch table and one UPDATE … FROM).
"""

from django.db import DEFAULT_DB_ALIAS, connections, models

# Fields whose Python value (already of the right type: the importer parsed it) is what Django would send
# as is; dates, times and decimals still go through the field, which knows each backend's form.
PASSED_AS_IS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.FloatField,
)


def _columns(model, names, connection):
    fields = [model._meta.get_field(name) for name in names]
    return fields, [connection.ops.quote_name(field.column) for field in fields]


def _preparers(fields, connection):
    """(attname, function or None) per field: None when the value needs no preparing."""

    def prepare(field):
        return lambda value: field.get_db_prep_save(value, connection)

    return [
        (field.attname, None if isinstance(field, PASSED_AS_IS) or field.is_relation else prepare(field))
        for field in fields
    ]


def _values(instance, preparers):
    return [
        value if prepare is None or value is None else prepare(value)
        for attname, prepare in preparers
        for value in (getattr(instance, attname),)
    ]


def _target(model, names):
    """The connection, quoted table, columns and value preparers for writing `names` of `model`."""
    connection = connections[DEFAULT_DB_ALIAS]
    fields, columns = _columns(model, names, connection)
    table = connection.ops.quote_name(model._meta.db_table)
    return connection, table, columns, _preparers(fields, connection)


def insert(model, instances, names):
    """INSERT every instance's `names` (field names; the primary key is left to the database)."""
    if not instances:
        return
    connection, table, columns, preparers = _target(model, names)
    placeholders = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY: PostgreSQL's own bulk load, several times cheaper for the server than INSERTs.
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for instance in instances:
                    copy.write_row(_values(instance, preparers))
            return
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})",
            [_values(instance, preparers) for instance in instances],
        )


def update(model, instances, names):
    """UPDATE `names` of every instance, by primary key."""
    if not instances:
        return
    connection, table, columns, preparers = _target(model, names)
    pk = model._meta.pk
    key = connection.ops.quote_name(pk.column)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _update_through_copy(cursor, table, key, columns, instances, preparers)
            return
        assignments = ", ".join(f"{column} = %s" for column in columns)
        cursor.executemany(
            f"UPDATE {table} SET {assignments} WHERE {key} = %s",
            [[*_values(instance, preparers), instance.pk] for instance in instances],
        )


def _update_through_copy(cursor, table, key, columns, instances, preparers):
    """PostgreSQL: the new values COPYed into a scratch table, then one UPDATE … FROM it."""
    scratch = "directory_import_changes"
    cursor.execute(f"DROP TABLE IF EXISTS {scratch}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {scratch} AS SELECT {key}, {', '.join(columns)} FROM {table} WITH NO DATA"
    )
    with cursor.cursor.copy(f"COPY {scratch} ({key}, {', '.join(columns)}) FROM STDIN") as copy:
        for instance in instances:
            copy.write_row([instance.pk, *_values(instance, preparers)])
    assignments = ", ".join(f"{column} = {scratch}.{column}" for column in columns)
    cursor.execute(f"UPDATE {table} SET {assignments} FROM {scratch} WHERE {table}.{key} = {scratch}.{key}")
    cursor.execute(f"DROP TABLE {scratch}")


# Keys per DELETE: well under SQLite's limit of bound parameters.
DELETE_CHUNK = 500


def delete(model, pks):
    """DELETE the rows with these primary keys, without loading them or sending a signal per row (the
    importer keeps the search index and the page cache current once per file); nothing may refer to them."""
    connection = connections[DEFAULT_DB_ALIAS]
    table = connection.ops.quote_name(model._meta.db_table)
    key = connection.ops.quote_name(model._meta.pk.column)
    pks = list(pks)
    with connection.cursor() as cursor:
        for start in range(0, len(pks), DELETE_CHUNK):
            chunk = pks[start : start + DELETE_CHUNK]
            cursor.execute(f"DELETE FROM {table} WHERE {key} IN ({', '.join(['%s'] * len(chunk))})", chunk)
