"""Language plans and jobs now live in their own apps (language, employment): they leave this
app's state without touching their tables. Meetings get a version, so that two people editing
one meeting cannot silently overwrite each other; the subsidy kinds are stored in English."""

from django.db import migrations, models

# Stored values before → after (the labels users see do not change).
SUBSIDY_VALUES = {
    "arbeidspraksis": "work_practice",
    "lonnstilskudd": "wage_subsidy",
    "mentortilskudd": "mentor_subsidy",
    "tilretteleggingstilskudd": "accommodation_subsidy",
}


def _subsidies(mapping):
    def run(apps, schema_editor):
        Placement = apps.get_model("placements", "Placement")
        db = schema_editor.connection.alias
        for old, new in mapping.items():
            Placement.objects.using(db).filter(subsidy_kind=old).update(subsidy_kind=new)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("placements", "0001_initial"),
        ("employment", "0001_initial"),
        ("language", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(model_name="followupcheckin", name="employment"),
                migrations.RemoveField(model_name="followupcheckin", name="recorded_by"),
                migrations.RemoveField(model_name="languagegoal", name="plan"),
                migrations.RemoveField(model_name="languagenote", name="plan"),
                migrations.RemoveField(model_name="languagenote", name="written_by"),
                migrations.RemoveField(model_name="languageobservation", name="observed_by"),
                migrations.RemoveField(model_name="languageobservation", name="plan"),
                migrations.RemoveField(model_name="languageplan", name="participant"),
                migrations.RemoveField(model_name="languageplan", name="placement"),
                migrations.RemoveField(model_name="languageplan", name="teacher"),
                migrations.DeleteModel(name="Employment"),
                migrations.DeleteModel(name="FollowUpCheckin"),
                migrations.DeleteModel(name="LanguageGoal"),
                migrations.DeleteModel(name="LanguageNote"),
                migrations.DeleteModel(name="LanguageObservation"),
                migrations.DeleteModel(name="LanguagePlan"),
            ],
        ),
        migrations.AddField(
            model_name="meeting",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AlterField(
            model_name="placement",
            name="subsidy_kind",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "None"),
                    ("work_practice", "Work practice"),
                    ("wage_subsidy", "Wage subsidy"),
                    ("mentor_subsidy", "Mentor subsidy"),
                    ("accommodation_subsidy", "Accommodation subsidy"),
                ],
                max_length=30,
                verbose_name="subsidy",
            ),
        ),
        migrations.RunPython(
            _subsidies(SUBSIDY_VALUES),
            _subsidies({new: old for old, new in SUBSIDY_VALUES.items()}),
        ),
    ]
