"""The whole jurisdiction's ward and department lists, kept per process.

Users who see everything (administrator, hotline operator, leader) get every ward through
time and every department in the queue's filters: in a city, hundreds of wards (current
and former) and hundreds of departments, read and built into model instances on every
page view. Units and departments change a few times a year, and every change bumps
a configuration version (geography: ``geography.services.geography_changed``; departments:
``organisations.services.departments_changed``, admin included), so each process reads the
lists again only when one of those versions moved (core.versions). Narrower scopes keep
their own queries (console.selectors): their lists are short and follow the user.

The cached instances are shared between requests: read them, never change them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from smartdistrict.core import versions
from smartdistrict.geography.index import VERSION as GEOGRAPHY_VERSION
from smartdistrict.geography.models import Level, Unit
from smartdistrict.organisations.models import Department
from smartdistrict.organisations.services import VERSION as DEPARTMENTS_VERSION


@dataclass(frozen=True)
class WholeLists:
    version: tuple[int, int]
    wards: tuple[Unit, ...]  # current wards first, then former ones
    departments: tuple[Department, ...]  # current first, then by name


def ward_queryset():
    """Every ward, in the filter's order, with the fields a filter option shows."""
    return Unit.objects.filter(level=Level.WARD).order_by(
        "-valid_from", "valid_to", "name", "code"
    ).only("id", "code", "name", "name_en", "valid_from", "valid_to")


def department_queryset():
    return Department.objects.order_by("valid_to", "name").only(
        "id", "code", "name", "name_en", "valid_to"
    )


def _version() -> tuple[int, int]:
    return versions.current(GEOGRAPHY_VERSION), versions.current(DEPARTMENTS_VERSION)


def _load(version: tuple[int, int]) -> WholeLists:
    return WholeLists(version, tuple(ward_queryset()), tuple(department_queryset()))


_lock = threading.Lock()
_lists: WholeLists | None = None


def whole_lists() -> WholeLists:
    """Every ward and department, as last read by this process (no query when unchanged
    but the versions' check, at most every CONFIG_VERSION_CHECK_SECONDS)."""
    global _lists
    version = _version()
    lists = _lists
    if lists is not None and lists.version == version:
        return lists
    with _lock:
        if _lists is None or _lists.version != version:
            _lists = _load(version)
        return _lists
