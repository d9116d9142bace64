from django.db import migrations

from placetrain.classifications.loading import load


def load_codes(apps, schema_editor):
    for name in ("Occupation", "Industry"):
        model = apps.get_model("classifications", name)
        load(model)


class Migration(migrations.Migration):
    dependencies = [("classifications", "0001_initial")]

    operations = [migrations.RunPython(load_codes, migrations.RunPython.noop)]
