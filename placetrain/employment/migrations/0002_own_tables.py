"""The moved tables get this app's names, the history of every job and check-in follows them
(their content types move from placements), and check-ins get a version, so that two people
recording one check-in cannot silently overwrite each other."""

from django.db import migrations, models

from placetrain.lib.migrating import move_content_types

MODELS = ["employment", "followupcheckin"]
forward, backward = move_content_types("placements", "employment", MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("employment", "0001_initial"),
        ("placements", "0002_split_language_and_employment"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auditlog", "0017_add_actor_email"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AlterModelTable(name="employment", table=None),
        migrations.AlterModelTable(name="followupcheckin", table=None),
        migrations.AddField(
            model_name="followupcheckin",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.RunPython(forward, backward),
    ]
