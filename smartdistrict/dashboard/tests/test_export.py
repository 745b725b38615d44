"""The reports behind a period as Excel: every report received, no personal data."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from smartdistrict.core.tests import downloads
from smartdistrict.dashboard.tests import independent
from smartdistrict.dashboard.tests.conftest import TERRITORY
from smartdistrict.feedback.models import Report


def test_export_lists_the_reports_received_without_personal_data(history, login):
    name, content = downloads.fetch(login("lanhdao"), "/dashboard/export.xlsx",
                                    {"start": "2025-06-01", "end": "2025-07-31",
                                     "unit": "26944"})
    assert name == "phan-anh-20250601-20250731.xlsx"
    book = load_workbook(io.BytesIO(content), read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    expected = independent.figures(dt.date(2025, 6, 1), dt.date(2025, 7, 31),
                                   ward_codes=TERRITORY["26944"])
    assert len(rows) - 1 == expected["received"]
    assert {row[4] for row in rows[1:]} == {"Phường Gia Định"}  # ward at the period's end
    codes = {row[0] for row in rows[1:]}
    phones = set(Report.objects.filter(code__in=codes).exclude(reporter_phone="")
                 .values_list("reporter_phone", flat=True))
    cells = {str(v) for row in rows for v in row if v is not None}
    assert phones and not phones & cells
