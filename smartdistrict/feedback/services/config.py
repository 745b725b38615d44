"""Loading a jurisdiction's categories and routing from data (a pack's categories.json).

Both are idempotent: a row is written only when a value differs, so loading the same
pack twice changes nothing, and a dry run can count what a commit would change.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from smartdistrict.accounts.models import User
from smartdistrict.core.sync import CREATED, DELETED, UNCHANGED, UPDATED, Tally, upsert
from smartdistrict.core.text import clean_text
from smartdistrict.feedback.config_cache import config_changed
from smartdistrict.feedback.models import (
    DESCRIPTION_MIN_DEFAULT,
    Category,
    CategoryAttribute,
    DeadlineUnit,
    RoutingRule,
    RoutingRuleChange,
)
from smartdistrict.geography.models import Unit
from smartdistrict.organisations.models import Department, DepartmentKind


@transaction.atomic
def categories_load(rows: list[dict], tally: Tally | None = None) -> list[Category]:
    """Create or update the categories and their extra questions."""
    tally = tally if tally is not None else Tally()
    loaded = []
    changed = False
    for order, row in enumerate(rows):
        hours = row.get("deadline_hours")
        category, outcome = upsert(Category, {"code": row["code"]}, {
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
            "description_min": row.get("description_min", DESCRIPTION_MIN_DEFAULT),
            "after_photo_required": row.get("after_photo_required", False),
            "active": row.get("active", True),
            "order": order,
        })
        tally.add("categories", outcome)
        changed |= outcome != UNCHANGED
        codes = []
        for attribute in row.get("attributes", []):
            _attribute, outcome = upsert(
                CategoryAttribute, {"category": category, "code": attribute["code"]}, {
                    "datatype": attribute["datatype"],
                    "required": attribute.get("required", False),
                    "order": attribute.get("order", 0),
                    "description": clean_text(attribute["description"]),
                    "description_en": attribute.get("description_en", ""),
                    "values": attribute.get("values", []),
                },
            )
            tally.add("category questions", outcome)
            changed |= outcome != UNCHANGED
            codes.append(attribute["code"])
        removed, _ = category.attributes.exclude(code__in=codes).delete()
        if removed:
            tally.add("category questions", DELETED, removed)
            changed = True
        loaded.append(category)
    if changed:
        config_changed()
    return loaded


def _preferences(row: dict) -> list[str]:
    named = row.get("department") or []
    return [named] if isinstance(named, str) else list(named)


def routing_plan(
    rows: Iterable[dict], *, units: Iterable[Unit], departments: Iterable[Department]
) -> dict[tuple[int, int], int]:
    """(category id, unit id) → department id for every unit a People's Committee serves.

    For each category: the first of its named departments that serves the unit, else the
    most local department of its kind that serves it (fewest units, then by code). Units
    no People's Committee serves (former units known only by name) get no rule.
    """
    departments = list(departments)
    serving: dict[int, set[int]] = {d.id: set() for d in departments}
    for department_id, unit_id in Department.units.through.objects.filter(
        department_id__in=serving
    ).values_list("department_id", "unit_id"):
        serving[department_id].add(unit_id)
    committees = set().union(*(
        serving[d.id] for d in departments if d.kind == DepartmentKind.WARD_COMMITTEE
    )) if departments else set()
    by_code = {d.code: d for d in departments}
    categories = {c.code: c for c in Category.objects.all()}
    plan: dict[tuple[int, int], int] = {}
    for row in rows:
        category = categories[row["code"]]
        named = [by_code[c] for c in _preferences(row) if c in by_code]
        of_kind = sorted(
            (d for d in departments if d.kind == row.get("department_kind")),
            key=lambda d: (len(serving[d.id]), d.code),
        )
        for unit in units:
            if unit.id not in committees:
                continue
            chosen = next((d for d in named if unit.id in serving[d.id]), None) or next(
                (d for d in of_kind if unit.id in serving[d.id]), None
            )
            if chosen is not None:
                plan[(category.id, unit.id)] = chosen.id
    return plan


@transaction.atomic
def routing_sync(
    plan: dict[tuple[int, int], int], *, actor: User | None = None, tally: Tally | None = None,
    remove_others: bool = False,
) -> None:
    """Make the routing rules say ``plan``, in bulk, logging each change.

    Rules the plan does not mention are kept (an administrator's own) unless
    ``remove_others`` is set.
    """
    tally = tally if tally is not None else Tally()
    existing = {
        (r.category_id, r.unit_id): r for r in RoutingRule.objects.all()
    }
    create, update, changes = [], [], []
    for key, department_id in plan.items():
        rule = existing.get(key)
        if rule is None:
            create.append(RoutingRule(category_id=key[0], unit_id=key[1],
                                      department_id=department_id))
            changes.append(RoutingRuleChange(category_id=key[0], unit_id=key[1],
                                             new_department_id=department_id, actor=actor))
        elif rule.department_id != department_id:
            changes.append(RoutingRuleChange(category_id=key[0], unit_id=key[1],
                                             old_department_id=rule.department_id,
                                             new_department_id=department_id, actor=actor))
            rule.department_id = department_id
            update.append(rule)
    stale = [r for k, r in existing.items() if k not in plan] if remove_others else []
    for rule in stale:
        changes.append(RoutingRuleChange(category_id=rule.category_id, unit_id=rule.unit_id,
                                         old_department_id=rule.department_id, actor=actor))
    RoutingRule.objects.bulk_create(create, batch_size=1000)
    RoutingRule.objects.bulk_update(update, ["department"], batch_size=1000)
    if stale:
        RoutingRule.objects.filter(id__in=[r.id for r in stale]).delete()
    RoutingRuleChange.objects.bulk_create(changes, batch_size=1000)
    tally.add("routing rules", CREATED, len(create))
    tally.add("routing rules", UPDATED, len(update))
    tally.add("routing rules", DELETED, len(stale))
    tally.add("routing rules", UNCHANGED, len(plan) - len(create) - len(update))
    if create or update or stale:
        config_changed()
