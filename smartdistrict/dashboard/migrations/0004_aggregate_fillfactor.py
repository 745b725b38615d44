"""Free space on the pages of the sums kept by delta (PostgreSQL only; issue 18).

A delta refresh updates only measure columns, which no index holds: with room left on
the row's page, PostgreSQL writes the new version there (a HOT update) and adds no entry
to the primary key or to the unique key. On pages filled to 100 % every update moved the
row to another page and added two index entries, so a refresh of 1,000 changes spread
over the history touched random pages of the tables and their indexes, more of them the
bigger the tables. The setting applies to the pages written from now on: a full rebuild
(``dashboard_refresh --full``) writes every page with the space.
"""

from django.db import migrations

# Percent of each page filled by inserts. The monthly tables are small and a refresh
# updates more of their rows per page (a month's rows): at 80 % some 15 % of the monthly
# rollup's updates still moved rows (170 of 1,127), 2 at 60 % (1,000 spread changes
# after a full rebuild, 1M reports).
FILLFACTOR = {
    "dashboard_dailyfact": 80,
    "dashboard_dailyrollup": 80,
    "dashboard_dailydurations": 80,
    "dashboard_monthlyfact": 60,
    "dashboard_monthlyrollup": 60,
    "dashboard_monthlydurations": 60,
}


def set_fillfactor(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, percent in FILLFACTOR.items():
        schema_editor.execute(f"ALTER TABLE {table} SET (fillfactor = {percent})")


def reset_fillfactor(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in FILLFACTOR:
        schema_editor.execute(f"ALTER TABLE {table} RESET (fillfactor)")


class Migration(migrations.Migration):

    dependencies = [
        ("dashboard", "0003_rollups_durations_zalo"),
    ]

    operations = [
        migrations.RunPython(set_fillfactor, reset_fillfactor),
    ]
