"""One index fewer per column that a report is received without, or that a composite
index already leads with (issue 18: every index of feedback_report is written by every
report received).

The foreign keys category, ward and department lose their own index (the composite
indexes report_category_created, report_ward_status_due / report_ward_created and
report_department_status_due lead with them). assignee, duplicate_of,
suggested_category, resolved_at and followup_answered_at are empty on a new report:
their indexes become partial (only where set), which serve every query on them (each
names a value) and are not written at intake.

The foreign keys' own indexes are dropped by name rather than by AlterField, which would
re-validate each foreign key over the whole table on PostgreSQL and rebuild the table six
times on SQLite; the names are those Django gave them on both engines.
"""


import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

FOREIGN_KEY_INDEXES = {
    "assignee_id": "feedback_report_assignee_id_023e0757",
    "category_id": "feedback_report_category_id_4158d668",
    "department_id": "feedback_report_department_id_2f5fb8af",
    "duplicate_of_id": "feedback_report_duplicate_of_id_0b787bba",
    "suggested_category_id": "feedback_report_suggested_category_id_d9e1f7ba",
    "ward_id": "feedback_report_ward_id_3b6634cd",
}


class Migration(migrations.Migration):

    dependencies = [
        ('feedback', '0015_one_index_per_contact'),
        ('geography', '0002_unit_kind_population_jurisdiction'),
        ('organisations', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='report',
            name='report_resolved',
        ),
        migrations.RemoveIndex(
            model_name='report',
            name='report_followup_answered',
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{name}"',
                    f'CREATE INDEX IF NOT EXISTS "{name}" ON "feedback_report" ("{column}")',
                )
                for column, name in FOREIGN_KEY_INDEXES.items()
            ],
            state_operations=[
            migrations.AlterField(
                model_name='report',
                name='assignee',
                field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='assigned_reports', to=settings.AUTH_USER_MODEL, verbose_name='assignee'),
            ),
            migrations.AlterField(
                model_name='report',
                name='category',
                field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='reports', to='feedback.category'),
            ),
            migrations.AlterField(
                model_name='report',
                name='department',
                field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='reports', to='organisations.department', verbose_name='department'),
            ),
            migrations.AlterField(
                model_name='report',
                name='duplicate_of',
                field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='duplicates', to='feedback.report', verbose_name='duplicate of'),
            ),
            migrations.AlterField(
                model_name='report',
                name='suggested_category',
                field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='feedback.category'),
            ),
            migrations.AlterField(
                model_name='report',
                name='ward',
                field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='reports', to='geography.unit', verbose_name='ward'),
            ),
            ],
        ),
        migrations.AddIndex(
            model_name='report',
            index=models.Index(condition=models.Q(('resolved_at__isnull', False)), fields=['resolved_at'], name='report_resolved'),
        ),
        migrations.AddIndex(
            model_name='report',
            index=models.Index(condition=models.Q(('followup_answered_at__isnull', False)), fields=['followup_answered_at'], name='report_followup_answered'),
        ),
        migrations.AddIndex(
            model_name='report',
            index=models.Index(condition=models.Q(('assignee__isnull', False)), fields=['assignee'], name='report_assignee'),
        ),
        migrations.AddIndex(
            model_name='report',
            index=models.Index(condition=models.Q(('duplicate_of__isnull', False)), fields=['duplicate_of'], name='report_duplicate_of'),
        ),
        migrations.AddIndex(
            model_name='report',
            index=models.Index(condition=models.Q(('suggested_category__isnull', False)), fields=['suggested_category'], name='report_suggested_category'),
        ),
    ]
