"""Creating a report: validate, locate, route, set the deadline, store — once per key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import h3
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.accounts.models import User
from smartdistrict.core.errors import InvalidInput
from smartdistrict.core.selectors import working_calendar
from smartdistrict.core.text import clean_text
from smartdistrict.feedback import validation
from smartdistrict.feedback.config_cache import config
from smartdistrict.feedback.models import (
    Category,
    Channel,
    CodeSequence,
    DeadlineUnit,
    Event,
    EventKind,
    Report,
)
from smartdistrict.feedback.photo_budget import process_photos
from smartdistrict.feedback.selectors import H3_RESOLUTION, nearby_open_codes
from smartdistrict.feedback.services.idempotency import idempotency_key_stored
from smartdistrict.feedback.services.photos import photos_attach
from smartdistrict.feedback.services.routing import route
from smartdistrict.feedback.suggestions import current_suggester
from smartdistrict.geography.selectors import report_code_prefix

# Channels through which only staff enter reports on a resident's behalf.
STAFF_CHANNELS = frozenset({Channel.HOTLINE, Channel.RADIO, Channel.STAFF})
# Reports the platform files itself (environment alerts); never accepted from outside.
SYSTEM_CHANNELS = frozenset({Channel.SENSOR})


def due_time(category: Category, start: dt.datetime) -> dt.datetime:
    calendar = working_calendar()
    if category.deadline_unit == DeadlineUnit.WORKING_HOURS:
        return calendar.add_working_hours(start, category.deadline_value)
    return calendar.add_working_days(start, category.deadline_value)


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
    category: str | Category,
    description: str,
    channel: str = Channel.WEB,
    lat: Any = None,
    lon: Any = None,
    address: str = "",
    reporter_name: str = "",
    reporter_phone: str = "",
    reporter_email: str = "",
    attributes: dict[str, Any] | None = None,
    photos: Sequence[bytes] = (),
    idempotency_key: str | None = None,
    actor: User | None = None,
    created_at: dt.datetime | None = None,
    stamp: Callable[[Report], None] | None = None,
    system: bool = False,
) -> tuple[Report, bool]:
    """Create a report, or return the one already created with ``idempotency_key``.

    Returns (report, created). Everything is validated, and every read done (ward, route,
    suggestion, nearby duplicates), before the write transaction opens, so a refused
    submission leaves no trace and the database's write lock is held only for the inserts
    (on SQLite one writer at a time is the limit on intake). ``stamp`` lets an adapter
    (Open311) write its own record of the report inside the same transaction. ``system``
    is True only when the platform itself files the report (channel "sensor").
    """
    key = idempotency_key_stored(idempotency_key)  # long keys hashed, never cut
    if key:
        existing = Report.objects.filter(idempotency_key=key).first()
        if existing is not None:
            return existing, False
    if channel not in Channel.values:
        raise InvalidInput(_("Unknown channel."), field="channel")
    if (channel in SYSTEM_CHANNELS) != system:
        raise InvalidInput(_("Unknown channel."), field="channel")
    if channel in STAFF_CHANNELS and not (actor and (actor.role or actor.is_superuser)):
        raise InvalidInput(
            _("Only staff can enter reports received by phone, radio or in person."),
            field="channel",
        )
    created_at = created_at or timezone.now()
    category = validation.category_active(category)
    text = validation.description_clean(description)
    ward_record, lat_f, lon_f = validation.ward_of(
        lat=lat, lon=lon, address=address, date=timezone.localdate(created_at)
    )
    name, phone, email = validation.contact_clean(
        name=reporter_name, phone=reporter_phone, email=reporter_email, category=category
    )
    answers = validation.attributes_clean(category, attributes)
    processed = process_photos(photos)  # count, per-photo and per-request pixel limits
    department = route(category=category, ward_id=ward_record.id)
    suggested = _suggested_category(text, category)
    nearby = _possible_duplicates(category, lat_f, lon_f, created_at)
    try:
        with transaction.atomic():
            report = Report.objects.create(
                code=next_code(created_at),
                category=category,
                description=text,
                lat=lat_f,
                lon=lon_f,
                address=clean_text(address or "").strip()[:300],
                h3_cell=h3.latlng_to_cell(lat_f, lon_f, H3_RESOLUTION) if lat_f is not None else "",
                ward_id=ward_record.id,
                department=department,
                channel=channel,
                reporter_name=name,
                reporter_phone=phone,
                reporter_email=email,
                priority=category.priority,
                attributes=answers,
                due_at=due_time(category, created_at),
                suggested_category=suggested,
                idempotency_key=key,
                created_at=created_at,
            )
            Event.objects.create(
                report=report, kind=EventKind.CREATED, actor=actor,
                actor_role=actor.role if actor else ("system" if system else "resident"),
                to_status=report.status, created_at=created_at,
            )
            _note_possible_duplicates(report, nearby)
            photos_attach(report=report, photos=processed)
            if stamp is not None:
                stamp(report)
    except IntegrityError:
        if key:
            existing = Report.objects.filter(idempotency_key=key).first()
            if existing is not None:
                return existing, False
        raise
    from smartdistrict.feedback.notifications import notify_on_commit

    notify_on_commit(report, "created")
    return report, True


def _suggested_category(text: str, chosen: Category) -> Category | None:
    """What the model would have suggested (kept to measure and retrain, never applied)."""
    suggestion = current_suggester().suggest(text, k=1)
    if not suggestion:
        return None
    if suggestion[0].code == chosen.code:
        return chosen
    return config().categories.get(suggestion[0].code)


def _possible_duplicates(
    category: Category, lat: float | None, lon: float | None, now: dt.datetime
) -> list[str]:
    """Codes of open reports of the same kind close by (read before the insert)."""
    if lat is None:
        return []
    return nearby_open_codes(category=category, lat=lat, lon=lon, now=now)


def _note_possible_duplicates(report: Report, nearby: list[str]) -> None:
    """Tell staff (internal note) of open reports of the same kind close by."""
    if nearby:
        Event.objects.create(
            report=report, kind=EventKind.NOTE, public=False, actor_role="system",
            note=_("Possible duplicates nearby: %(codes)s")
            % {"codes": ", ".join(nearby)},
            created_at=report.created_at,
        )
