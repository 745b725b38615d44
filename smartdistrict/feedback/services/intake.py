"""Creating a report from a ReportInput (any door): validate, locate, route, set the
deadline, store — once per key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import nullcontext

import h3
from django.db import IntegrityError, connection, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.core.errors import DomainError
from smartdistrict.feedback import validation
from smartdistrict.feedback.deadlines import due_time
from smartdistrict.feedback.models import (
    Category,
    Event,
    EventKind,
    Report,
)
from smartdistrict.feedback.notifications import notify_on_commit
from smartdistrict.feedback.photo_budget import process_photos
from smartdistrict.feedback.report_input import IntakeRefused, PossibleDuplicates, ReportInput
from smartdistrict.feedback.selectors import (
    H3_RESOLUTION,
    NEARBY_NOTE_LIMIT,
    category_usable,
    nearby_open_query,
    nearby_open_reports,
)
from smartdistrict.feedback.services import intake_rows
from smartdistrict.feedback.services.idempotency import idempotency_key_stored
from smartdistrict.feedback.services.photos import photos_attach
from smartdistrict.feedback.services.routing import route
from smartdistrict.feedback.suggestions import current_suggester


def report_create(
    *,
    data: ReportInput,
    created_at: dt.datetime | None = None,
    attached: Sequence[Model] = (),
) -> tuple[Report, bool]:
    """Create the report ``data`` describes, or return the one already created with its
    idempotency key (in its client's scope).

    Returns (report, created). Every rule is checked (validation.report_input_clean:
    IntakeRefused lists every problem) and every read done (ward, route, suggestion,
    nearby duplicates) before the write transaction opens, so a refused submission
    leaves no trace and the database's write lock is held only for the inserts (on
    SQLite one writer at a time is the limit on intake). On PostgreSQL the write is one
    statement (services.intake_rows: code, report, events), which also looks up the
    nearby duplicates its note names unless the resident is to be asked about them
    (issue 18: one round trip per report). ``attached``: unsaved rows of an adapter's
    own record of the report (Open311's submission), each with a ``report`` foreign key,
    stored by the same write (on PostgreSQL, the same statement: no transaction of ours
    either); none is stored when the report already existed.
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
    # Asked first when the resident is to be asked; otherwise, on PostgreSQL, looked up by
    # the write statement itself, to name them in a note (one round trip fewer).
    defer = intake_rows.single_statement() and not data.ask_about_duplicates
    nearby = [] if defer else _possible_duplicates(category, clean.lat, clean.lon, created_at)
    if nearby and data.ask_about_duplicates:
        raise PossibleDuplicates(nearby)
    try:
        processed = process_photos(clean.photos)  # per-photo and per-request pixel limits
    except DomainError as error:  # checked last: decoding headers costs more than the rest
        raise IntakeRefused.of(error) from None
    actor = data.entered_by
    # On PostgreSQL the report and its events are one statement (intake_rows): atomic on
    # its own, so a transaction only when something else is written with it, or inside
    # the caller's (a savepoint, so that a clash of keys can be read back below).
    alone = (intake_rows.single_statement() and not processed
             and not connection.in_atomic_block)
    try:
        with nullcontext() if alone else transaction.atomic():
            report = Report(
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
            created = Event(
                report=report, kind=EventKind.CREATED, actor=actor,
                actor_role=actor.role if actor else ("system" if data.system else "resident"),
                to_status=report.status, created_at=created_at,
            )
            note = _duplicates_note(report, [r.code for r in nearby[:NEARBY_NOTE_LIMIT]])
            intake_rows.report_store(
                report, [created, *note], created_at=created_at,
                duplicates=_duplicates_lookup(report) if defer else None, attached=attached)
            photos_attach(report=report, photos=processed)
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


def _duplicates_lookup(report: Report) -> intake_rows.DuplicatesLookup | None:
    """``_possible_duplicates`` and ``_duplicates_note`` for the write statement to run."""
    if report.lat is None:
        return None
    sql, params = nearby_open_query(report.category, report.lat, report.lon,
                                    report.created_at, None, NEARBY_NOTE_LIMIT, ("code",))
    return intake_rows.DuplicatesLookup(
        sql=sql, params=params, note=_duplicates_note(report, [intake_rows.NOTE_CODES])[0])


def _duplicates_note(report: Report, nearby: list[str]) -> list[Event]:
    """The internal note telling staff of open reports of the same kind close by (none
    when there are none)."""
    if not nearby:
        return []
    return [Event(
        report=report, kind=EventKind.NOTE, public=False, actor_role="system",
        note=_("Possible duplicates nearby: %(codes)s") % {"codes": ", ".join(nearby)},
        created_at=report.created_at,
    )]
