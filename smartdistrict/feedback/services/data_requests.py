"""A resident's request to see or erase their data, handled by staff: registered with its
deadline on the working-time calendar, the person's reports found by phone or e-mail (or
added by code), their data exported as a file (a background download) or erased (the
same service as the retention purge), and answered. Each step is logged."""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.accounts.models import User
from smartdistrict.core.downloads.services import download_request
from smartdistrict.core.errors import InvalidInput, PermissionDenied
from smartdistrict.core.models import Download
from smartdistrict.core.selectors import working_calendar
from smartdistrict.feedback.models import (
    DataRequest,
    DataRequestAction,
    DataRequestEntry,
    DataRequestKind,
    DataRequestStatus,
    Report,
)
from smartdistrict.feedback.personal_data import data_requests_allowed, reports_of_person
from smartdistrict.feedback.services.privacy import PurgeResult, reports_personal_data_erase
from smartdistrict.feedback.validation import email_clean, phone_clean

EXPORT_BUILDER = "smartdistrict.feedback.personal_data.person_data_build"


def _allowed(actor: User) -> None:
    if not data_requests_allowed(actor):
        raise PermissionDenied(_("Only administrators handle personal data requests."))


def _open(request: DataRequest) -> None:
    if request.status != DataRequestStatus.OPEN:
        raise InvalidInput(_("This request has been answered; register a new one."),
                           code="data_request_closed")


def _log(request: DataRequest, action: str, actor: User, note: str = "",
         download_id=None) -> DataRequestEntry:
    return DataRequestEntry.objects.create(
        request=request, action=action, actor=actor, note=note, download_id=download_id,
        created_at=timezone.now(),
    )


def data_request_due(received_at: dt.datetime) -> dt.datetime:
    """The answer's deadline: DATA_REQUEST_ANSWER_WORKING_DAYS working days after receipt,
    on the jurisdiction's calendar (weekends, holidays, swapped days, office hours)."""
    return working_calendar().add_working_days(received_at,
                                               settings.DATA_REQUEST_ANSWER_WORKING_DAYS)


@transaction.atomic
def data_request_register(*, kind: str, actor: User, name: str = "", phone: str = "",
                          email: str = "", details: str = "",
                          received_at: dt.datetime | None = None) -> DataRequest:
    """Register a request received at ``received_at`` (now by default; a letter may have
    arrived earlier) and link the reports whose contact is this phone or e-mail."""
    _allowed(actor)
    if kind not in DataRequestKind.values:
        raise InvalidInput(_("Choose what the resident asks for."), field="kind",
                           code="invalid_choice")
    try:
        phone = phone_clean(phone)
    except InvalidInput as error:
        raise InvalidInput(error.message, field="phone", code=error.code) from None
    try:
        email = email_clean(email)
    except InvalidInput as error:
        raise InvalidInput(error.message, field="email", code=error.code) from None
    if not (phone or email):
        raise InvalidInput(_("Give the phone number or the e-mail the resident reported with."),
                           field="phone", code="contact_required")
    now = timezone.now()
    received_at = received_at or now
    if received_at > now:
        raise InvalidInput(_("The request cannot have been received in the future."),
                           field="received_at", code="received_in_future")
    request = DataRequest.objects.create(
        kind=kind, requester_name=name.strip()[:120], phone=phone, email=email,
        details=details.strip(), received_at=received_at, due_at=data_request_due(received_at),
        created_by=actor,
    )
    found = list(reports_of_person(phone=phone, email=email).values_list("id", flat=True))
    request.reports.add(*found)
    _log(request, DataRequestAction.REGISTERED, actor,
         _("%(n)d reports found by phone or e-mail.") % {"n": len(found)})
    return request


@transaction.atomic
def data_request_reports_add(*, request: DataRequest, codes: str, actor: User) -> int:
    """Add reports the resident names by code (written with other contact details, or
    none); every code must exist. Returns how many were added."""
    _allowed(actor)
    _open(request)
    wanted = {c.upper() for c in re.split(r"[\s,;]+", codes) if c}
    if not wanted:
        raise InvalidInput(_("Type one or more report codes."), field="codes", code="required")
    found = dict(Report.objects.filter(code__in=wanted).values_list("code", "id"))
    missing = sorted(wanted - set(found))
    if missing:
        raise InvalidInput(_("No report has these codes: %(codes)s.")
                           % {"codes": ", ".join(missing)}, field="codes",
                           code="report_not_found")
    before = set(request.reports.values_list("id", flat=True))
    new = [i for i in found.values() if i not in before]
    request.reports.add(*new)
    _log(request, DataRequestAction.REPORTS_ADDED, actor, ", ".join(sorted(found)))
    return len(new)


@transaction.atomic
def data_request_export(*, request: DataRequest, actor: User) -> Download:
    """Queue the file of the person's data (core.downloads, in the private storage shared by
    every host), fetchable only by ``actor``; logged with the download's id."""
    _allowed(actor)
    _open(request)
    download = download_request(
        kind="personal_data", builder=EXPORT_BUILDER,
        params={"request": request.id, "asked_at": timezone.now().isoformat()},
        owner_id=actor.id, keep=dt.timedelta(hours=settings.DATA_REQUEST_EXPORT_KEEP_HOURS),
    )
    _log(request, DataRequestAction.EXPORTED, actor,
         _("%(n)d reports.") % {"n": request.reports.count()}, download_id=download.id)
    return download


@transaction.atomic
def data_request_erase(*, request: DataRequest, actor: User) -> PurgeResult:
    """Erase the personal data of the request's reports with the retention purge's own
    service (contact, personal data in free text, device ids, photos as policy says)."""
    _allowed(actor)
    _open(request)
    if request.kind != DataRequestKind.ERASURE:
        raise InvalidInput(_("The resident asked to see their data, not to erase it."),
                           code="not_an_erasure")
    ids = list(request.reports.values_list("id", flat=True))
    result = reports_personal_data_erase(report_ids=ids) if ids else PurgeResult()
    _log(request, DataRequestAction.ERASED, actor, result.summary())
    return result


@transaction.atomic
def data_request_close(*, request: DataRequest, actor: User, answer: str,
                       refused: bool = False) -> DataRequest:
    """Record the answer given to the resident (or the refusal and its reason)."""
    _allowed(actor)
    _open(request)
    answer = answer.strip()
    if not answer:
        raise InvalidInput(_("Write what the resident was told."), field="answer",
                           code="required")
    request.status = DataRequestStatus.REFUSED if refused else DataRequestStatus.ANSWERED
    request.answer, request.answered_at = answer, timezone.now()
    request.save(update_fields=["status", "answer", "answered_at"])
    _log(request, DataRequestAction.REFUSED if refused else DataRequestAction.ANSWERED,
         actor, answer)
    return request
