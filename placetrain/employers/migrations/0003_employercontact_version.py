from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("employers", "0002_search_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="employercontact",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
    ]
