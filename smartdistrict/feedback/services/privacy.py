"""Personal data: who saw a reporter's contact, and removing what a report holds about a
person, on schedule (retention) or on the resident's request.

What "personal data of a report" means here: the reporter's name, phone and e-mail; phone
numbers, e-mail addresses and ID numbers written in its description, address, answers,
rating comment and timeline notes (masked in place with feedback.privacy.public_text: the
rest of the text stays, for the figures and the history); its idempotency key (apps put
device ids in it); its photos' full-size pictures, or the photos, as
PERSONAL_DATA_PHOTOS says; and what other apps hold about it (Open311's device and
account ids), through PERSONAL_DATA_PURGE_HOOKS. Timeline notes are otherwise never
edited; the law's erasure is the one exception. The log of who saw a contact is kept.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from smartdistrict.accounts.models import User
from smartdistrict.core.errors import InvalidInput, PermissionDenied
from smartdistrict.feedback.models import (
    CLOSED_STATES,
    ContactAccess,
    Event,
    Photo,
    Report,
    ReportConversation,
)
from smartdistrict.feedback.privacy import personal_data_masked
from smartdistrict.feedback.selectors import user_can_see

BATCH = 500


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str
    email: str


@dataclass
class PurgeResult:
    """What a purge changed, to be told to whoever ran it."""

    reports: int = 0
    contacts: int = 0
    texts: int = 0
    photos_reduced: int = 0
    photos_deleted: int = 0
    others: Counter = field(default_factory=Counter)  # label → count, from the hooks

    def add(self, other: PurgeResult) -> None:
        self.reports += other.reports
        self.contacts += other.contacts
        self.texts += other.texts
        self.photos_reduced += other.photos_reduced
        self.photos_deleted += other.photos_deleted
        self.others.update(other.others)

    def summary(self) -> str:
        parts = [
            _("%(n)d reports") % {"n": self.reports},
            _("contact details cleared on %(n)d") % {"n": self.contacts},
            _("%(n)d free-text fields masked") % {"n": self.texts},
            _("%(n)d photos reduced to their thumbnails") % {"n": self.photos_reduced},
            _("%(n)d photos deleted") % {"n": self.photos_deleted},
        ]
        parts += [f"{label}: {count}" for label, count in sorted(self.others.items())]
        return "; ".join(parts)


@transaction.atomic
def report_contact_view(*, report: Report, user: User, channel: str = "web") -> Contact:
    """The reporter's contact for staff in scope; every look is logged (who, when, which)."""
    if not user.is_authenticated or not user.role or not user_can_see(user, report):
        raise PermissionDenied(_("You cannot see the contact details of this report."))
    ContactAccess.objects.create(report=report, user=user, channel=channel)
    return Contact(report.reporter_name, report.reporter_phone, report.reporter_email)


def retention_months(months: int | None = None) -> int:
    """The retention asked for, or PERSONAL_DATA_RETENTION_MONTHS; never below one month
    (0 once silently meant the default; a purge of everything must not be a typo away)."""
    value = settings.PERSONAL_DATA_RETENTION_MONTHS if months is None else months
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidInput(
            _("The retention period must be a whole number of months, at least 1."),
            field="months", code="bad_retention",
        )
    return value


def retention_cutoff(*, months: int, now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()) - dt.timedelta(days=round(retention_months(months) * 30.44))


def personal_data_due(*, months: int, now: dt.datetime | None = None):
    """Closed reports, ended before the retention period, not yet purged."""
    cutoff = retention_cutoff(months=months, now=now)
    ended = Q(closed_at__lt=cutoff) | Q(closed_at__isnull=True, resolved_at__lt=cutoff)
    return Report.objects.filter(
        ended, status__in=CLOSED_STATES, personal_data_removed_at__isnull=True
    )


def personal_data_purge(*, months: int, now: dt.datetime | None = None) -> PurgeResult:
    """Remove the personal data of every report due (personal_data_due), a batch per
    transaction so that a long purge holds no lock for long and can be stopped."""
    now = now or timezone.now()
    total = PurgeResult()
    due = personal_data_due(months=months, now=now).order_by("id")
    while ids := list(due.values_list("id", flat=True)[:BATCH]):
        total.add(reports_personal_data_erase(report_ids=ids, now=now))
    return total


@transaction.atomic
def reports_personal_data_erase(*, report_ids: list[int], now: dt.datetime | None = None,
                                photos: str | None = None) -> PurgeResult:
    """Remove the personal data of these reports (see the module's docstring), open or
    closed; marks each as purged. Files are deleted once the transaction commits."""
    now = now or timezone.now()
    photos = photos or settings.PERSONAL_DATA_PHOTOS
    result = PurgeResult(reports=len(report_ids))
    reports = Report.objects.filter(id__in=report_ids)
    result.contacts = reports.exclude(
        reporter_name="", reporter_phone="", reporter_email=""
    ).update(reporter_name="", reporter_phone="", reporter_email="")
    # A Zalo user's id is contact data too.
    result.contacts += ReportConversation.objects.filter(report_id__in=report_ids).delete()[0]
    with translation.override(settings.LANGUAGE_CODE):
        result.texts = _mask_reports(reports) + _mask_events(report_ids)
    result.photos_reduced, result.photos_deleted = _photos_purge(report_ids, photos)
    for path in settings.PERSONAL_DATA_PURGE_HOOKS:
        label, count = import_string(path)(report_ids=report_ids)
        result.others[str(label)] += count
    reports.update(idempotency_key=None, personal_data_removed_at=now)
    return result


def _masked_answers(answers):
    if isinstance(answers, str):
        return personal_data_masked(answers)
    if isinstance(answers, list):
        return [_masked_answers(a) for a in answers]
    if isinstance(answers, dict):
        return {k: _masked_answers(v) for k, v in answers.items()}
    return answers


def _mask_reports(reports) -> int:
    changed, count = [], 0
    for report in reports.only("id", "description", "address", "rating_comment", "attributes"):
        fields = 0
        for name in ("description", "address", "rating_comment"):
            masked = personal_data_masked(getattr(report, name))
            if masked != getattr(report, name):
                setattr(report, name, masked)
                fields += 1
        answers = _masked_answers(report.attributes)
        if answers != report.attributes:
            report.attributes, fields = answers, fields + 1
        if fields:
            changed.append(report)
            count += fields
    Report.objects.bulk_update(
        changed, ["description", "address", "rating_comment", "attributes"], batch_size=200
    )
    return count


def _mask_events(report_ids: list[int]) -> int:
    changed = []
    for event in Event.objects.filter(report_id__in=report_ids).exclude(note="").only("id", "note"):
        masked = personal_data_masked(event.note)
        if masked != event.note:
            event.note = masked
            changed.append(event)
    Event.objects.bulk_update(changed, ["note"], batch_size=200)
    return len(changed)


def _photos_purge(report_ids: list[int], policy: str) -> tuple[int, int]:
    """(photos reduced to their thumbnails, photos deleted) under the policy."""
    if policy == "keep":
        return 0, 0
    doomed: list[str] = []
    found = list(Photo.objects.filter(report_id__in=report_ids))
    if policy == "delete":
        for photo in found:
            doomed += [photo.image.name, photo.thumbnail.name]
        Photo.objects.filter(id__in=[p.id for p in found]).delete()
        deleted, reduced = len(found), 0
    else:
        reduced_rows = []
        for photo in found:
            if photo.image.name == photo.thumbnail.name:
                continue  # reduced by an earlier purge
            doomed.append(photo.image.name)
            photo.image.name = photo.thumbnail.name
            photo.width, photo.height = _size(photo.thumbnail.name, photo)
            reduced_rows.append(photo)
        Photo.objects.bulk_update(reduced_rows, ["image", "width", "height"])
        deleted, reduced = 0, len(reduced_rows)
    transaction.on_commit(lambda: [default_storage.delete(n) for n in doomed if n])
    return reduced, deleted


def _size(name: str, photo: Photo) -> tuple[int, int]:
    from PIL import Image

    try:
        with default_storage.open(name) as handle, Image.open(io.BytesIO(handle.read())) as img:
            return img.size
    except (OSError, ValueError):
        return photo.width, photo.height
