"""Writes to departments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from smartdistrict.core.text import clean_text
from smartdistrict.geography.models import Unit
from smartdistrict.organisations.models import Department


@transaction.atomic
def department_upsert(
    *,
    code: str,
    name: str,
    kind: str,
    units: Iterable[Unit],
    name_en: str = "",
    email: str = "",
    valid_to: dt.date | None = None,
) -> Department:
    """Create or update a department by code and set the units it serves."""
    department, _ = Department.objects.update_or_create(
        code=code,
        defaults={
            "name": clean_text(name),
            "name_en": name_en,
            "kind": kind,
            "email": email,
            "valid_to": valid_to,
        },
    )
    department.units.set(list(units))
    return department
