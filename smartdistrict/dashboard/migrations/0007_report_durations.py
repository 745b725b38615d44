"""The durations a median walks move to a table of their own (ReportDuration), and the
facts' pages keep room for updates (issue 18).

ReportFact no longer indexes a duration, so a report whose response or resolution moved
updates its fact in place (HOT: no new entry in any of its indexes) when its page has
room: on PostgreSQL the table is given a fillfactor and rewritten once (CLUSTER on its
primary key, in this migration's transaction: the facts are locked while it runs; the
whole migration took under three minutes at a million reports on a shared machine); the
new table's pages keep the same room. The new table is filled from the facts here, so
the medians read it at once; from then on the refresh keeps it (facts/walk.py).
"""

from django.db import migrations, models

FACTS, DURATIONS = "dashboard_reportfact", "dashboard_reportduration"
# Percent of each page filled by inserts: the rest is for the new versions of updated
# rows. A refresh after 1,000 changes spread over the history updates about one fact per
# page; 10 % of a page holds several new versions (rows of ~130 bytes). The durations'
# updates change an indexed column (no HOT), but the new version still goes on the same
# page when it fits: one heap page per change instead of two (at a million reports their
# upsert measured 65 → 56 ms, within the noise of a shared machine).
FILLFACTOR = 90
# kind → (day, seconds, bucket) columns of ReportFact, as in models.DURATION_KINDS.
SOURCES = {1: ("response_day", "response_s", "response_bucket"),
           2: ("resolved_day", "resolution_s", "resolution_bucket")}


def set_durations_fillfactor(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":  # still empty: nothing to rewrite
        schema_editor.execute(f"ALTER TABLE {DURATIONS} SET (fillfactor = {FILLFACTOR})")


def copy_durations(apps, schema_editor):
    for kind, (day, seconds, bucket) in SOURCES.items():
        schema_editor.execute(
            f"INSERT INTO {DURATIONS} (report_id, kind, day, seconds, bucket, "
            f"ward_id, department_id) SELECT report_id, {kind}, {day}, {seconds}, {bucket}, "
            f"ward_id, department_id FROM {FACTS} WHERE {day} IS NOT NULL"
        )


def set_fillfactor(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {FACTS} SET (fillfactor = {FILLFACTOR})")
    # The setting applies to pages written from now on: rewrite the table once (CLUSTER,
    # unlike VACUUM FULL, runs inside the migration's transaction), and forget the
    # clustering index, which nothing else uses.
    schema_editor.execute(f"CLUSTER {FACTS} USING {FACTS}_pkey")
    schema_editor.execute(f"ALTER TABLE {FACTS} SET WITHOUT CLUSTER")


def reset_fillfactor(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE {FACTS} RESET (fillfactor)")


class Migration(migrations.Migration):

    dependencies = [
        ('dashboard', '0006_refreshstate_overdue_at'),
    ]

    operations = [
        migrations.CreateModel(
            name='ReportDuration',
            fields=[
                ('pk', models.CompositePrimaryKey('report_id', 'kind', blank=True, editable=False, primary_key=True, serialize=False)),
                ('report_id', models.BigIntegerField()),
                ('kind', models.PositiveSmallIntegerField()),
                ('day', models.DateField()),
                ('seconds', models.BigIntegerField()),
                ('bucket', models.SmallIntegerField()),
                ('ward_id', models.BigIntegerField()),
                ('department_id', models.BigIntegerField()),
            ],
        ),
        migrations.RunPython(set_durations_fillfactor, migrations.RunPython.noop),
        migrations.RunPython(copy_durations, migrations.RunPython.noop),
        migrations.RemoveIndex(
            model_name='reportfact',
            name='dash_rf_response_bs',
        ),
        migrations.RemoveIndex(
            model_name='reportfact',
            name='dash_rf_resolved_bs',
        ),
        migrations.AddIndex(
            model_name='reportduration',
            index=models.Index(fields=['kind', 'bucket', 'seconds', 'day', 'ward_id', 'department_id'], name='dash_rd_walk'),
        ),
        migrations.RunPython(set_fillfactor, reset_fillfactor),
    ]
