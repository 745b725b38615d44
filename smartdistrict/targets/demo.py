"""Demo content of the targets tracker, from data/demo.json (see data/SOURCES.md).

``seed_targets()`` is idempotent: it creates or updates by code, so running it again
after editing the JSON updates the demo. It needs the geography (project points are
placed in wards) and, optionally, the demo departments (indicator data owners).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from smartdistrict.organisations.models import Department
from smartdistrict.targets.indicator_rules import IndicatorValues
from smartdistrict.targets.models import Programme
from smartdistrict.targets.services.indicators import (
    indicator_upsert,
    measurement_record,
)
from smartdistrict.targets.services.projects import (
    milestone_upsert,
    programme_upsert,
    project_upsert,
)

DATA = Path(__file__).resolve().parent / "data" / "demo.json"


@dataclass(frozen=True)
class Seeded:
    programmes: int
    indicators: int
    measurements: int
    projects: int
    milestones: int


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _programmes(data: dict) -> dict[str, Programme]:
    found = {}
    for item in data["programmes"]:
        found[item["code"]] = programme_upsert(
            code=item["code"], name=item["name"], name_en=item.get("name_en", ""),
            owner=item.get("owner", ""), start=_date(item.get("start")),
            end=_date(item.get("end")), status=item.get("status", "planned"),
            description=item.get("description", ""),
            description_en=item.get("description_en", ""),
            illustrative=item.get("illustrative", True),
            source=item.get("source", data["illustrative_source"]),
            position=item.get("position", 0),
        )
    return found


def _indicators(data: dict, programmes: dict[str, Programme]) -> tuple[int, int]:
    departments = {d.code: d for d in Department.objects.all()}
    measurements = 0
    for position, item in enumerate(data["indicators"], start=1):
        values = IndicatorValues(
            code=item["code"], name=item["name"], name_en=item.get("name_en", ""),
            unit=item["unit"], direction=item["direction"],
            baseline_value=float(item["baseline_value"]), baseline_year=item["baseline_year"],
            target_value=float(item["target_value"]), target_year=item["target_year"],
            kind=item.get("kind", "level"), periodicity=item.get("periodicity", "yearly"),
            programme=programmes.get(item.get("programme", "")),
            owner=item.get("owner", ""),
            owner_department=departments.get(item.get("owner_department", "")),
            illustrative=item.get("illustrative", True),
            source=item.get("source", ""), notes=item.get("notes", ""),
        )
        indicator, _created = indicator_upsert(values=values, position=position)
        for m in item.get("measurements", []):
            measurement_record(
                indicator=indicator, period=m["period"], actual=m.get("actual"),
                planned=m.get("planned"), source=m.get("source", data["illustrative_source"]),
                note=m.get("note", ""),
            )
            measurements += 1
    return len(data["indicators"]), measurements


def _projects(data: dict, programmes: dict[str, Programme]) -> tuple[int, int]:
    milestones = 0
    for item in data["projects"]:
        project = project_upsert(
            code=item["code"], name=item["name"], name_en=item.get("name_en", ""),
            programme=programmes.get(item.get("programme", "")), owner=item.get("owner", ""),
            budget_billion_vnd=item.get("budget_billion_vnd"), start=_date(item.get("start")),
            end=_date(item.get("end")), status=item.get("status", "planned"),
            description=item.get("description", ""),
            description_en=item.get("description_en", ""), geometry=item.get("geometry"),
            location_approximate=item.get("location_approximate", True),
            illustrative=item.get("illustrative", True), source=item.get("source", ""),
            position=item.get("position", 0),
        )
        for m in item.get("milestones", []):
            milestone_upsert(
                project=project, name=m["name"], name_en=m.get("name_en", ""),
                planned_date=_date(m["planned_date"]), actual_date=_date(m.get("actual_date")),
                status=m.get("status"), note=m.get("note", ""),
            )
            milestones += 1
    return len(data["projects"]), milestones


@transaction.atomic
def seed_targets(path: Path = DATA) -> Seeded:
    """Load the demo programmes, indicators with their figures, and projects with their
    milestones (idempotent)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    programmes = _programmes(data)
    indicators, measurements = _indicators(data, programmes)
    projects, milestones = _projects(data, programmes)
    return Seeded(len(programmes), indicators, measurements, projects, milestones)
