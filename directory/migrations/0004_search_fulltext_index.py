"""The database engine's full-text index and facet summary (issue 12), written per database vendor.

- `directory_institution_fulltext`: per institution, the character bigrams of its public texts (name,
  address unless a home, description) as the text pipeline normalises them. SQLite: an FTS5 table whose
  rowid is the institution's id; PostgreSQL: a tsvector with a GIN index. Filled from Python
  (`directory.search.fulltext.refresh`), because the normalisation (OpenCC, NFKC) lives there.
- `directory_institution_fulltext_pending`: the ids whose texts changed since they were indexed. Triggers
  on the institution table fill it on every insert and every change of an indexed text, whoever writes
  (the admin, the bulk importer, raw SQL); a delete removes the index row at once.
- `directory_search_summary` and `directory_search_state`: the facet summary (public institutions counted
  by district, service set, flags and age range) and a generation number that triggers on institutions
  and their services raise on every change the summary depends on.
Every existing institution is marked pending here; `fulltext.rebuild()` (or the searches themselves,
a batch at a time) indexes them.
"""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE directory_institution_fulltext USING fts5(
        name, address, description, tokenize = 'unicode61 remove_diacritics 0')""",
    "CREATE TABLE directory_institution_fulltext_pending (institution_id integer PRIMARY KEY)",
    """CREATE TABLE directory_search_state (
        id integer PRIMARY KEY, generation integer NOT NULL, summary_generation integer NOT NULL)""",
    "INSERT INTO directory_search_state (id, generation, summary_generation) VALUES (1, 1, 0)",
    """CREATE TABLE directory_search_summary (
        district_id integer NOT NULL, services integer NOT NULL, inclusive bool NOT NULL,
        vacancy bool NOT NULL, voucher bool NOT NULL, min_age integer NOT NULL, max_age integer NOT NULL,
        institutions integer NOT NULL)""",
    """CREATE TRIGGER directory_fulltext_inserted AFTER INSERT ON directory_institution BEGIN
        INSERT OR IGNORE INTO directory_institution_fulltext_pending (institution_id) VALUES (new.id);
        UPDATE directory_search_state SET generation = generation + 1 WHERE id = 1;
    END""",
    """CREATE TRIGGER directory_fulltext_text_changed AFTER UPDATE ON directory_institution
    WHEN old.name IS NOT new.name OR old.address IS NOT new.address
        OR old.description IS NOT new.description OR old.kind IS NOT new.kind OR old.id IS NOT new.id
    BEGIN
        INSERT OR IGNORE INTO directory_institution_fulltext_pending (institution_id) VALUES (new.id);
    END""",
    """CREATE TRIGGER directory_summary_changed AFTER UPDATE ON directory_institution
    WHEN old.status IS NOT new.status OR old.filing_number IS NOT new.filing_number
        OR old.district_id IS NOT new.district_id OR old.inclusive IS NOT new.inclusive
        OR (old.vacancies > 0) IS NOT (new.vacancies > 0)
        OR old.accepts_childcare_voucher IS NOT new.accepts_childcare_voucher
        OR old.min_age_months IS NOT new.min_age_months OR old.max_age_months IS NOT new.max_age_months
    BEGIN
        UPDATE directory_search_state SET generation = generation + 1 WHERE id = 1;
    END""",
    """CREATE TRIGGER directory_fulltext_deleted AFTER DELETE ON directory_institution BEGIN
        DELETE FROM directory_institution_fulltext WHERE rowid = old.id;
        DELETE FROM directory_institution_fulltext_pending WHERE institution_id = old.id;
        UPDATE directory_search_state SET generation = generation + 1 WHERE id = 1;
    END""",
    """CREATE TRIGGER directory_summary_service_added AFTER INSERT ON directory_institutionservice BEGIN
        UPDATE directory_search_state SET generation = generation + 1 WHERE id = 1;
    END""",
    """CREATE TRIGGER directory_summary_service_removed AFTER DELETE ON directory_institutionservice BEGIN
        UPDATE directory_search_state SET generation = generation + 1 WHERE id = 1;
    END""",
    """CREATE TRIGGER directory_summary_service_changed AFTER UPDATE ON directory_institutionservice
    WHEN old.service_type IS NOT new.service_type OR old.institution_id IS NOT new.institution_id BEGIN
        UPDATE directory_search_state SET generation = generation + 1 WHERE id = 1;
    END""",
    "INSERT INTO directory_institution_fulltext_pending (institution_id) SELECT id FROM directory_institution",
]

SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS directory_summary_service_changed",
    "DROP TRIGGER IF EXISTS directory_summary_service_removed",
    "DROP TRIGGER IF EXISTS directory_summary_service_added",
    "DROP TRIGGER IF EXISTS directory_fulltext_deleted",
    "DROP TRIGGER IF EXISTS directory_summary_changed",
    "DROP TRIGGER IF EXISTS directory_fulltext_text_changed",
    "DROP TRIGGER IF EXISTS directory_fulltext_inserted",
    "DROP TABLE IF EXISTS directory_search_summary",
    "DROP TABLE IF EXISTS directory_search_state",
    "DROP TABLE IF EXISTS directory_institution_fulltext_pending",
    "DROP TABLE IF EXISTS directory_institution_fulltext",
]

POSTGRESQL = [
    """CREATE TABLE directory_institution_fulltext (
        institution_id integer PRIMARY KEY, document tsvector NOT NULL)""",
    """CREATE INDEX directory_institution_fulltext_document
        ON directory_institution_fulltext USING gin (document)""",
    "CREATE TABLE directory_institution_fulltext_pending (institution_id integer PRIMARY KEY)",
    """CREATE TABLE directory_search_state (
        id integer PRIMARY KEY, generation bigint NOT NULL, summary_generation bigint NOT NULL)""",
    "INSERT INTO directory_search_state (id, generation, summary_generation) VALUES (1, 1, 0)",
    """CREATE TABLE directory_search_summary (
        district_id integer NOT NULL, services integer NOT NULL, inclusive boolean NOT NULL,
        vacancy boolean NOT NULL, voucher boolean NOT NULL, min_age integer NOT NULL,
        max_age integer NOT NULL, institutions integer NOT NULL)""",
    """CREATE FUNCTION directory_fulltext_mark() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM directory_institution_fulltext WHERE institution_id = OLD.id;
            DELETE FROM directory_institution_fulltext_pending WHERE institution_id = OLD.id;
            RETURN OLD;
        END IF;
        IF TG_OP = 'INSERT' OR NEW.name IS DISTINCT FROM OLD.name OR NEW.address IS DISTINCT FROM OLD.address
            OR NEW.description IS DISTINCT FROM OLD.description OR NEW.kind IS DISTINCT FROM OLD.kind THEN
            INSERT INTO directory_institution_fulltext_pending (institution_id) VALUES (NEW.id)
                ON CONFLICT DO NOTHING;
        END IF;
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER directory_fulltext_mark AFTER INSERT OR UPDATE OR DELETE ON directory_institution
        FOR EACH ROW EXECUTE FUNCTION directory_fulltext_mark()""",
    """CREATE FUNCTION directory_summary_outdated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE directory_search_state SET generation = generation + 1 WHERE id = 1;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER directory_summary_outdated AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
        ON directory_institution FOR EACH STATEMENT EXECUTE FUNCTION directory_summary_outdated()""",
    """CREATE TRIGGER directory_summary_outdated AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
        ON directory_institutionservice FOR EACH STATEMENT EXECUTE FUNCTION directory_summary_outdated()""",
    "INSERT INTO directory_institution_fulltext_pending (institution_id) SELECT id FROM directory_institution",
]

POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS directory_summary_outdated ON directory_institutionservice",
    "DROP TRIGGER IF EXISTS directory_summary_outdated ON directory_institution",
    "DROP FUNCTION IF EXISTS directory_summary_outdated()",
    "DROP TRIGGER IF EXISTS directory_fulltext_mark ON directory_institution",
    "DROP FUNCTION IF EXISTS directory_fulltext_mark()",
    "DROP TABLE IF EXISTS directory_search_summary",
    "DROP TABLE IF EXISTS directory_search_state",
    "DROP TABLE IF EXISTS directory_institution_fulltext_pending",
    "DROP TABLE IF EXISTS directory_institution_fulltext",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in statements:
            return  # another database: the engine scans, as before this index
        for sql in statements[vendor]:
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("directory", "0003_institution_enrolment_guide")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
