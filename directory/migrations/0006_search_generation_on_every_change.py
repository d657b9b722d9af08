"""On SQLite, every change to an institution raises the search generation (PostgreSQL's statement trigger
already does): the directory's vocabulary (names, slugs, order by rating) follows it, not only the facet
summary, so neither needs to count the table to notice a change."""

from django.db import migrations

CHANGED = """CREATE TRIGGER directory_summary_changed AFTER UPDATE ON directory_institution BEGIN
    UPDATE directory_search_state SET generation = generation + 1 WHERE id = 1;
END"""
BEFORE = """CREATE TRIGGER directory_summary_changed AFTER UPDATE ON directory_institution
WHEN old.status IS NOT new.status OR old.filing_number IS NOT new.filing_number
    OR old.district_id IS NOT new.district_id OR old.inclusive IS NOT new.inclusive
    OR (old.vacancies > 0) IS NOT (new.vacancies > 0)
    OR old.accepts_childcare_voucher IS NOT new.accepts_childcare_voucher
    OR old.min_age_months IS NOT new.min_age_months OR old.max_age_months IS NOT new.max_age_months
BEGIN
    UPDATE directory_search_state SET generation = generation + 1 WHERE id = 1;
END"""


def _replace(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute("DROP TRIGGER IF EXISTS directory_summary_changed")
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_search_order_indexes")]

    operations = [migrations.RunPython(_replace(CHANGED), _replace(BEFORE))]
