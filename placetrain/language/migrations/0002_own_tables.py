"""The moved tables get this app's names, and the history of every language plan follows them
(their content types move from placements)."""

from django.db import migrations

from placetrain.lib.migrating import move_content_types

MODELS = ["languageplan", "languagegoal", "languageobservation", "languagenote"]
forward, backward = move_content_types("placements", "language", MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("language", "0001_initial"),
        ("placements", "0002_split_language_and_employment"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auditlog", "0017_add_actor_email"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AlterModelTable(name="languageplan", table=None),
        migrations.AlterModelTable(name="languagegoal", table=None),
        migrations.AlterModelTable(name="languageobservation", table=None),
        migrations.AlterModelTable(name="languagenote", table=None),
        migrations.RunPython(forward, backward),
    ]
