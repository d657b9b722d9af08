"""The database engine's narrow search rows (issue 12), kept current with the full-text index.

`directory_search_row` (model `SearchRow`, unmanaged: its table is written here per vendor) holds one row
per public institution with what a search filters, counts and orders by. `fulltext.refresh` writes it
with the index, so the triggers that mark an institution pending for the index now fire on every column
a row carries and on every change to an institution's services; a delete removes the row at once.
Every existing institution is marked pending (the searches catch up a batch at a time, or
`fulltext.refresh_pending()` at once); until then searches scan, as before the index.
"""

import importlib

from django.db import migrations, models

INITIAL = importlib.import_module("directory.migrations.0004_search_fulltext_index")

ROW_COLUMNS = """id {int} PRIMARY KEY, name varchar(100) NOT NULL, district_id {int} NOT NULL,
    street_id {int} NULL, services integer NOT NULL, rating {real} NULL, inclusive {bool} NOT NULL,
    vacancies integer NOT NULL, accepts_childcare_voucher {bool} NOT NULL,
    min_age_months integer NOT NULL, max_age_months integer NOT NULL, latitude {real} NULL,
    longitude {real} NULL, lat_band integer NULL, x {real} NULL, y {real} NULL, z {real} NULL"""
# Covering: a search around a point counts and orders its rows from the index alone.
PLACE_COVERS = (
    "x, y, z, district_id, services, rating, inclusive, vacancies, accepts_childcare_voucher, "
    "min_age_months, max_age_months, street_id"
)
ROW_INDEXES = [
    f"CREATE INDEX directory_search_row_place ON directory_search_row (lat_band, longitude, {PLACE_COVERS})",
    "CREATE INDEX directory_search_row_street ON directory_search_row (street_id)",
]
# Every institution column a search row or the index is made of.
WATCHED = (
    "name address description kind status filing_number district_id street_id rating inclusive vacancies "
    "accepts_childcare_voucher min_age_months max_age_months latitude longitude"
).split()
MARK_ALL = (
    "INSERT INTO directory_institution_fulltext_pending (institution_id) SELECT id FROM directory_institution"
)

SQLITE_CHANGED_WHEN = " OR ".join(f"old.{column} IS NOT new.{column}" for column in WATCHED)
SQLITE = [
    f"CREATE TABLE directory_search_row ({ROW_COLUMNS.format(int='integer', real='real', bool='bool')})",
    *ROW_INDEXES,
    "DROP TRIGGER IF EXISTS directory_fulltext_text_changed",
    "DROP TRIGGER IF EXISTS directory_fulltext_deleted",
    "DROP TRIGGER IF EXISTS directory_summary_service_added",
    "DROP TRIGGER IF EXISTS directory_summary_service_removed",
    "DROP TRIGGER IF EXISTS directory_summary_service_changed",
    f"""CREATE TRIGGER directory_search_row_changed AFTER UPDATE ON directory_institution
    WHEN {SQLITE_CHANGED_WHEN} OR old.id IS NOT new.id
    BEGIN
        INSERT OR IGNORE INTO directory_institution_fulltext_pending (institution_id) VALUES (new.id);
    END""",
    """CREATE TRIGGER directory_search_row_deleted AFTER DELETE ON directory_institution BEGIN
        DELETE FROM directory_institution_fulltext WHERE rowid = old.id;
        DELETE FROM directory_search_row WHERE id = old.id;
        DELETE FROM directory_institution_fulltext_pending WHERE institution_id = old.id;
        UPDATE directory_search_state SET generation = generation + 1 WHERE id = 1;
    END""",
    """CREATE TRIGGER directory_search_row_service_added AFTER INSERT ON directory_institutionservice BEGIN
        INSERT OR IGNORE INTO directory_institution_fulltext_pending (institution_id)
            VALUES (new.institution_id);
        UPDATE directory_search_state SET generation = generation + 1 WHERE id = 1;
    END""",
    """CREATE TRIGGER directory_search_row_service_removed AFTER DELETE ON directory_institutionservice
    BEGIN
        INSERT OR IGNORE INTO directory_institution_fulltext_pending (institution_id)
            VALUES (old.institution_id);
        UPDATE directory_search_state SET generation = generation + 1 WHERE id = 1;
    END""",
    """CREATE TRIGGER directory_search_row_service_changed AFTER UPDATE ON directory_institutionservice
    WHEN old.service_type IS NOT new.service_type OR old.institution_id IS NOT new.institution_id BEGIN
        INSERT OR IGNORE INTO directory_institution_fulltext_pending (institution_id)
            VALUES (old.institution_id), (new.institution_id);
        UPDATE directory_search_state SET generation = generation + 1 WHERE id = 1;
    END""",
    "DELETE FROM directory_institution_fulltext_pending",
    MARK_ALL,
]


def _initial(vendor_statements, *names):
    return [sql for sql in vendor_statements if any(f" {name} " in sql for name in names)]


SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS directory_search_row_service_changed",
    "DROP TRIGGER IF EXISTS directory_search_row_service_removed",
    "DROP TRIGGER IF EXISTS directory_search_row_service_added",
    "DROP TRIGGER IF EXISTS directory_search_row_deleted",
    "DROP TRIGGER IF EXISTS directory_search_row_changed",
    *_initial(
        INITIAL.SQLITE,
        "directory_fulltext_text_changed",
        "directory_fulltext_deleted",
        "directory_summary_service_added",
        "directory_summary_service_removed",
        "directory_summary_service_changed",
    ),
    "DROP TABLE IF EXISTS directory_search_row",
]

POSTGRESQL_CHANGED = " OR ".join(f"NEW.{column} IS DISTINCT FROM OLD.{column}" for column in WATCHED)
POSTGRESQL = [
    f"""CREATE TABLE directory_search_row (
        {ROW_COLUMNS.format(int="integer", real="double precision", bool="boolean")})""",
    *ROW_INDEXES,
    f"""CREATE OR REPLACE FUNCTION directory_fulltext_mark() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM directory_institution_fulltext WHERE institution_id = OLD.id;
            DELETE FROM directory_search_row WHERE id = OLD.id;
            DELETE FROM directory_institution_fulltext_pending WHERE institution_id = OLD.id;
            RETURN OLD;
        END IF;
        IF TG_OP = 'INSERT' OR {POSTGRESQL_CHANGED} THEN
            INSERT INTO directory_institution_fulltext_pending (institution_id) VALUES (NEW.id)
                ON CONFLICT DO NOTHING;
        END IF;
        RETURN NEW;
    END $$""",
    """CREATE FUNCTION directory_search_row_service_mark() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            INSERT INTO directory_institution_fulltext_pending (institution_id) VALUES (OLD.institution_id)
                ON CONFLICT DO NOTHING;
        END IF;
        IF TG_OP <> 'DELETE' THEN
            INSERT INTO directory_institution_fulltext_pending (institution_id) VALUES (NEW.institution_id)
                ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER directory_search_row_service_mark AFTER INSERT OR UPDATE OR DELETE
        ON directory_institutionservice FOR EACH ROW EXECUTE FUNCTION directory_search_row_service_mark()""",
    "DELETE FROM directory_institution_fulltext_pending",
    MARK_ALL,
]

POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS directory_search_row_service_mark ON directory_institutionservice",
    "DROP FUNCTION IF EXISTS directory_search_row_service_mark()",
    "DROP TRIGGER IF EXISTS directory_fulltext_mark ON directory_institution",
    "DROP FUNCTION IF EXISTS directory_fulltext_mark()",
    *_initial(INITIAL.POSTGRESQL, "directory_fulltext_mark()", "directory_fulltext_mark"),
    "DROP TABLE IF EXISTS directory_search_row",
]


class Migration(migrations.Migration):
    dependencies = [("directory", "0006_search_generation_on_every_change")]

    operations = [
        migrations.CreateModel(
            name="SearchRow",
            fields=[
                (
                    "institution",
                    models.OneToOneField(
                        db_column="id",
                        db_constraint=False,
                        on_delete=models.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="directory.institution",
                    ),
                ),
                ("name", models.CharField(max_length=100)),
                ("services", models.IntegerField()),
                ("rating", models.FloatField(null=True)),
                ("inclusive", models.BooleanField()),
                ("vacancies", models.IntegerField()),
                ("accepts_childcare_voucher", models.BooleanField()),
                ("min_age_months", models.IntegerField()),
                ("max_age_months", models.IntegerField()),
                ("latitude", models.FloatField(null=True)),
                ("longitude", models.FloatField(null=True)),
                ("lat_band", models.IntegerField(null=True)),
                ("x", models.FloatField(null=True)),
                ("y", models.FloatField(null=True)),
                ("z", models.FloatField(null=True)),
                (
                    "district",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=models.DO_NOTHING,
                        related_name="+",
                        to="directory.district",
                    ),
                ),
                (
                    "street",
                    models.ForeignKey(
                        db_constraint=False,
                        null=True,
                        on_delete=models.DO_NOTHING,
                        related_name="+",
                        to="directory.street",
                    ),
                ),
            ],
            options={"db_table": "directory_search_row", "managed": False},
        ),
        migrations.RunPython(
            INITIAL._run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            INITIAL._run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
