"""Writes to departments. Each change bumps the "organisations" configuration version,
which the feedback configuration cache (People's Committees per unit) follows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.db import transaction

from smartdistrict.core import versions
from smartdistrict.core.sync import UNCHANGED, Tally, sync_rows, upsert
from smartdistrict.core.text import clean_text
from smartdistrict.geography.models import Unit
from smartdistrict.organisations.models import Department

VERSION = "organisations"


def departments_changed() -> None:
    versions.bump(VERSION)


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
    tally: Tally | None = None,
) -> Department:
    """Create or update a department by code and set the units it serves; no write when
    nothing differs."""
    tally = tally if tally is not None else Tally()
    department, outcome = upsert(Department, {"code": code}, {
        "name": clean_text(name),
        "name_en": name_en,
        "kind": kind,
        "email": email,
        "valid_to": valid_to,
    })
    wanted = {u.id for u in units}
    served = set(department.units.values_list("id", flat=True))
    if wanted != served:
        department.units.remove(*(served - wanted))
        department.units.add(*(wanted - served))
        if outcome == UNCHANGED:
            outcome = "updated"
    tally.add("departments", outcome)
    if outcome != UNCHANGED:
        departments_changed()
    return department


def departments_sync(rows: Iterable, units: Mapping[str, Unit], territory, tally: Tally) -> dict:
    """Upsert each department row and the units it serves, in bulk; ``territory(code)``
    expands "CODE+" to the codes of the unit's whole territory."""
    rows = list(rows)
    before = tally.changed()
    loaded = sync_rows(Department, "code", [
        (row.code, {"name": clean_text(row.name), "name_en": row.name_en, "kind": row.kind,
                    "email": row.email, "valid_to": row.valid_to})
        for row in rows
    ], tally, "departments")
    through = Department.units.through
    served: dict[int, set[int]] = {d.id: set() for d in loaded.values()}
    for department_id, unit_id in through.objects.filter(
        department_id__in=served
    ).values_list("department_id", "unit_id"):
        served[department_id].add(unit_id)
    add, remove = [], []
    for row in rows:
        department = loaded[row.code]
        codes: list[str] = []
        for code in row.units:
            codes += territory(code[:-1]) if code.endswith("+") else [code]
        wanted = {units[c].id for c in codes}
        add += [through(department_id=department.id, unit_id=u)
                for u in wanted - served[department.id]]
        if served[department.id] - wanted:
            remove.append((department.id, served[department.id] - wanted))
        if wanted != served[department.id]:
            tally.add("units served by departments", "updated")
    through.objects.bulk_create(add, batch_size=1000)
    for department_id, unit_ids in remove:  # one statement per department that lost units
        through.objects.filter(department_id=department_id, unit_id__in=unit_ids).delete()
    if tally.changed() > before:
        departments_changed()
    return loaded
