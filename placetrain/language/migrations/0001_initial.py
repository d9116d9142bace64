"""Language plans move here from placements: the models enter this app's state over the
tables placements made (no data moves); 0002 renames the tables."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("participants", "0004_default_checklist"),
        ("placements", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='LanguagePlan',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('current_level', models.CharField(blank=True, choices=[('', 'Unknown'), ('A1', 'A1'), ('A2', 'A2'), ('B1', 'B1'), ('B2', 'B2'), ('C1', 'C1'), ('C2', 'C2')], max_length=2, verbose_name='current level')),
                        ('required_level', models.CharField(blank=True, choices=[('', 'Unknown'), ('A1', 'A1'), ('A2', 'A2'), ('B1', 'B1'), ('B2', 'B2'), ('C1', 'C1'), ('C2', 'C2')], max_length=2, verbose_name='level the job needs (stated by the employer)')),
                        ('final_goal', models.CharField(blank=True, max_length=300, verbose_name='final goal')),
                        ('final_goal_by', models.DateField(blank=True, null=True, verbose_name='final goal by')),
                        ('hours_per_week', models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True, verbose_name='agreed hours per week')),
                        ('version', models.PositiveIntegerField(default=1, editable=False)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('participant', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='language_plans', to='participants.participant')),
                        ('placement', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='language_plans', to='placements.placement', verbose_name='placement')),
                        ('teacher', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='language_plans', to=settings.AUTH_USER_MODEL, verbose_name='teacher')),
                    ],
                    options={
                        'ordering': ['-created_at', '-pk'],
                        'db_table': 'placements_languageplan',
                    },
                ),
                migrations.CreateModel(
                    name='LanguageObservation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('observed_on', models.DateField(verbose_name='observed on')),
                        ('small_talk', models.TextField(blank=True, max_length=1000, verbose_name='takes part in small talk?')),
                        ('listened_to', models.TextField(blank=True, max_length=1000, verbose_name='is listened to?')),
                        ('social_standing', models.TextField(blank=True, max_length=1000, verbose_name='social standing among colleagues?')),
                        ('support', models.TextField(blank=True, max_length=1000, verbose_name='support from leader, mentor, colleagues?')),
                        ('observed_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='observations', to='language.languageplan')),
                    ],
                    options={
                        'ordering': ['-observed_on', '-pk'],
                        'db_table': 'placements_languageobservation',
                    },
                ),
                migrations.CreateModel(
                    name='LanguageNote',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('written_on', models.DateField(verbose_name='date')),
                        ('text', models.TextField(max_length=2000, verbose_name='progress note')),
                        ('written_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='notes', to='language.languageplan')),
                    ],
                    options={
                        'ordering': ['-written_on', '-pk'],
                        'db_table': 'placements_languagenote',
                    },
                ),
                migrations.CreateModel(
                    name='LanguageGoal',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('description', models.CharField(max_length=300, verbose_name='sub-goal')),
                        ('due_on', models.DateField(blank=True, null=True, verbose_name='by')),
                        ('reached_on', models.DateField(blank=True, null=True, verbose_name='reached on')),
                        ('plan', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='goals', to='language.languageplan')),
                    ],
                    options={
                        'ordering': ['due_on', 'pk'],
                        'db_table': 'placements_languagegoal',
                    },
                ),
            ],
        ),
    ]
