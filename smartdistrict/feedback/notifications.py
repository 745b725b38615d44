"""Telling people what happened: residents (acceptance, resolution, closure) and staff
(new report, overdue). This module writes the messages; feedback.channels carries them
(e-mail, SMS, Zalo … as NOTIFICATION_CHANNELS lists): each channel that reaches the
recipient sends, and one failing channel does not stop the others.

Services call ``notify_on_commit``; the job it relies on is defined here with the code
it runs, so this module needs nothing above it (feedback.tasks lists it for the job
consumer)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from huey.contrib.djhuey import db_task

from smartdistrict.feedback import policy
from smartdistrict.feedback.alerts import alert_messages
from smartdistrict.feedback.channels import Kind, Message, send
from smartdistrict.feedback.models import Channel, Event, EventKind, PhotoStage, Report, Status
from smartdistrict.feedback.resident_token import resident_token

log = logging.getLogger(__name__)

# The resident is told at every step: received, assigned, work started, resolved (with
# what was done and the photos of the fix), closed, refused (with the reason), merged,
# reopened.
RESIDENT_EVENTS = {
    "created", Status.ASSIGNED, Status.IN_PROGRESS, Status.RESOLVED, Status.CLOSED,
    Status.REJECTED, Status.DUPLICATE, Status.REOPENED,
}
STAFF_EVENTS = {"created", "overdue", Status.REOPENED, "forwarded"}
# Doors that answer the resident themselves, in the thread the report came in (the reply
# to their e-mail, the Zalo conversation), with the code: no second "received" message.
DOORS_THAT_ACKNOWLEDGE = frozenset({Channel.EMAIL, Channel.ZALO})


def _resident_texts() -> dict[str, str]:
    return {
        "created": _("We have received your report %(code)s. It is with %(department)s, "
                     "due by %(due)s."),
        Status.ASSIGNED: _("Your report %(code)s has been given to an officer of "
                           "%(department)s."),
        Status.IN_PROGRESS: _("Work on your report %(code)s has started (%(department)s)."),
        Status.RESOLVED: _("Your report %(code)s has been resolved. Please tell us how "
                           "well it was handled (1–5) or reopen it within %(days)d days."),
        Status.CLOSED: _("Your report %(code)s is closed."),
        Status.REJECTED: _("Your report %(code)s could not be handled by us."),
        Status.DUPLICATE: _("Your report %(code)s was merged with another report of the "
                            "same problem."),
        Status.REOPENED: _("Your report %(code)s has been reopened: it is back with "
                           "%(department)s, due by %(due)s."),
    }


def _step_details(report: Report, event: str) -> list[str]:
    """The public note of the step (what was done, the reason) and, on resolution, the
    links to the photos of the fix."""
    lines = []
    if event in Status.values and event != Status.DUPLICATE:
        step = (Event.objects.filter(report=report, kind=EventKind.TRANSITION, to_status=event,
                                     public=True).exclude(note="")
                .order_by("-created_at", "-id").values_list("note", flat=True).first())
        if step:
            label = {Status.RESOLVED: _("What was done:"),
                     Status.REJECTED: _("The reason:")}.get(event, _("Note:"))
            lines.append(f"{label} {step}")
    if event == Status.RESOLVED:
        photos = [f"{settings.PUBLIC_BASE_URL}{p.image.url}"
                  for p in report.photos.filter(stage=PhotoStage.AFTER).only("image")]
        if photos:
            lines.append(_("Photos of the fix:") + "\n" + "\n".join(photos))
    return lines


def _resident_message(report: Report, event: str) -> Message | None:
    if event not in RESIDENT_EVENTS:
        return None
    if event == "created" and report.channel in DOORS_THAT_ACKNOWLEDGE:
        return None
    link = f"{settings.PUBLIC_BASE_URL}/track/{report.code}?token={resident_token(report)}"
    with translation.override(settings.LANGUAGE_CODE):
        body = _resident_texts()[event] % {
            "code": report.code,
            "days": policy.RESIDENT_REOPEN_DAYS,
            "department": report.department.name,
            "due": timezone.localtime(report.due_at).strftime("%H:%M %d/%m/%Y"),
        }
        details = _step_details(report, event)
        subject = _("Report %(code)s") % {"code": report.code}
    text = "\n\n".join([body, *details, link]) + "\n"
    return Message(report.reporter_email, report.reporter_phone, subject, text,
                   report_code=report.code, kind=Kind.STATUS, sms=f"{subject}: {body}")


def _staff_messages(report: Report, event: str) -> list[Message]:
    if event not in STAFF_EVENTS:
        return []
    from smartdistrict.accounts.models import Role, User
    from smartdistrict.geography.selectors import units_covering

    emails = {report.department.email} if report.department.email else set()
    # Officers whose territory holds the report's ward, also when the report was filed
    # under a former ward (its successor's officers take it over): one query, whatever
    # the number of units and officers.
    emails |= set(
        User.objects.filter(
            role=Role.WARD_OFFICER, is_active=True, units__in=units_covering(report.ward_id)
        ).exclude(email="").values_list("email", flat=True).distinct()
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = {
            "created": _("New report %(code)s"),
            "overdue": _("Report %(code)s is past its due time"),
            Status.REOPENED: _("Report %(code)s was reopened"),
            "forwarded": _("Report %(code)s was forwarded to you"),
        }[event] % {"code": report.code}
        body = f"{report.category.name}\n{report.description}\n"
        body += "\n" + _("Open it in the console:") + " " + settings.PUBLIC_BASE_URL + reverse(
            "console:report", args=[report.code]) + "\n"
        if event == "forwarded":
            body += "\n" + _("%(ward)s, %(department)s; due by %(due)s.") % {
                "ward": report.ward.name, "department": report.department.name,
                "due": timezone.localtime(report.due_at).strftime("%H:%M %d/%m/%Y"),
            } + "\n"
    return [Message(email, "", subject, body, report_code=report.code, kind=Kind.STAFF)
            for email in sorted(emails)]


def deliver(report_id: int, event: str) -> int:
    """Build the messages for ``event`` and hand each to the channels that reach its
    recipient; returns how many were taken by at least one channel."""
    report = Report.objects.select_related("department", "category", "ward").get(pk=report_id)
    messages = [m for m in [_resident_message(report, event)] if m]
    messages += _staff_messages(report, event)
    sent = sum(1 for message in messages if send(message))
    return sent + sum(1 for message in alert_messages(report, event)
                      if send(message, via=["email"]))


@db_task(retries=3, retry_delay=60)
def send_notifications(report_id: int, event: str) -> int:
    return deliver(report_id, event)


def notify_on_commit(report: Report, event: str) -> None:
    """Queue the notification once the change is committed (never for a rolled-back one)."""
    report_id = report.pk
    transaction.on_commit(lambda: send_notifications(report_id, str(event)))
