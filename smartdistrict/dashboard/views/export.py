"""GET /dashboard/export.xlsx: the reports received in the chosen period and unit."""

from __future__ import annotations

import tempfile

from django.http import FileResponse, HttpRequest
from django.views.decorators.http import require_GET

from smartdistrict.dashboard.access import staff_required
from smartdistrict.dashboard.export import write_reports
from smartdistrict.dashboard.views.context import read

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_required
@require_GET
def reports_export(request: HttpRequest) -> FileResponse:
    asked = read(request)
    period = asked.choice.period
    # A temporary file, not memory: FileResponse then streams it in blocks and closing
    # it deletes it.
    spool = tempfile.TemporaryFile()  # noqa: SIM115 — closed by FileResponse
    write_reports(spool, asked.selection, period, language=asked.language)
    spool.seek(0)
    name = f"phan-anh-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"
    return FileResponse(spool, as_attachment=True, filename=name, content_type=XLSX)
