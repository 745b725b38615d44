"""The e-mail door: a received message becomes a report (or a follow-up of one) through
feedback's one intake, and the sender is answered in the same thread.

- A new message: its text (the subject first), its image attachments as photos (the
  photo pipeline checks and re-encodes them without EXIF), the place written in the text
  (resolved by the geography app), the sender's address as the contact; the category is
  the suggester's. The answer carries the report's code and link.
- A reply to one of our answers (In-Reply-To/References), or a message whose subject
  names a code of a report by the same sender: added to that report's timeline.
- Anything that cannot be read or is refused by intake: a polite answer saying why and
  what to send; the message is kept with its reason (admin: "Received messages").
- Automatic mail (auto-replies, bounces, lists) is kept and never answered (no loops).
"""

from __future__ import annotations

import logging
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from smartdistrict.core.errors import DomainError
from smartdistrict.feedback.models import Channel, Report
from smartdistrict.feedback.photos import MAX_PHOTOS
from smartdistrict.feedback.report_input import Contact, IntakeRefused, Place, ReportInput
from smartdistrict.feedback.services.intake import report_create
from smartdistrict.feedback.services.residents import report_resident_message
from smartdistrict.inbox.common import (
    address_in,
    category_for_text,
    inbound_keep,
    outcome_of,
    track_link,
)
from smartdistrict.inbox.mail import ReadMail, read_mail
from smartdistrict.inbox.models import Door, InboundMessage, Outcome

log = logging.getLogger(__name__)

PROBLEMS = {
    "unparseable": gettext_noop("We could not read your e-mail."),
    "empty": gettext_noop("Your e-mail has no text and no photo."),
    "no_sender": gettext_noop("Your e-mail has no address to answer."),
}


def mail_receive(raw: bytes, *, envelope_sender: str = "") -> InboundMessage:
    """Handle one received message (the SMTP listener calls this for each). Never raises:
    the message is stored first, and a failure is recorded with it."""
    stored = inbound_keep(door=Door.EMAIL, raw=raw, sender=envelope_sender)
    try:
        with translation.override(settings.LANGUAGE_CODE):
            _handle(stored, read_mail(raw, envelope_sender=envelope_sender))
    except Exception as error:  # kept for staff to see; the sender's mail is not lost
        log.exception("e-mail intake failed for message %s", stored.pk)
        outcome_of(stored, Outcome.FAILED, reason=type(error).__name__)
    return stored


def _handle(stored: InboundMessage, mail: ReadMail) -> None:
    stored.sender = (mail.sender or stored.sender)[:254]
    stored.subject, stored.message_id = mail.subject, mail.message_id
    if mail.automatic:
        outcome_of(stored, Outcome.IGNORED, reason="automatic")
        return
    if mail.problem:
        _answer(stored, mail, _(PROBLEMS[mail.problem]) + "\n\n" + _how_to_report())
        outcome_of(stored, Outcome.REFUSED, reason=mail.problem)
        return
    report = _report_answered(mail)
    if report is not None:
        try:
            report_resident_message(report=report, text=mail.text,
                                    photos=[p.data for p in mail.photos], door=Door.EMAIL)
        except DomainError as error:
            _answer(stored, mail, _("We could not add your message to report %(code)s: "
                                    "%(reason)s") % {"code": report.code,
                                                     "reason": error.message})
            outcome_of(stored, Outcome.REFUSED, reason=error.code, report=report)
            return
        _answer(stored, mail, _("Your message was added to report %(code)s.")
                % {"code": report.code} + "\n\n" + track_link(report), code=report.code)
        outcome_of(stored, Outcome.ADDED, report=report)
        return
    _with_earlier_attempt(mail)
    try:
        report, _created = report_create(data=_report_input(mail))
    except IntakeRefused as refused:
        reasons = "\n".join(f"- {error.message}" for error in refused.errors)
        _answer(stored, mail, _("We could not take your e-mail as a report:") + "\n"
                + reasons + "\n\n" + _how_to_report())
        outcome_of(stored, Outcome.REFUSED,
                   reason=", ".join(f"{e.field}:{e.code}" for e in refused.errors))
        return
    _answer(stored, mail, _acknowledgement(report), code=report.code)
    outcome_of(stored, Outcome.CREATED, report=report)


def _with_earlier_attempt(mail: ReadMail) -> None:
    """A reply to our answer to a message we could not take (the resident adds the
    address we asked for): the earlier message's text and photos count too."""
    if not mail.references:
        return
    earlier = (
        InboundMessage.objects.filter(door=Door.EMAIL, report__isnull=True,
                                      outcome=Outcome.REFUSED)
        .filter(Q(reply_id__in=mail.references) | Q(message_id__in=mail.references))
        .order_by("-received_at").first()
    )
    if earlier is None:
        return
    first = read_mail(bytes(earlier.raw))
    mail.text = "\n\n".join(part for part in (first.subject, first.text, mail.text) if part)
    mail.photos = first.photos + mail.photos


def _report_input(mail: ReadMail) -> ReportInput:
    subject = "" if mail.subject.lower().startswith(("re:", "fw:", "fwd:")) else mail.subject
    text = "\n\n".join(part for part in (subject, mail.text) if part)
    return ReportInput(
        category=category_for_text(text),
        description=text,
        place=Place(address=address_in(text)),
        contact=Contact(name=mail.name, email=mail.sender),
        # At most MAX_PHOTOS: more (a signature's inline logo …) would refuse them all.
        photos=[photo.data for photo in mail.photos][:MAX_PHOTOS],
        channel=Channel.EMAIL,
        # A message delivered twice (an SMTP retry) is one report.
        idempotency_key=mail.message_id or None,
        client="email",
    )


def _report_answered(mail: ReadMail) -> Report | None:
    """The report whose thread this message answers, or whose code its subject names
    (only a report the same address sent: a code alone is public)."""
    if mail.references:
        earlier = (
            InboundMessage.objects.filter(door=Door.EMAIL, report__isnull=False)
            .filter(Q(reply_id__in=mail.references) | Q(message_id__in=mail.references))
            .select_related("report").order_by("-received_at").first()
        )
        if earlier is not None:
            return earlier.report
    if mail.codes:
        return Report.objects.filter(code__in=mail.codes,
                                     reporter_email__iexact=mail.sender).first()
    return None


def _acknowledgement(report: Report) -> str:
    return _(
        "We have received your report %(code)s. It is with %(department)s, due by "
        "%(due)s.\n\nFollow it, rate the answer or reopen it here:\n%(link)s\n\nTo add "
        "something (details, more photos), answer this e-mail."
    ) % {
        "code": report.code, "department": report.department.name, "link": track_link(report),
        "due": timezone.localtime(report.due_at).strftime("%H:%M %d/%m/%Y"),
    }


def _how_to_report() -> str:
    return _(
        "To report a problem by e-mail, write what is wrong and where (the street and the "
        "ward, e.g. \"12 Nơ Trang Long, Phường Bình Thạnh\"), and attach photos if you "
        "have them. Your message has been kept; we are sorry for the trouble."
    )


def _answer(stored: InboundMessage, mail: ReadMail, body: str, *, code: str = "") -> None:
    """Answer in the sender's thread; the answer's Message-ID is kept so that a reply to
    it finds the report."""
    if not mail.sender:
        return
    subject = mail.subject or _("Your report")
    if not subject.lower().startswith("re:"):
        subject = f"Re: {subject}"
    if code and code not in subject:
        subject = f"[{code}] {subject}"
    domain = settings.EMAIL_INTAKE_ADDRESS.rpartition("@")[2] or "localhost"
    reply_id = make_msgid(domain=domain)
    headers = {"Message-ID": reply_id, "Auto-Submitted": "auto-replied"}
    if mail.message_id:
        headers["In-Reply-To"] = mail.message_id
        headers["References"] = " ".join([*mail.references, mail.message_id])
    try:
        EmailMessage(subject[:300], body + "\n", settings.EMAIL_INTAKE_ADDRESS, [mail.sender],
                     headers=headers).send()
    except Exception as error:  # the report stands; the answer is logged as not sent
        log.warning("e-mail intake answer not sent (%s)", type(error).__name__)
        return
    stored.reply_id = reply_id
