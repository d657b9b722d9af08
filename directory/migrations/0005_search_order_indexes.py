"""Indexes that give the directory's default orders without sorting every public institution (issue 12):
best rated first (`-rating, name, pk` among status 正常), and 普惠优先 (inclusive first, then the same).
PostgreSQL is told where NULLs go, as the ORM's `desc(nulls_last=True)` asks; SQLite puts them last in a
descending order anyway and accepts no NULLS clause in an index.
"""

from django.db import migrations

INDEXES = {
    "directory_inst_public_rating": "status, rating DESC{nulls}, name, id",
    "directory_inst_public_inclusive": "status, inclusive DESC, rating DESC{nulls}, name, id",
}


def _create(apps, schema_editor):
    nulls = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    for name, columns in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON directory_institution ({columns.format(nulls=nulls)})"
        )


def _drop(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_search_fulltext_index")]

    operations = [migrations.RunPython(_create, _drop)]
