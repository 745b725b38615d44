"""benchmarks/city.py's intake rows are what report_create takes (it broke when the service
moved to ReportInput and nobody ran the module)."""

import random

import numpy as np
import pytest

from smartdistrict.feedback.models import Report


@pytest.mark.django_db
def test_intake_rows_create_reports_through_the_service():
    from smartdistrict.demo.data import seed_demo

    seed_demo()  # the city pack: units, categories, routing
    from benchmarks.city import _intake_rows, resident_points
    from smartdistrict.feedback.services.intake import report_create

    rows = _intake_rows(random.Random(3), *resident_points(np.random.default_rng(3), 3))
    for row in rows:
        report_create(data=row)
    assert Report.objects.count() == 3
    assert all(report.ward_id for report in Report.objects.all())
