"""The access log and the change history of one record, newest first: the participant's access
log pages by ``id`` (older than ...), and the edit-conflict check reads a record's updates. An
index in that order, on auditlog's table (see lib/migrating.py), so neither database scans
the whole history (SQLite chose the timestamp index over 1.4 million rows)."""

from django.db import migrations, models

from placetrain.lib.migrating import AddIndexToLibraryModel


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0007_field_names_in_bokmal"),
        ("auditlog", "0017_add_actor_email"),
    ]

    operations = [
        AddIndexToLibraryModel(
            "auditlog",
            "logentry",
            models.Index(fields=["content_type", "object_pk", "-id"], name="logentry_record_newest"),
        ),
    ]
