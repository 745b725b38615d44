"""GET /dashboard/export.xlsx: the reports received in the chosen period and unit, as an
Excel file built in the background (100,000 rows take half a minute: past a web worker's
timeout). The request is queued and answered with the download's page; the builder reads
the requester's scope again in the job."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from smartdistrict.accounts.models import User
from smartdistrict.core.downloads.services import Output, download_request
from smartdistrict.core.models import Download
from smartdistrict.dashboard.access import staff_required
from smartdistrict.dashboard.export import write_reports
from smartdistrict.dashboard.selectors.scope import Period, selection_for
from smartdistrict.dashboard.views.context import read

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_required
@require_GET
def reports_export(request: HttpRequest) -> HttpResponse:
    asked = read(request)
    period = asked.choice.period
    download = download_request(
        kind="dashboard-reports", builder="smartdistrict.dashboard.views.export.build",
        params={"start": period.start.isoformat(), "end": period.end.isoformat(),
                "unit": asked.choice.unit_code},
        owner_id=request.user.id, language=asked.language,
    )
    back = reverse("dashboard:home") + "?" + request.GET.urlencode()
    return redirect(reverse("download", args=[download.id]) + "?back=" + quote(back, safe="/"))


def build(download: Download, output: Output) -> int:
    """The download's builder: the requester's scope as it is now, the period asked."""
    user = User.objects.get(id=download.owner_id)
    params = download.params
    period = Period(dt.date.fromisoformat(params["start"]), dt.date.fromisoformat(params["end"]))
    selection = selection_for(user, params.get("unit", ""))
    output.progress(5, _("Reading the reports"))
    name = f"phan-anh-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"
    with output.file(name, XLSX) as handle:
        return write_reports(handle, selection, period, language=download.language,
                             progress=output.progress)
