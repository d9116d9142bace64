"""Jobs and follow-up move here from placements: the models enter this app's state over the
tables placements made (no data moves); 0002 renames the tables."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("employers", "0002_search_text"),
        ("participants", "0004_default_checklist"),
        ("placements", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Employment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('permanent', 'Permanent'), ('temporary', 'Temporary'), ('part_time', 'Part-time'), ('on_call', 'On call')], max_length=20, verbose_name='type')),
                        ('started_on', models.DateField(verbose_name='start')),
                        ('percent_of_full_time', models.PositiveSmallIntegerField(verbose_name='% of full time')),
                        ('hourly_wage', models.DecimalField(blank=True, decimal_places=2, max_digits=7, null=True, verbose_name='hourly wage (NOK)')),
                        ('ended_on', models.DateField(blank=True, null=True, verbose_name='ended on')),
                        ('end_reason', models.TextField(blank=True, max_length=2000, verbose_name='why it ended')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('employer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='employments', to='employers.employer', verbose_name='employer')),
                        ('participant', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='employments', to='participants.participant')),
                        ('placement', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='employment', to='placements.placement')),
                    ],
                    options={
                        'ordering': ['-started_on', '-pk'],
                        'db_table': 'placements_employment',
                    },
                ),
                migrations.CreateModel(
                    name='FollowUpCheckin',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('due_on', models.DateField(verbose_name='due')),
                        ('label', models.CharField(max_length=40, verbose_name='when')),
                        ('done_on', models.DateField(blank=True, null=True, verbose_name='done on')),
                        ('still_employed', models.BooleanField(null=True, verbose_name='still employed?')),
                        ('hours_per_week', models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True, verbose_name='hours per week')),
                        ('how_participant', models.TextField(blank=True, max_length=2000, verbose_name='how it goes for the participant')),
                        ('how_employer', models.TextField(blank=True, max_length=2000, verbose_name='how it goes for the employer')),
                        ('action', models.TextField(blank=True, max_length=2000, verbose_name='action')),
                        ('employment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='checkins', to='employment.employment')),
                        ('recorded_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'ordering': ['due_on', 'pk'],
                        'db_table': 'placements_followupcheckin',
                    },
                ),
                migrations.AddConstraint(
                    model_name='employment',
                    constraint=models.CheckConstraint(condition=models.Q(('percent_of_full_time__gte', 1), ('percent_of_full_time__lte', 100)), name='employment_percent_1_100'),
                ),
                migrations.AddConstraint(
                    model_name='employment',
                    constraint=models.CheckConstraint(condition=models.Q(('ended_on__isnull', True), ('ended_on__gte', models.F('started_on')), _connector='OR'), name='employment_end_after_start'),
                ),
            ],
        ),
    ]
