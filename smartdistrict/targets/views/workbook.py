"""The workbook pages: upload with a dry-run preview, commit, and download (built in the
background: a download page, then the file from any host)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import secrets

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartdistrict.core.downloads.services import Output, download_request, private_storage
from smartdistrict.core.errors import DomainError
from smartdistrict.core.models import Download
from smartdistrict.targets.forms import UploadForm
from smartdistrict.targets.services.workbook import workbook_export, workbook_import
from smartdistrict.targets.views.access import importer_required, viewer_required

SESSION_KEY = "targets_import_tokens"
# Uploaded workbooks wait for their commit this long, then they are removed.
UPLOAD_MAX_AGE_SECONDS = 24 * 3600
# In the private storage, shared by every host: the commit may reach another host than
# the upload did.
UPLOAD_FOLDER = "targets-imports"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _remove_stale() -> None:
    storage = private_storage()
    limit = timezone.now() - dt.timedelta(seconds=UPLOAD_MAX_AGE_SECONDS)
    with contextlib.suppress(FileNotFoundError):
        for name in storage.listdir(UPLOAD_FOLDER)[1]:
            path = f"{UPLOAD_FOLDER}/{name}"
            with contextlib.suppress(FileNotFoundError, NotImplementedError):
                if storage.get_modified_time(path) < limit:
                    storage.delete(path)


def _stored(token: str) -> str:
    return f"{UPLOAD_FOLDER}/{token}.xlsx"


def _read(name: str) -> io.BytesIO:
    with private_storage().open(name, "rb") as handle:
        return io.BytesIO(handle.read())


@importer_required
@require_http_methods(["GET", "POST"])
def import_workbook(request: HttpRequest) -> HttpResponse:
    """GET: the upload form. POST: keep the file, answer the dry run with a commit button."""
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "nav": "import"}
    if request.method == "POST" and form.is_valid():
        _remove_stale()
        token = secrets.token_urlsafe(16)
        name = private_storage().save(_stored(token), form.cleaned_data["file"])
        try:
            plan = workbook_import(source=_read(name), commit=False, actor=request.user)
        except DomainError as error:
            private_storage().delete(name)
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
    name = _stored(token)
    context = {"form": UploadForm(), "nav": "import"}
    if token not in tokens or not private_storage().exists(name):
        context["expired"] = True
        return render(request, "targets/import.html", context, status=400)
    try:
        plan = workbook_import(source=_read(name), commit=True, actor=request.user)
    except DomainError as error:
        context["form"].add_error(None, str(error.message))
        return render(request, "targets/import.html", context, status=400)
    finally:
        private_storage().delete(name)
        request.session[SESSION_KEY] = [t for t in tokens if t != token]
    context["plan"] = plan
    return render(request, "targets/import.html", context)


@viewer_required
@require_GET
def export_workbook(request: HttpRequest) -> HttpResponse:
    """Queue the workbook (every indicator and its measurements) and show its download."""
    download = download_request(
        kind="targets-workbook", builder="smartdistrict.targets.views.workbook.build_workbook",
        params={}, owner_id=request.user.id, language=get_language(),
        keep=dt.timedelta(hours=1),
    )
    return redirect(f"/downloads/{download.id}?back=/targets/")


def build_workbook(download: Download, output: Output) -> None:
    """The download's builder (run by a job consumer)."""
    from smartdistrict.accounts.models import User

    output.progress(10, _("Writing the Excel file"))
    name = _("indicators-workbook") + f"-{timezone.localdate():%Y%m%d}.xlsx"
    with output.file(name, XLSX) as handle:
        workbook_export(destination=handle, language=download.language,
                        actor=User.objects.filter(id=download.owner_id).first())
