"""Telling people what happened: residents (acceptance, resolution, closure) and staff
(new report, overdue). Channels are pluggable: each class in FEEDBACK_NOTIFIERS gets every
message and sends it if it can reach the recipient (e-mail today; SMS or Zalo can follow)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from smartdistrict.feedback.models import Report, Status

log = logging.getLogger(__name__)

RESIDENT_EVENTS = {"created", Status.RESOLVED, Status.CLOSED, Status.REJECTED, Status.DUPLICATE}
STAFF_EVENTS = {"created", "overdue", Status.REOPENED, "forwarded"}


@dataclass(frozen=True)
class Message:
    email: str
    phone: str
    subject: str
    body: str


class EmailNotifier:
    def send(self, message: Message) -> None:
        if message.email:
            send_mail(message.subject, message.body, None, [message.email])


@cache
def notifiers() -> list:
    return [import_string(path)() for path in settings.FEEDBACK_NOTIFIERS]


def _resident_message(report: Report, event: str) -> Message | None:
    if event not in RESIDENT_EVENTS or not (report.reporter_email or report.reporter_phone):
        return None
    from smartdistrict.feedback.services.residents import resident_token

    link = f"{settings.PUBLIC_BASE_URL}/track/{report.code}?token={resident_token(report)}"
    with translation.override(settings.LANGUAGE_CODE):
        texts = {
            "created": _("We have received your report %(code)s. It is with %(department)s, "
                         "due by %(due)s."),
            Status.RESOLVED: _("Your report %(code)s has been resolved. Please tell us how "
                               "well it was handled (1–5) or reopen it within 7 days."),
            Status.CLOSED: _("Your report %(code)s is closed."),
            Status.REJECTED: _("Your report %(code)s could not be handled by us: see the "
                               "reason on its page."),
            Status.DUPLICATE: _("Your report %(code)s was merged with another report of the "
                                "same problem."),
        }
        body = texts[event] % {
            "code": report.code,
            "department": report.department.name,
            "due": timezone.localtime(report.due_at).strftime("%H:%M %d/%m/%Y"),
        }
        subject = _("Report %(code)s") % {"code": report.code}
    return Message(report.reporter_email, report.reporter_phone, subject, f"{body}\n\n{link}\n")


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
        if event == "forwarded":
            body += "\n" + _("%(ward)s, %(department)s; due by %(due)s.") % {
                "ward": report.ward.name, "department": report.department.name,
                "due": timezone.localtime(report.due_at).strftime("%H:%M %d/%m/%Y"),
            } + "\n"
    return [Message(email, "", subject, body) for email in sorted(emails)]


def deliver(report_id: int, event: str) -> int:
    """Build and send the messages for ``event``; returns how many were handed to channels."""
    report = Report.objects.select_related("department", "category", "ward").get(pk=report_id)
    messages = [m for m in [_resident_message(report, event)] if m]
    messages += _staff_messages(report, event)
    for message in messages:
        for path, notifier in zip(settings.FEEDBACK_NOTIFIERS, notifiers(), strict=True):
            try:
                notifier.send(message)
            except Exception as error:  # one failing channel must not stop the others
                # No traceback: gateway errors can carry the recipient's address.
                log.warning("notifier %s failed for %s (%s); retrying later",
                            path, report.code, type(error).__name__)
                from smartdistrict.feedback.tasks import resend

                resend(path, message.email, message.phone, message.subject, message.body)
    return len(messages)


def send_again(path: str, message: Message) -> None:
    """One more try of one channel for one message (raises so the job queue retries)."""
    notifiers_by_path = dict(zip(settings.FEEDBACK_NOTIFIERS, notifiers(), strict=True))
    notifier = notifiers_by_path.get(path)
    if notifier is not None:
        notifier.send(message)


def notify_on_commit(report: Report, event: str) -> None:
    """Queue the notification once the change is committed (never for a rolled-back one)."""
    from smartdistrict.feedback.tasks import send_notifications

    report_id = report.pk
    transaction.on_commit(lambda: send_notifications(report_id, str(event)))
