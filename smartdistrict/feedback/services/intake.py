"""Creating a report from a ReportInput (any door): validate, locate, route, set the
deadline, store — once per key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import h3
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.core.errors import DomainError
from smartdistrict.feedback import validation
from smartdistrict.feedback.deadlines import due_time
from smartdistrict.feedback.models import (
    Category,
    CodeSequence,
    Event,
    EventKind,
    Report,
)
from smartdistrict.feedback.notifications import notify_on_commit
from smartdistrict.feedback.photo_budget import process_photos
from smartdistrict.feedback.report_input import IntakeRefused, PossibleDuplicates, ReportInput
from smartdistrict.feedback.search import search_text
from smartdistrict.feedback.selectors import (
    H3_RESOLUTION,
    NEARBY_NOTE_LIMIT,
    category_usable,
    nearby_open_reports,
)
from smartdistrict.feedback.services.idempotency import idempotency_key_stored
from smartdistrict.feedback.services.photos import photos_attach
from smartdistrict.feedback.services.routing import route
from smartdistrict.feedback.suggestions import current_suggester
from smartdistrict.geography.selectors import report_code_prefix


def next_code(created_at: dt.datetime) -> str:
    """HCM-2026-000123: a per-year sequence, under a row lock (PostgreSQL) or SQLite's
    write lock; the prefix is the jurisdiction's (geography.selectors.report_code_prefix)."""
    prefix = report_code_prefix()
    year = timezone.localtime(created_at).year
    table = connection.ops.quote_name(CodeSequence._meta.db_table)
    with connection.cursor() as cursor:
        # One statement that both increments and reads (SQLite ≥ 3.35 and PostgreSQL).
        cursor.execute(
            f"UPDATE {table} SET last = last + 1 WHERE prefix = %s AND year = %s "  # noqa: S608
            "RETURNING last",
            [prefix, year],
        )
        row = cursor.fetchone()
    if row is None:
        CodeSequence.objects.get_or_create(prefix=prefix, year=year)
        return next_code(created_at)
    return f"{prefix}-{year}-{row[0]:06d}"


def report_create(
    *,
    data: ReportInput,
    created_at: dt.datetime | None = None,
    stamp: Callable[[Report], None] | None = None,
) -> tuple[Report, bool]:
    """Create the report ``data`` describes, or return the one already created with its
    idempotency key (in its client's scope).

    Returns (report, created). Every rule is checked (validation.report_input_clean:
    IntakeRefused lists every problem) and every read done (ward, route, suggestion,
    nearby duplicates) before the write transaction opens, so a refused submission
    leaves no trace and the database's write lock is held only for the inserts (on
    SQLite one writer at a time is the limit on intake). ``stamp`` lets an adapter
    (Open311) write its own record of the report inside the same transaction.
    """
    key = idempotency_key_stored(data.scoped_key)  # long keys hashed, never cut
    if key:
        existing = Report.objects.filter(idempotency_key=key).first()
        if existing is not None:
            return existing, False
    created_at = created_at or timezone.now()
    clean = validation.report_input_clean(data, date=timezone.localdate(created_at))
    category = clean.category
    department = route(category=category, ward_id=clean.ward.id)
    suggested = _suggested_category(clean.description, category)
    nearby = _possible_duplicates(category, clean.lat, clean.lon, created_at)
    if nearby and data.ask_about_duplicates:
        raise PossibleDuplicates(nearby)
    try:
        processed = process_photos(clean.photos)  # per-photo and per-request pixel limits
    except DomainError as error:  # checked last: decoding headers costs more than the rest
        raise IntakeRefused.of(error) from None
    actor = data.entered_by
    try:
        with transaction.atomic():
            code = next_code(created_at)
            report = Report.objects.create(
                code=code,
                search_text=search_text(code=code, description=clean.description,
                                        address=clean.address),
                category=category,
                description=clean.description,
                lat=clean.lat,
                lon=clean.lon,
                address=clean.address,
                h3_cell=(h3.latlng_to_cell(clean.lat, clean.lon, H3_RESOLUTION)
                         if clean.lat is not None else ""),
                ward_id=clean.ward.id,
                department=department,
                channel=data.channel,
                reporter_name=clean.name,
                reporter_phone=clean.phone,
                reporter_email=clean.email,
                priority=category.priority,
                attributes=clean.answers,
                due_at=due_time(category, created_at),
                suggested_category=suggested,
                idempotency_key=key,
                created_at=created_at,
            )
            Event.objects.create(
                report=report, kind=EventKind.CREATED, actor=actor,
                actor_role=actor.role if actor else ("system" if data.system else "resident"),
                to_status=report.status, created_at=created_at,
            )
            _note_possible_duplicates(report, [r.code for r in nearby[:NEARBY_NOTE_LIMIT]])
            photos_attach(report=report, photos=processed)
            if stamp is not None:
                stamp(report)
    except IntegrityError:
        if key:
            existing = Report.objects.filter(idempotency_key=key).first()
            if existing is not None:
                return existing, False
        raise
    notify_on_commit(report, "created")
    return report, True


def _suggested_category(text: str, chosen: Category) -> Category | None:
    """What the model would have suggested (kept to measure and retrain, never applied)."""
    suggestion = current_suggester().suggest(text, k=1)
    if not suggestion:
        return None
    if suggestion[0].code == chosen.code:
        return chosen
    return category_usable(suggestion[0].code)


def _possible_duplicates(
    category: Category, lat: float | None, lon: float | None, now: dt.datetime
) -> list[Report]:
    """Open reports of the same kind close by, nearest first (read before the insert)."""
    if lat is None:
        return []
    return nearby_open_reports(category=category, lat=lat, lon=lon, now=now)


def _note_possible_duplicates(report: Report, nearby: list[str]) -> None:
    """Tell staff (internal note) of open reports of the same kind close by."""
    if nearby:
        Event.objects.create(
            report=report, kind=EventKind.NOTE, public=False, actor_role="system",
            note=_("Possible duplicates nearby: %(codes)s")
            % {"codes": ", ".join(nearby)},
            created_at=report.created_at,
        )
