""""Was it fixed?": some days after a resolution the resident is asked, by the channels
that reach them, whether the problem is fixed, partly fixed or not fixed.

``followups_send`` is the periodic job's work (feedback.tasks.ask_was_it_fixed, once per
slot through core.periodic): reports resolved FOLLOWUP_AFTER_DAYS days ago or more,
not yet asked, with a contact; each gets one message with its link (the resident's
token) and is marked asked, so a second run asks nobody twice. ``report_followup_answer``
records the answer in the timeline; "not fixed" reopens the report into its
department's queue, with a new deadline, and tells the department.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput
from smartdistrict.core.text import clean_text
from smartdistrict.feedback.channels import Kind, Message, send_on_commit
from smartdistrict.feedback.models import Event, EventKind, FollowupAnswer, Report, Status
from smartdistrict.feedback.notifications import notify_on_commit
from smartdistrict.feedback.resident_token import resident_token, resident_token_check
from smartdistrict.feedback.services.workflow import record_transition

# At most this many questions per run (a run every hour catches up on a backlog).
BATCH = 500
# An answer is taken for this long after the question.
ANSWER_DAYS = 30


def followup_url(report: Report) -> str:
    return (f"{settings.PUBLIC_BASE_URL}/track/{report.code}/fixed"
            f"?token={resident_token(report)}")


def followups_due(now: dt.datetime | None = None):
    """Resolved reports to ask about now (the resolved_at index finds them)."""
    days = settings.FOLLOWUP_AFTER_DAYS
    if days <= 0:
        return Report.objects.none()
    before = (now or timezone.now()) - dt.timedelta(days=days)
    return (
        Report.objects.filter(status=Status.RESOLVED, resolved_at__lte=before,
                              followup_sent_at__isnull=True)
        .filter(~Q(reporter_email="") | ~Q(reporter_phone=""))
        .order_by("resolved_at")
    )


def _question(report: Report) -> Message:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Was report %(code)s fixed?") % {"code": report.code}
        body = _("Your report %(code)s was resolved on %(date)s. Is the problem fixed? "
                 "Answer “fixed”, “partly fixed” or “not fixed” here (one click); if it is "
                 "not fixed, the report goes back to %(department)s.") % {
            "code": report.code, "department": report.department.name,
            "date": timezone.localtime(report.resolved_at).strftime("%d/%m/%Y"),
        }
    return Message(email=report.reporter_email, phone=report.reporter_phone, subject=subject,
                   body=f"{body}\n\n{followup_url(report)}\n", report_code=report.code,
                   kind=Kind.STATUS)


def followups_send(now: dt.datetime | None = None) -> int:
    """Ask "was it fixed?" of up to BATCH residents; returns how many were asked."""
    now = now or timezone.now()
    asked = 0
    reports = followups_due(now).select_related("department")[:BATCH]
    for report in reports:
        with transaction.atomic():
            marked = Report.objects.filter(pk=report.pk, followup_sent_at__isnull=True).update(
                followup_sent_at=now)
            if marked:  # another run did not take it meanwhile
                send_on_commit(_question(report))
                asked += 1
    return asked


@transaction.atomic
def report_followup_answer(*, report: Report, token: str, answer: str,
                           comment: str = "") -> Report:
    """Record the resident's answer (once); "not fixed" reopens the report."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    resident_token_check(report, token)
    if answer not in FollowupAnswer.values:
        raise InvalidInput(_("Choose fixed, partly fixed or not fixed."), field="answer",
                           code="answer_invalid")
    if report.followup_answer:
        raise InvalidInput(_("This question has already been answered."), field="answer",
                           code="already_answered")
    if report.status not in (Status.RESOLVED, Status.CLOSED) or report.resolved_at is None:
        raise InvalidInput(_("This report is not resolved: there is nothing to answer."),
                           field="answer", code="not_resolved")
    now = timezone.now()
    if now - report.resolved_at > dt.timedelta(days=settings.FOLLOWUP_AFTER_DAYS + ANSWER_DAYS):
        raise InvalidInput(_("The time to answer has passed; please send a new report."),
                           field="answer", code="answer_too_late")
    comment = clean_text(comment or "").strip()[:2000]
    label = FollowupAnswer(answer).label
    with translation.override(settings.LANGUAGE_CODE):
        note = f"{label}: {comment}" if comment else str(label)
    report.followup_answer = answer
    report.followup_answered_at = now
    if report.followup_sent_at is None:
        report.followup_sent_at = now  # answered from the report's page before being asked
    report.save(update_fields=["followup_answer", "followup_answered_at", "followup_sent_at",
                               "updated_at"])
    Event.objects.create(report=report, kind=EventKind.FOLLOWUP, actor_role="resident",
                         note=note, public=True, created_at=now)
    if answer == FollowupAnswer.NOT_FIXED:
        with translation.override(settings.LANGUAGE_CODE):
            reason = _("The resident says it is not fixed.") + (f" {comment}" if comment else "")
        record_transition(report=report, to=Status.REOPENED, actor=None,
                          actor_role="resident", note=reason, public=True)
        notify_on_commit(report, Status.REOPENED)
    return report
