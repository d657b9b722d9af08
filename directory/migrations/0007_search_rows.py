"""The database engine's narrow search rows (issue 12), kept current with the full-text index.

`directory_search_row` (model `SearchRow`, unmanaged: its table is written here per vendor) holds one row
per public institution with what a search filters, counts and orders by. `fulltext.refresh` writes it
with the index, so the triggers that mark an institution pending for the index now fire on every column
a row carries and on every change to an institution's services; a delete removes the row at once. A
pending mark says whether a text changed (`texts`): when only vacancies, a rating or the services did,
the refresh rewrites the row and leaves the institution's index entry alone.
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
# The institution columns the index is made of, and those only the search rows are made of: a change to
# the first marks the institution pending with its texts (`texts`), to the second for its row only.
TEXTS = "name address description kind".split()
ROW_ONLY = (
    "status filing_number district_id street_id rating inclusive vacancies accepts_childcare_voucher "
    "min_age_months max_age_months latitude longitude"
).split()
MARK_ALL = (
    "INSERT INTO directory_institution_fulltext_pending (institution_id) SELECT id FROM directory_institution"
)


def _changed(columns, old, new, differs):
    return " OR ".join(f"{old}.{column} {differs} {new}.{column}" for column in columns)


SQLITE = [
    f"CREATE TABLE directory_search_row ({ROW_COLUMNS.format(int='integer', real='real', bool='bool')})",
    *ROW_INDEXES,
    "ALTER TABLE directory_institution_fulltext_pending ADD COLUMN texts bool NOT NULL DEFAULT 1",
    "DROP TRIGGER IF EXISTS directory_fulltext_text_changed",
    "DROP TRIGGER IF EXISTS directory_fulltext_deleted",
    "DROP TRIGGER IF EXISTS directory_summary_service_added",
    "DROP TRIGGER IF EXISTS directory_summary_service_removed",
    "DROP TRIGGER IF EXISTS directory_summary_service_changed",
    f"""CREATE TRIGGER directory_search_texts_changed AFTER UPDATE ON directory_institution
    WHEN {_changed(TEXTS, "old", "new", "IS NOT")} OR old.id IS NOT new.id
    BEGIN
        INSERT OR REPLACE INTO directory_institution_fulltext_pending (institution_id, texts)
            VALUES (new.id, 1);
    END""",
    f"""CREATE TRIGGER directory_search_row_changed AFTER UPDATE ON directory_institution
    WHEN {_changed(ROW_ONLY, "old", "new", "IS NOT")}
    BEGIN
        INSERT OR IGNORE INTO directory_institution_fulltext_pending (institution_id, texts)
            VALUES (new.id, 0);
    END""",
    """CREATE TRIGGER directory_search_row_deleted AFTER DELETE ON directory_institution BEGIN
        DELETE FROM directory_institution_fulltext WHERE rowid = old.id;
        DELETE FROM directory_search_row WHERE id = old.id;
        DELETE FROM directory_institution_fulltext_pending WHERE institution_id = old.id;
        UPDATE directory_search_state SET generation = generation + 1 WHERE id = 1;
    END""",
    """CREATE TRIGGER directory_search_row_service_added AFTER INSERT ON directory_institutionservice BEGIN
        INSERT OR IGNORE INTO directory_institution_fulltext_pending (institution_id, texts)
            VALUES (new.institution_id, 0);
        UPDATE directory_search_state SET generation = generation + 1 WHERE id = 1;
    END""",
    """CREATE TRIGGER directory_search_row_service_removed AFTER DELETE ON directory_institutionservice
    BEGIN
        INSERT OR IGNORE INTO directory_institution_fulltext_pending (institution_id, texts)
            VALUES (old.institution_id, 0);
        UPDATE directory_search_state SET generation = generation + 1 WHERE id = 1;
    END""",
    """CREATE TRIGGER directory_search_row_service_changed AFTER UPDATE ON directory_institutionservice
    WHEN old.service_type IS NOT new.service_type OR old.institution_id IS NOT new.institution_id BEGIN
        INSERT OR IGNORE INTO directory_institution_fulltext_pending (institution_id, texts)
            VALUES (old.institution_id, 0), (new.institution_id, 0);
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
    "DROP TRIGGER IF EXISTS directory_search_texts_changed",
    "ALTER TABLE directory_institution_fulltext_pending DROP COLUMN texts",
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


def _service_marks(event, table):
    return [
        f"""CREATE FUNCTION directory_search_row_services_{event}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO directory_institution_fulltext_pending (institution_id, texts)
                SELECT DISTINCT institution_id, false FROM {table} ON CONFLICT DO NOTHING;
            RETURN NULL;
        END $$""",
        f"""CREATE TRIGGER directory_search_row_services_{event} AFTER {SERVICE_EVENTS[event]}
            ON directory_institutionservice
            REFERENCING {"OLD" if event == "deleted" else "NEW"} TABLE AS {table}
            FOR EACH STATEMENT EXECUTE FUNCTION directory_search_row_services_{event}()""",
    ]


SERVICE_EVENTS = {"inserted": "INSERT", "deleted": "DELETE", "updated": "UPDATE"}
POSTGRESQL = [
    f"""CREATE TABLE directory_search_row (
        {ROW_COLUMNS.format(int="integer", real="double precision", bool="boolean")})""",
    *ROW_INDEXES,
    # A keyword's matches read by id from the index alone (an index-only scan; SQLite's rows are the
    # primary key's own b-tree already).
    """CREATE UNIQUE INDEX directory_search_row_by_id ON directory_search_row (id)
        INCLUDE (district_id, services, inclusive, rating)""",
    "ALTER TABLE directory_institution_fulltext_pending ADD COLUMN texts boolean NOT NULL DEFAULT true",
    f"""CREATE OR REPLACE FUNCTION directory_fulltext_mark() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM directory_institution_fulltext WHERE institution_id = OLD.id;
            DELETE FROM directory_search_row WHERE id = OLD.id;
            DELETE FROM directory_institution_fulltext_pending WHERE institution_id = OLD.id;
            RETURN OLD;
        END IF;
        IF TG_OP = 'INSERT' OR {_changed(TEXTS, "NEW", "OLD", "IS DISTINCT FROM")} THEN
            INSERT INTO directory_institution_fulltext_pending (institution_id, texts) VALUES (NEW.id, true)
                ON CONFLICT (institution_id) DO UPDATE SET texts = true;
        ELSIF {_changed(ROW_ONLY, "NEW", "OLD", "IS DISTINCT FROM")} THEN
            INSERT INTO directory_institution_fulltext_pending (institution_id, texts) VALUES (NEW.id, false)
                ON CONFLICT DO NOTHING;
        END IF;
        RETURN NEW;
    END $$""",
    # Statement triggers with transition tables: a bulk write of services marks its institutions in one
    # INSERT … SELECT, not one call per row (an update marks the institutions its new rows belong to;
    # the site never moves a service from one institution to another).
    *_service_marks("inserted", "added_services"),
    *_service_marks("deleted", "removed_services"),
    *_service_marks("updated", "changed_services"),
    "DELETE FROM directory_institution_fulltext_pending",
    MARK_ALL,
]

POSTGRESQL_REVERSE = [
    *(
        f"DROP TRIGGER IF EXISTS directory_search_row_services_{event} ON directory_institutionservice"
        for event in SERVICE_EVENTS
    ),
    *(f"DROP FUNCTION IF EXISTS directory_search_row_services_{event}()" for event in SERVICE_EVENTS),
    "DROP TRIGGER IF EXISTS directory_fulltext_mark ON directory_institution",
    "DROP FUNCTION IF EXISTS directory_fulltext_mark()",
    *_initial(INITIAL.POSTGRESQL, "directory_fulltext_mark()", "directory_fulltext_mark"),
    "ALTER TABLE directory_institution_fulltext_pending DROP COLUMN texts",
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
