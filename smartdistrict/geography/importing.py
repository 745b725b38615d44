"""Replacing boundaries from a GeoJSON file: plan first, write only when asked.

Like mapit's importer, an import is a dry run unless committed: the plan says which
units match, which are new, which have no feature, and which geometries were repaired
or refused and why. An official boundary replaces an approximate one.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from smartdistrict.core.errors import InvalidInput
from smartdistrict.core.text import clean_text, fold
from smartdistrict.geography.geometry import GeometryRefused, repair
from smartdistrict.geography.models import Level, Unit
from smartdistrict.geography.services import boundary_set


@dataclass
class PlannedBoundary:
    feature: int
    name: str
    code: str
    geometry: BaseGeometry
    unit: Unit | None  # None: a new unit would be created
    note: str | None = None  # what repair did


@dataclass
class ImportPlan:
    level: str
    valid_from: dt.date
    matched: list[PlannedBoundary] = field(default_factory=list)
    new: list[PlannedBoundary] = field(default_factory=list)
    missing: list[Unit] = field(default_factory=list)
    refused: list[tuple[int, str, str]] = field(default_factory=list)  # feature, name, reason

    @property
    def repaired(self) -> list[PlannedBoundary]:
        return [p for p in self.matched + self.new if p.note]


def read_features(path: Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, json.JSONDecodeError) as error:
        raise InvalidInput(f"cannot read GeoJSON: {error}", field="file") from None
    if data.get("type") == "Feature":
        return [data]
    if data.get("type") != "FeatureCollection":
        raise InvalidInput("not a GeoJSON FeatureCollection", field="file")
    return list(data.get("features") or [])


def import_plan(
    features: list[dict],
    *,
    level: str,
    name_field: str,
    code_field: str | None,
    valid_from: dt.date,
    progress: Callable[[Iterable], Iterable] = lambda items: items,
) -> ImportPlan:
    if level not in Level.values:
        raise InvalidInput(f"unknown level {level!r}", field="level")
    existing = list(Unit.objects.valid_on(valid_from).filter(level=level))
    by_code = {u.gso_code: u for u in existing if u.gso_code}
    by_name = {fold(u.name): u for u in existing}
    plan = ImportPlan(level=level, valid_from=valid_from)
    seen: set[int] = set()
    for number, feature in enumerate(progress(features), start=1):
        properties = feature.get("properties") or {}
        name = clean_text(str(properties.get(name_field) or "")).strip()
        code = str(properties.get(code_field) or "").strip() if code_field else ""
        if not name:
            plan.refused.append((number, "", f"no {name_field!r} property"))
            continue
        if not feature.get("geometry"):
            plan.refused.append((number, name, "no geometry"))
            continue
        try:
            geometry, note = repair(shape(feature["geometry"]))
        except (GeometryRefused, KeyError, TypeError, ValueError, AttributeError) as error:
            reason = getattr(error, "message", None) or f"unreadable geometry ({error})"
            plan.refused.append((number, name, str(reason)))
            continue
        unit = by_code.get(code) if code else None
        if unit is None:
            folded = fold(name)
            unit = by_name.get(folded) or by_name.get(f"phuong {folded}")
        planned = PlannedBoundary(number, name, code, geometry, unit, note)
        if unit is None:
            plan.new.append(planned)
        elif unit.id in seen:
            plan.refused.append((number, name, f"a second feature for {unit.name}"))
        else:
            seen.add(unit.id)
            plan.matched.append(planned)
    plan.missing = [u for u in existing if u.id not in seen]
    return plan


@transaction.atomic
def import_commit(
    plan: ImportPlan, *, source: str, approximate: bool = False, parent: Unit | None = None
) -> int:
    """Write the plan's boundaries (creating new units under ``parent``); returns the count."""
    written = 0
    for planned in plan.matched + plan.new:
        unit = planned.unit
        if unit is None:
            name = planned.name
            code = planned.code or f"import.{fold(name).replace(' ', '-')}"
            if Unit.objects.filter(code=code).exists():
                code = f"{code}.{plan.valid_from:%Y%m%d}"
            unit = Unit.objects.create(
                code=code,
                gso_code=planned.code,
                name=name,
                name_folded=fold(name),
                level=plan.level,
                parent=parent,
                valid_from=plan.valid_from,
                centre_lon=planned.geometry.representative_point().x,
                centre_lat=planned.geometry.representative_point().y,
            )
        boundary_set(
            unit=unit,
            geometry=planned.geometry,
            approximate=approximate,
            source=source,
            method=planned.note or "",
        )
        written += 1
    return written
