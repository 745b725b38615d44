"""Writes to programmes, projects and milestones.

A project placed by a point gets the ward that contains it today (through the geography
app); a line (a canal, a road) often crosses wards and keeps no single ward.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from smartdistrict.accounts.models import User
from smartdistrict.core.errors import InvalidInput, NotFound, PermissionDenied
from smartdistrict.core.text import clean_text
from smartdistrict.geography.selectors import lookup_point
from smartdistrict.organisations.models import Department
from smartdistrict.targets import policy
from smartdistrict.targets.models import Milestone, Programme, Project, WorkStatus
from smartdistrict.targets.schedule import parse_geometry


def _check_actor(actor: User | None) -> None:
    if actor is not None and not policy.can_import(actor):
        raise PermissionDenied()


def _check_dates(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        raise InvalidInput(_("The end must come after the start."), field="end")


def _check_status(status: str) -> None:
    if status not in WorkStatus.values:
        raise InvalidInput(_("Unknown status."), field="status")


def _budget(value: Decimal | float | int | str | None) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        budget = Decimal(str(value))
    except ArithmeticError:
        raise InvalidInput(_("Enter a number."), field="budget_billion_vnd") from None
    if not budget.is_finite() or budget < 0:
        raise InvalidInput(_("The budget cannot be negative."), field="budget_billion_vnd")
    return budget


def ward_of(geometry: dict | None) -> int | None:
    """The id of the ward containing a point geometry today; None for lines and for
    points outside the jurisdiction."""
    if geometry is None or geometry["type"] != "Point":
        return None
    lon, lat = geometry["coordinates"]
    try:
        found = lookup_point(lat, lon)
    except NotFound:
        return None
    return found.ward.id if found.ward else None


@transaction.atomic
def programme_upsert(
    *,
    code: str,
    name: str,
    name_en: str = "",
    owner: str = "",
    owner_department: Department | None = None,
    budget_billion_vnd: Decimal | float | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    status: str = WorkStatus.PLANNED,
    description: str = "",
    description_en: str = "",
    illustrative: bool = False,
    source: str = "",
    position: int = 0,
    actor: User | None = None,
) -> Programme:
    _check_actor(actor)
    _check_dates(start, end)
    _check_status(status)
    if not clean_text(name).strip():
        raise InvalidInput(_("The name is required."), field="name")
    programme, _created = Programme.objects.update_or_create(
        code=code,
        defaults={
            "name": clean_text(name).strip(), "name_en": name_en.strip(),
            "owner": clean_text(owner).strip(), "owner_department": owner_department,
            "budget_billion_vnd": _budget(budget_billion_vnd), "start": start, "end": end,
            "status": status, "description": clean_text(description).strip(),
            "description_en": description_en.strip(), "illustrative": illustrative,
            "source": clean_text(source).strip(), "position": position,
        },
    )
    return programme


@transaction.atomic
def project_upsert(
    *,
    code: str,
    name: str,
    name_en: str = "",
    programme: Programme | None = None,
    owner: str = "",
    owner_department: Department | None = None,
    budget_billion_vnd: Decimal | float | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    status: str = WorkStatus.PLANNED,
    description: str = "",
    description_en: str = "",
    geometry: str | dict | None = None,
    location_approximate: bool = True,
    illustrative: bool = False,
    source: str = "",
    position: int = 0,
    actor: User | None = None,
) -> Project:
    """Create or update a project by code; its ward follows from a point location."""
    _check_actor(actor)
    _check_dates(start, end)
    _check_status(status)
    if not clean_text(name).strip():
        raise InvalidInput(_("The name is required."), field="name")
    shape = parse_geometry(geometry)
    project, _created = Project.objects.update_or_create(
        code=code,
        defaults={
            "name": clean_text(name).strip(), "name_en": name_en.strip(),
            "programme": programme, "owner": clean_text(owner).strip(),
            "owner_department": owner_department,
            "budget_billion_vnd": _budget(budget_billion_vnd), "start": start, "end": end,
            "status": status, "description": clean_text(description).strip(),
            "description_en": description_en.strip(),
            "geometry": json.dumps(shape, separators=(",", ":")) if shape else "",
            "location_approximate": location_approximate, "ward_id": ward_of(shape),
            "illustrative": illustrative, "source": clean_text(source).strip(),
            "position": position,
        },
    )
    return project


@transaction.atomic
def milestone_upsert(
    *,
    project: Project,
    name: str,
    planned_date: dt.date,
    actual_date: dt.date | None = None,
    status: str | None = None,
    name_en: str = "",
    note: str = "",
    actor: User | None = None,
) -> Milestone:
    """Create or update a project's milestone by name. Without a status, one follows
    from the dates: completed when an actual date is given, else planned."""
    _check_actor(actor)
    if not clean_text(name).strip():
        raise InvalidInput(_("The name is required."), field="name")
    if status is None:
        status = WorkStatus.COMPLETED if actual_date else WorkStatus.PLANNED
    _check_status(status)
    if status == WorkStatus.COMPLETED and actual_date is None:
        raise InvalidInput(_("A completed milestone needs its actual date."), field="actual_date")
    milestone, _created = Milestone.objects.update_or_create(
        project=project, name=clean_text(name).strip(),
        defaults={
            "name_en": name_en.strip(), "planned_date": planned_date,
            "actual_date": actual_date, "status": status, "note": clean_text(note).strip(),
        },
    )
    return milestone


@transaction.atomic
def milestone_record_actual(
    *, milestone: Milestone, actual_date: dt.date | None, actor: User | None = None
) -> Milestone:
    """Record (or, with None, clear) the date a milestone was reached; its status follows."""
    _check_actor(actor)
    if actual_date is not None and actual_date > dt.date.today() + dt.timedelta(days=1):
        raise InvalidInput(_("The actual date cannot be in the future."), field="actual_date")
    milestone.actual_date = actual_date
    milestone.status = WorkStatus.COMPLETED if actual_date else WorkStatus.PLANNED
    milestone.save(update_fields=["actual_date", "status"])
    return milestone
