"""What a resident can do without an account: support, rate and reopen, by a signed link."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput, PermissionDenied
from smartdistrict.core.text import clean_text
from smartdistrict.feedback import policy
from smartdistrict.feedback.models import (
    OPEN_STATES,
    Event,
    EventKind,
    Report,
    Status,
    Support,
)
from smartdistrict.feedback.notifications import notify_on_commit
from smartdistrict.feedback.photo_budget import process_photos
from smartdistrict.feedback.photos import read_uploads
from smartdistrict.feedback.resident_token import resident_token_check
from smartdistrict.feedback.services.photos import photos_attach
from smartdistrict.feedback.services.workflow import record_transition
from smartdistrict.feedback.validation import DESCRIPTION_MAX


@transaction.atomic
def report_rate(*, report: Report, token: str, score: int, comment: str = "") -> Report:
    """Rate the answer once, after resolution."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    resident_token_check(report, token)
    if report.status not in (Status.RESOLVED, Status.CLOSED):
        raise InvalidInput(_("A report can be rated once it is resolved."), field="rating")
    if report.rating is not None:
        raise InvalidInput(_("This report has already been rated."), field="rating",
                           code="already_rated")
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise InvalidInput(_("Choose from 1 to 5 stars."), field="rating")
    now = timezone.now()
    report.rating = score
    report.rating_comment = clean_text(comment or "").strip()[:2000]
    report.rated_at = now
    report.save(update_fields=["rating", "rating_comment", "rated_at", "updated_at"])
    Event.objects.create(
        report=report, kind=EventKind.RATED, actor_role="resident", note=f"{score}/5",
        public=True, created_at=now,
    )
    return report


@transaction.atomic
def report_reopen_by_resident(*, report: Report, token: str, reason: str) -> Report:
    """The resident says it is not fixed: allowed within policy.RESIDENT_REOPEN_DAYS of
    resolution."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    resident_token_check(report, token)
    if not policy.resident_may_reopen(
        status=report.status, resolved_at=report.resolved_at, now=timezone.now()
    ):
        raise PermissionDenied(
            _("A resident can reopen a report only within %(days)d days of its resolution.")
            % {"days": policy.RESIDENT_REOPEN_DAYS},
            code="illegal_transition",
        )
    reason = clean_text(reason or "").strip()
    if not reason:
        raise InvalidInput(_("Say what is still wrong."), field="note")
    record_transition(
        report=report, to=Status.REOPENED, actor=None, actor_role="resident", note=reason,
        public=True,
    )
    notify_on_commit(report, Status.REOPENED)
    return report


@transaction.atomic
def report_support(*, report: Report, supporter: str = "") -> Report:
    """"This is my problem too": one more supporter for an open report. ``supporter`` is
    a digest naming the browser or resident (portal.supporters): each counts once, stored
    (a second press is refused with ``already_supported``); without one (the API's
    callers are counted by its throttle) every call counts."""
    if report.status not in OPEN_STATES:
        raise InvalidInput(_("This report is already closed."), field="report")
    if supporter:
        try:
            with transaction.atomic():
                Support.objects.create(report=report, supporter=supporter[:64])
        except IntegrityError:
            raise InvalidInput(_("You have already said this is your problem too."),
                               field="report", code="already_supported") from None
    Report.objects.filter(pk=report.pk).update(supporters=F("supporters") + 1)
    Event.objects.create(
        report=report, kind=EventKind.SUPPORTED, actor_role="resident", public=True,
        created_at=timezone.now(),
    )
    report.refresh_from_db(fields=["supporters"])
    return report


def report_resident_message(
    *, report: Report, text: str, photos: Sequence[bytes] = (), door: str
) -> Event:
    """A resident's follow-up in the conversation their report came from (a reply to our
    e-mail, a Zalo message): a note in the staff timeline, marked as the resident's, with
    its photos through the same photo pipeline as intake (checked, re-encoded without
    EXIF). Not public: a resident's own words may hold their personal data. The door has
    checked that the conversation is the report's (the reply's thread, the Zalo user)."""
    text = clean_text(text or "").strip()[:DESCRIPTION_MAX]
    photos = read_uploads(photos) if photos else []
    if not text and not photos:
        raise InvalidInput(_("Write the note."), field="note")
    processed = process_photos(photos)
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        label = {"email": _("by e-mail"), "zalo": _("by Zalo")}.get(door, door)
        note = _("The resident wrote (%(door)s):") % {"door": label} + "\n" + text
        if processed:
            note += "\n" + _("%(n)d photo(s) added.") % {"n": len(processed)}
        event = Event.objects.create(
            report=report, kind=EventKind.NOTE, actor=None, actor_role="resident",
            note=note.strip(), public=False, created_at=timezone.now(),
        )
        photos_attach(report=report, photos=processed)  # refuses past MAX_PHOTOS
        report.save(update_fields=["updated_at"])
    return event
