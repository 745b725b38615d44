"""Moving a report through its workflow. The one place the transition rules are enforced."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.accounts.models import User
from smartdistrict.accounts.selectors import scope_for
from smartdistrict.core.errors import InvalidInput, PermissionDenied
from smartdistrict.core.text import clean_text
from smartdistrict.feedback import policy
from smartdistrict.feedback.deadlines import due_time
from smartdistrict.feedback.models import (
    Category,
    Event,
    EventKind,
    PhotoStage,
    Report,
    Status,
)
from smartdistrict.feedback.notifications import notify_on_commit
from smartdistrict.feedback.photo_budget import process_photos
from smartdistrict.feedback.photos import read_uploads
from smartdistrict.feedback.selectors import category_usable, refusal_reasons
from smartdistrict.feedback.services.photos import photos_attach
from smartdistrict.feedback.services.routing import route


class IllegalTransition(PermissionDenied):
    code = "illegal_transition"


def _require_actor(actor: User | None, report: Report) -> User:
    if actor is None or not actor.is_authenticated or not actor.is_active:
        raise IllegalTransition(_("Only staff can change the status of a report."))
    if not (actor.is_superuser or actor.role in policy.ACTING_ROLES):
        raise IllegalTransition(_("Your role cannot change the status of reports."))
    if not scope_for(actor).covers(unit_id=report.ward_id, department_id=report.department_id):
        raise IllegalTransition(_("This report is outside your ward or department."))
    return actor


def allowed_transitions(*, report: Report, actor: User | None) -> list[str]:
    """What ``actor`` may do with ``report`` now (for the console to show only those)."""
    try:
        _require_actor(actor, report)
    except IllegalTransition:
        return []
    return sorted(policy.allowed_targets(report.status) - {Status.DUPLICATE})


def _apply_times(report: Report, to: str, now) -> list[str]:
    fields = ["status"]
    if report.first_response_at is None and report.status == Status.NEW:
        report.first_response_at = now
        fields.append("first_response_at")
    if to == Status.RESOLVED:
        report.resolved_at = now
        fields.append("resolved_at")
    if to in (Status.CLOSED, Status.REJECTED, Status.DUPLICATE):
        report.closed_at = now
        fields.append("closed_at")
    if to == Status.REOPENED:
        # A reopened report starts a new clock: its category's deadline from now.
        report.resolved_at = report.closed_at = report.overdue_at = None
        report.due_at = due_time(report.category, now)
        report.duplicate_of = None
        fields += ["resolved_at", "closed_at", "overdue_at", "due_at", "duplicate_of"]
    return fields


def record_transition(
    *, report: Report, to: str, actor: User | None, actor_role: str, note: str, public: bool
) -> Event:
    """Change the status and write the timeline entry (rules already checked by the caller)."""
    now = timezone.now()
    from_status = report.status
    fields = _apply_times(report, to, now)
    report.status = to
    report.save(update_fields=[*fields, "updated_at"])
    return Event.objects.create(
        report=report, kind=EventKind.TRANSITION, actor=actor, actor_role=actor_role,
        from_status=from_status, to_status=to, note=note, public=public, created_at=now,
    )


@transaction.atomic
def report_transition(
    *,
    report: Report,
    to: str,
    actor: User | None,
    note: str = "",
    public: bool = True,
    assignee: User | None = None,
    photos: Sequence[bytes | Any] = (),
) -> Report:
    """Move ``report`` to ``to`` on behalf of ``actor``; refuse what the rules do not allow.

    ``photos`` (uploads or bytes): the proof of the fix, only when resolving, through the
    intake's photo pipeline (re-encoded, no EXIF, the same limits); a category with
    ``after_photo_required`` cannot be resolved without one."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    actor = _require_actor(actor, report)
    if to not in Status.values:
        raise InvalidInput(_("Unknown status."), field="to")
    if to not in policy.allowed_targets(report.status):
        raise IllegalTransition(
            _("A report that is “%(from)s” cannot become “%(to)s”.")
            % {"from": Status(report.status).label, "to": Status(to).label}
        )
    if to == Status.DUPLICATE:
        raise InvalidInput(
            _("Mark a duplicate by merging it into the original report."), field="to"
        )
    note = clean_text(note or "").strip()
    if to in policy.NOTE_REQUIRED and not note:
        raise InvalidInput(
            _("Say what was done or why (the resident will read it)."), field="note",
            code="note_required",
        )
    after = _after_photos(report, to, photos)
    if to == Status.ASSIGNED:
        if assignee is None:
            raise InvalidInput(_("Choose the person to assign."), field="assignee")
        if not (assignee.is_active and assignee.role in policy.ACTING_ROLES) or not scope_for(
            assignee
        ).covers(unit_id=report.ward_id, department_id=report.department_id):
            raise InvalidInput(
                _("This person does not work on reports of this ward or department."),
                field="assignee",
            )
        report.assignee = assignee
        report.save(update_fields=["assignee", "updated_at"])
    record_transition(
        report=report, to=to, actor=actor, actor_role=actor.role, note=note, public=public
    )
    photos_attach(report=report, photos=after, stage=PhotoStage.AFTER)
    notify_on_commit(report, to)
    return report


def refusal_note(*, reason_code: str, details: str = "") -> str:
    """The public note of a refusal: the chosen reason's text (RefusalReason, edited by
    the administrator; Vietnamese, as residents read it) followed by the details written.
    Without a chosen reason the details are the reason (the service requires a note)."""
    details = clean_text(details or "").strip()
    if not reason_code:
        return details
    reason = {r.code: r for r in refusal_reasons()}.get(reason_code)
    if reason is None:
        raise InvalidInput(_("Choose a reason from the list."), field="reason",
                           code="reason_unknown")
    return f"{reason.text}\n{details}" if details else reason.text


def _after_photos(report: Report, to: str, photos: Sequence[bytes | Any]) -> list:
    """The "after" photos processed (checked before anything is written)."""
    if photos and to != Status.RESOLVED:
        raise InvalidInput(_("Photos of the fix go with the resolution."), field="photos",
                           code="photos_only_when_resolving")
    if to == Status.RESOLVED and not photos and report.category.after_photo_required:
        raise InvalidInput(
            _("Attach a photo of the fix: this category requires one to be resolved."),
            field="photos", code="after_photo_required",
        )
    if not photos:
        return []
    return process_photos(read_uploads(photos))


@transaction.atomic
def report_note(*, report: Report, actor: User | None, note: str, public: bool = False) -> Event:
    """A note in the timeline without a status change (internal by default)."""
    actor = _require_actor(actor, report)
    note = clean_text(note or "").strip()
    if not note:
        raise InvalidInput(_("Write the note."), field="note")
    return Event.objects.create(
        report=report, kind=EventKind.NOTE, actor=actor, actor_role=actor.role, note=note,
        public=public, created_at=timezone.now(),
    )


def report_note_system(*, report: Report, note: str, public: bool = True) -> Event:
    """A note written by the platform itself (an environment alert recovering, say): no
    staff actor, so no role or scope check; the timeline shows it as from the system."""
    note = clean_text(note or "").strip()
    if not note:
        raise InvalidInput(_("Write the note."), field="note")
    return Event.objects.create(
        report=report, kind=EventKind.NOTE, actor=None, actor_role="system", note=note,
        public=public, created_at=timezone.now(),
    )


@transaction.atomic
def report_recategorise(
    *, report: Report, category: Category, actor: User | None, note: str = ""
) -> Report:
    """Change the category and re-route to the department for it in the report's ward."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    actor = _require_actor(actor, report)
    if not report.is_open:
        raise IllegalTransition(_("Reopen the report before changing its category."))
    if category_usable(category) is None:
        raise InvalidInput(_("This category is not in use."), field="category",
                           code="category_invalid")
    old = report.category
    report.category = category
    report.department = route(category=category, ward_id=report.ward_id)
    report.save(update_fields=["category", "department", "updated_at"])
    Event.objects.create(
        report=report, kind=EventKind.RECATEGORISED, actor=actor, actor_role=actor.role,
        note=f"{old.name} → {category.name}" + (f": {note}" if note else ""), public=True,
        created_at=timezone.now(),
    )
    return report
