"""A download's page (refreshes itself until the file is ready) and its files, served from
the private storage by whichever host is asked."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from smartdistrict.core.downloads.services import download_for, private_storage
from smartdistrict.core.errors import NotFound
from smartdistrict.core.models import DownloadStatus


def _download(request: HttpRequest, download_id):
    try:
        return download_for(download_id, request.user)
    except NotFound:
        raise Http404 from None


@require_GET
def download_page(request: HttpRequest, download_id) -> HttpResponse:
    download = _download(request, download_id)
    waiting = download.status in (DownloadStatus.PENDING, DownloadStatus.RUNNING)
    return render(request, "core/download.html", {
        "download": download, "waiting": waiting, "failed": download.status == "failed",
        "back": request.GET.get("back", "") if request.GET.get("back", "").startswith("/")
        and not request.GET.get("back", "").startswith("//") else "",
    })


@require_GET
def download_file(request: HttpRequest, download_id, filename: str) -> FileResponse:
    download = _download(request, download_id)
    entry = next((f for f in download.files if f["filename"] == filename), None)
    if download.status != DownloadStatus.DONE or entry is None:
        raise Http404
    try:
        handle = private_storage().open(entry["name"], "rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=filename,
                        content_type=entry["content_type"])
