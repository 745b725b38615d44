"""A per-process snapshot of the feedback configuration: categories, questions, routing.

Intake reads the category, its questions and its routing rule for every report; they
change a few times a year. Every write to them (services, admin) bumps the
"feedback-config" version (core.versions) in its transaction; each process reloads the
set only when that version moved, and notices another process's change within
CONFIG_VERSION_CHECK_SECONDS.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from django.db import transaction

from smartdistrict.core import versions
from smartdistrict.feedback.models import Category, RoutingRule, RoutingRuleChange
from smartdistrict.organisations.models import Department, DepartmentKind


@dataclass(frozen=True)
class ConfigSnapshot:
    categories: dict[str, Category]  # by code, with their questions prefetched
    rules: dict[tuple[int, int], Department]  # (category id, unit id) → department
    committees: dict[int, Department]  # unit id → its People's Committee
    changed_at: dt.datetime | None = None  # latest change to a category, question or route
    version: tuple[int, int] = (0, 0)


VERSION = "feedback-config"
DEPARTMENTS_VERSION = "organisations"  # the People's Committees come from departments


def _version() -> tuple[int, int]:
    return versions.current(VERSION), versions.current(DEPARTMENTS_VERSION)


def _load() -> ConfigSnapshot:
    version = _version()
    categories = {
        c.code: c for c in Category.objects.prefetch_related("attributes")
    }
    rules = {
        (r.category_id, r.unit_id): r.department
        for r in RoutingRule.objects.select_related("department")
    }
    committees: dict[int, Department] = {}
    for department in Department.objects.filter(
        kind=DepartmentKind.WARD_COMMITTEE, active=True
    ).prefetch_related("units").order_by("-id"):
        for unit in department.units.all():
            committees[unit.id] = department
    stamps = [c.updated_at for c in categories.values()]
    stamps += [a.updated_at for c in categories.values() for a in c.attributes.all()]
    latest_route = RoutingRuleChange.objects.order_by("-changed_at").values_list(
        "changed_at", flat=True
    ).first()
    if latest_route is not None:
        stamps.append(latest_route)
    return ConfigSnapshot(categories, rules, committees, max(stamps, default=None), version)


_lock = threading.Lock()
_snapshot: ConfigSnapshot | None = None


def config() -> ConfigSnapshot:
    global _snapshot
    snapshot = _snapshot
    if snapshot is not None and snapshot.version == _version():
        return snapshot
    with _lock:
        if _snapshot is None or _snapshot.version != _version():
            _snapshot = _load()
        return _snapshot


def config_changed() -> None:
    """Mark the configuration changed (inside the writing transaction)."""
    versions.bump(VERSION)
    transaction.on_commit(invalidate)


def invalidate() -> None:
    global _snapshot
    with _lock:
        _snapshot = None
