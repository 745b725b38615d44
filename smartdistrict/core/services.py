"""Writes for the core app: administrator overrides of the working-time calendar."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from smartdistrict.core import selectors
from smartdistrict.core.errors import InvalidInput
from smartdistrict.core.models import CalendarOverride, OverrideKind
from smartdistrict.core.text import clean_text

__all__ = ["calendar_override_delete", "calendar_override_set"]

NOTE_MAX_LENGTH = CalendarOverride._meta.get_field("note").max_length


def _checked_date(date: dt.date) -> dt.date:
    # A datetime is a date too, but which day it names depends on its zone: refuse it.
    if isinstance(date, dt.datetime) or not isinstance(date, dt.date):
        raise InvalidInput(_("A calendar date (without a time) is required."), field="date")
    return date


def _invalidate_now_and_after_commit() -> None:
    # Now, for reads later in this transaction; after commit, in case a read in between
    # cached the old state under a fingerprint that the commit then changes anyway.
    selectors.invalidate()
    transaction.on_commit(selectors.invalidate)


@transaction.atomic
def calendar_override_set(*, date: dt.date, kind: str, note: str = "") -> CalendarOverride:
    """Declare ``date`` an extra day off or a make-up working day, replacing any earlier word."""
    date = _checked_date(date)
    if kind not in OverrideKind.values:
        raise InvalidInput(_("Unknown kind of calendar day."), field="kind")
    note = clean_text(note or "").strip()
    if len(note) > NOTE_MAX_LENGTH:
        raise InvalidInput(
            _("The note is longer than %(limit)d characters.") % {"limit": NOTE_MAX_LENGTH},
            field="note",
        )
    override, _created = CalendarOverride.objects.update_or_create(
        date=date, defaults={"kind": kind, "note": note}
    )
    _invalidate_now_and_after_commit()
    return override


@transaction.atomic
def calendar_override_delete(*, date: dt.date) -> bool:
    """Return ``date`` to the law's calendar; False when there was no override to remove."""
    deleted, _details = CalendarOverride.objects.filter(date=_checked_date(date)).delete()
    _invalidate_now_and_after_commit()
    return bool(deleted)
