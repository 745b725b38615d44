"""Asking for a brief and building it: the request queues ``brief_build_job`` (defined
here, beside what it runs; dashboard.tasks lists it for the consumer)."""

from __future__ import annotations

import logging
import tempfile

from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from huey.contrib.djhuey import db_task

from smartdistrict.accounts.models import User
from smartdistrict.core.downloads.services import private_storage
from smartdistrict.dashboard.brief.content import gather
from smartdistrict.dashboard.brief.pdf import render_pdf
from smartdistrict.dashboard.brief.services import BRIEF_FOLDER, brief_progress
from smartdistrict.dashboard.brief.workbook import write_workbook
from smartdistrict.dashboard.models import Brief, BriefStatus
from smartdistrict.dashboard.selectors.scope import Period, selection_for
from smartdistrict.geography.selectors import whole_jurisdiction_label

log = logging.getLogger(__name__)


def brief_request(*, user: User, period: Period, unit_code: str = "") -> Brief:
    """Record the request and queue its building (after the commit, so the worker finds it)."""
    selection_for(user, unit_code)  # refuses an unknown unit now rather than in the job
    with transaction.atomic():
        brief = Brief.objects.create(requested_by=user, start=period.start, end=period.end,
                                     unit_code=unit_code)
        transaction.on_commit(lambda: brief_build_job(str(brief.id)))
    brief.refresh_from_db()
    return brief


def brief_build(*, brief_id: str) -> Brief:
    """Gather the figures in the requester's scope and write the PDF and the workbook, in
    Vietnamese, into the private storage that every host shares; the progress is saved as
    it goes for the page that polls it."""
    brief = Brief.objects.select_related("requested_by").get(id=brief_id)
    try:
        with translation.override("vi"):
            brief_progress(brief, 5, _("Reading the figures"))
            selection = selection_for(brief.requested_by, brief.unit_code)
            unit = selection.unit.name if selection.unit else whole_jurisdiction_label()
            content = gather(selection, Period(brief.start, brief.end), unit)
            brief_progress(brief, 50, _("Writing the PDF"))
            storage = private_storage()
            with tempfile.TemporaryFile() as handle:
                handle.write(render_pdf(content))
                handle.seek(0)
                pdf_name = storage.save(f"{BRIEF_FOLDER}/{brief.id}.pdf", File(handle))
            brief_progress(brief, 80, _("Writing the Excel file"))
            with tempfile.TemporaryFile() as handle:
                write_workbook(handle, content)
                handle.seek(0)
                xlsx_name = storage.save(f"{BRIEF_FOLDER}/{brief.id}.xlsx", File(handle))
        brief.pdf_name, brief.xlsx_name = pdf_name, xlsx_name
        brief.status, brief.progress, brief.step = BriefStatus.DONE, 100, ""
        brief.finished_at = timezone.now()
        brief.save()
    except Exception as error:
        log.exception("brief %s failed", brief_id)
        brief.status, brief.error = BriefStatus.FAILED, str(error)[:500]
        brief.finished_at = timezone.now()
        brief.save(update_fields=["status", "error", "finished_at"])
    return brief


@db_task(retries=0)
def brief_build_job(brief_id: str) -> None:
    brief_build(brief_id=brief_id)
