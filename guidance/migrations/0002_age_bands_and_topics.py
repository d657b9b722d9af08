from django.db import migrations

from guidance.taxonomy import ensure_taxonomy


def create(apps, schema_editor):
    ensure_taxonomy(apps.get_model("guidance", "AgeBand"), apps.get_model("guidance", "Topic"))


class Migration(migrations.Migration):
    dependencies = [("guidance", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
