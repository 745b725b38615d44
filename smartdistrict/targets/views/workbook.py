"""The workbook pages: upload with a dry-run preview, commit, and download."""

from __future__ import annotations

import secrets
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartdistrict.core.errors import DomainError
from smartdistrict.targets.forms import UploadForm
from smartdistrict.targets.services.workbook import workbook_export, workbook_import
from smartdistrict.targets.views.access import importer_required, viewer_required

SESSION_KEY = "targets_import_tokens"
# Uploaded workbooks wait for their commit this long, then they are removed.
UPLOAD_MAX_AGE_SECONDS = 24 * 3600


def upload_dir() -> Path:
    """Where uploads wait for their commit (TARGETS_IMPORT_DIR, default var/targets-imports)."""
    path = Path(settings.TARGETS_IMPORT_DIR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _remove_stale() -> None:
    limit = time.time() - UPLOAD_MAX_AGE_SECONDS
    for stale in upload_dir().glob("*.xlsx"):
        if stale.stat().st_mtime < limit:
            stale.unlink(missing_ok=True)


def _stored(token: str) -> Path:
    return upload_dir() / f"{token}.xlsx"


@importer_required
@require_http_methods(["GET", "POST"])
def import_workbook(request: HttpRequest) -> HttpResponse:
    """GET: the upload form. POST: keep the file, answer the dry run with a commit button."""
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "nav": "import"}
    if request.method == "POST" and form.is_valid():
        _remove_stale()
        token = secrets.token_urlsafe(16)
        path = _stored(token)
        with path.open("wb") as handle:
            for chunk in form.cleaned_data["file"].chunks():
                handle.write(chunk)
        try:
            plan = workbook_import(source=str(path), commit=False, actor=request.user)
        except DomainError as error:
            path.unlink(missing_ok=True)
            form.add_error("file", str(error.message))
            return render(request, "targets/import.html", context, status=400)
        tokens = request.session.get(SESSION_KEY, [])
        request.session[SESSION_KEY] = [*tokens[-9:], token]
        context.update({"plan": plan, "token": token,
                        "filename": form.cleaned_data["file"].name})
    status = 400 if request.method == "POST" and not form.is_valid() else 200
    return render(request, "targets/import.html", context, status=status)


@importer_required
@require_POST
def import_commit(request: HttpRequest) -> HttpResponse:
    token = request.POST.get("token", "")
    tokens = request.session.get(SESSION_KEY, [])
    path = _stored(token)
    context = {"form": UploadForm(), "nav": "import"}
    if token not in tokens or not path.exists():
        context["expired"] = True
        return render(request, "targets/import.html", context, status=400)
    try:
        plan = workbook_import(source=str(path), commit=True, actor=request.user)
    except DomainError as error:
        context["form"].add_error(None, str(error.message))
        return render(request, "targets/import.html", context, status=400)
    finally:
        path.unlink(missing_ok=True)
        request.session[SESSION_KEY] = [t for t in tokens if t != token]
    context["plan"] = plan
    return render(request, "targets/import.html", context)


@viewer_required
@require_GET
def export_workbook(request: HttpRequest) -> FileResponse:
    handle = tempfile.TemporaryFile()  # noqa: SIM115 — the response closes it once sent
    workbook_export(destination=handle, language=get_language(), actor=request.user)
    handle.seek(0)
    name = _("indicators-workbook") + f"-{timezone.localdate():%Y%m%d}.xlsx"
    return FileResponse(
        handle, as_attachment=True, filename=name,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
