"""Meeting briefs: ask (POST /dashboard/briefs/), follow (GET …/<id>, polled by HTMX
every second while it is built), download (GET …/<id>/brief.pdf|xlsx; requester only)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from smartdistrict.core.downloads.services import private_storage
from smartdistrict.core.errors import NotFound
from smartdistrict.dashboard.access import staff_required
from smartdistrict.dashboard.brief.build import brief_request
from smartdistrict.dashboard.brief.services import brief_for
from smartdistrict.dashboard.models import BriefStatus
from smartdistrict.dashboard.views.context import read

TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _status(request: HttpRequest, brief) -> HttpResponse:
    template = "dashboard/_brief.html" if request.htmx else "dashboard/brief.html"
    return render(request, template, {"brief": brief, "done": BriefStatus.DONE,
                                      "failed": BriefStatus.FAILED})


@staff_required
@require_POST
def brief_create(request: HttpRequest) -> HttpResponse:
    asked = read(request, request.POST)  # the page's filter, posted with the button
    brief = brief_request(user=request.user, period=asked.choice.period,
                          unit_code=asked.choice.unit_code)
    brief.refresh_from_db()
    if request.htmx:
        return _status(request, brief)
    return redirect("dashboard:brief", brief_id=brief.id)


@staff_required
@require_GET
def brief_status(request: HttpRequest, brief_id) -> HttpResponse:
    try:
        brief = brief_for(request.user, brief_id)
    except NotFound:
        raise Http404 from None
    return _status(request, brief)


@staff_required
@require_GET
def brief_file(request: HttpRequest, brief_id, kind: str) -> FileResponse:
    try:
        brief = brief_for(request.user, brief_id)
    except NotFound:
        raise Http404 from None
    name = {"pdf": brief.pdf_name, "xlsx": brief.xlsx_name}.get(kind)
    if kind not in TYPES or brief.status != BriefStatus.DONE or not name:
        raise Http404
    try:
        handle = private_storage().open(name, "rb")  # any host: the storage is shared
    except FileNotFoundError:
        raise Http404 from None
    filename = f"bao-cao-{brief.start:%Y%m%d}-{brief.end:%Y%m%d}.{kind}"
    return FileResponse(handle, as_attachment=True, filename=filename,
                        content_type=TYPES[kind])
