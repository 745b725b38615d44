"""Loading a district's categories and routing from data (see data/categories.json)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from django.db import transaction

from smartdistrict.accounts.models import User
from smartdistrict.core.text import clean_text
from smartdistrict.feedback.config_cache import invalidate
from smartdistrict.feedback.models import Category, CategoryAttribute, DeadlineUnit
from smartdistrict.feedback.services.routing import routing_rule_set
from smartdistrict.geography.models import Unit
from smartdistrict.organisations.models import Department

CATEGORIES_FILE = Path(__file__).resolve().parent.parent / "data" / "categories.json"


def read_categories(path: Path = CATEGORIES_FILE) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


@transaction.atomic
def categories_load(path: Path = CATEGORIES_FILE) -> list[Category]:
    """Create or update the categories and their extra questions (idempotent)."""
    loaded = []
    for order, row in enumerate(read_categories(path)):
        hours = row.get("deadline_hours")
        category, _ = Category.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": clean_text(row["name"]),
                "name_en": row.get("name_en", ""),
                "group": clean_text(row.get("group", "")),
                "group_en": row.get("group_en", ""),
                "description": clean_text(row.get("description", "")),
                "keywords": [clean_text(k) for k in row.get("keywords", [])],
                "priority": row.get("priority", "normal"),
                "deadline_value": hours or row.get("deadline_days", 5),
                "deadline_unit": DeadlineUnit.WORKING_HOURS if hours else DeadlineUnit.WORKING_DAYS,
                "anonymous_allowed": row.get("anonymous_allowed", True),
                "active": row.get("active", True),
                "order": order,
            },
        )
        codes = []
        for attribute in row.get("attributes", []):
            CategoryAttribute.objects.update_or_create(
                category=category,
                code=attribute["code"],
                defaults={
                    "datatype": attribute["datatype"],
                    "required": attribute.get("required", False),
                    "order": attribute.get("order", 0),
                    "description": clean_text(attribute["description"]),
                    "description_en": attribute.get("description_en", ""),
                    "values": attribute.get("values", []),
                },
            )
            codes.append(attribute["code"])
        category.attributes.exclude(code__in=codes).delete()
        loaded.append(category)
    transaction.on_commit(invalidate)
    return loaded


def routing_load(
    *, units: Iterable[Unit], departments: Iterable[Department], actor: User | None = None,
    path: Path = CATEGORIES_FILE,
) -> int:
    """A rule for every (category, unit): the category's named department if it serves the
    unit, else the first department of the category's kind that serves it. Units with no
    such department get no rule and fall back to their People's Committee."""
    departments = list(departments)
    serving = {d.id: set(d.units.values_list("id", flat=True)) for d in departments}
    categories = {c.code: c for c in Category.objects.all()}
    written = 0
    for row in read_categories(path):
        category = categories[row["code"]]
        for unit in units:
            options = [d for d in departments if unit.id in serving[d.id]]
            chosen = next((d for d in options if d.code == row.get("department")), None)
            chosen = chosen or next(
                (d for d in sorted(options, key=lambda d: d.code)
                 if d.kind == row.get("department_kind")),
                None,
            )
            if chosen is not None:
                routing_rule_set(category=category, unit=unit, department=chosen, actor=actor)
                written += 1
    return written
