"""The city-wide indexes of the duration counts no longer hold ``count`` (issue 18).

``count`` was an INCLUDE column of dash_durations_city and dash_month_durations_city. A
column held by any index of a table forbids HOT updates on PostgreSQL, so every upsert of
a count by the delta refresh wrote a new row version and new entries into every index of
DailyDurations and MonthlyDurations (0 of 2,000-3,000 updates were HOT on the bench
databases). Without it they are updated in place, like the other sums. The indexes are
small (3 MB at a million reports); rebuilding them takes a second.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('dashboard', '0007_report_durations'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='dailydurations',
            name='dash_durations_city',
        ),
        migrations.RemoveIndex(
            model_name='monthlydurations',
            name='dash_month_durations_city',
        ),
        migrations.AddIndex(
            model_name='dailydurations',
            index=models.Index(condition=models.Q(('department_id', 0), ('ward_id', 0)), fields=['day', 'kind', 'bucket'], name='dash_durations_city'),
        ),
        migrations.AddIndex(
            model_name='monthlydurations',
            index=models.Index(condition=models.Q(('department_id', 0), ('ward_id', 0)), fields=['month', 'kind', 'bucket'], name='dash_month_durations_city'),
        ),
    ]
