"""A per-process snapshot of the feedback configuration: categories, questions, routing.

Intake reads the category, its questions and its routing rule for every report; they
change a few times a year. Each process reloads the whole set (hundreds of rows, a few
milliseconds) at most every FEEDBACK_CONFIG_CHECK_SECONDS, and at once after a change
made in this process; another process's change is seen within that many seconds.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass

from django.conf import settings

from smartdistrict.feedback.models import Category, RoutingRule, RoutingRuleChange
from smartdistrict.organisations.models import Department, DepartmentKind


@dataclass(frozen=True)
class ConfigSnapshot:
    categories: dict[str, Category]  # by code, with their questions prefetched
    rules: dict[tuple[int, int], Department]  # (category id, unit id) → department
    committees: dict[int, Department]  # unit id → its People's Committee
    changed_at: dt.datetime | None = None  # latest change to a category, question or route


def _load() -> ConfigSnapshot:
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
    return ConfigSnapshot(categories, rules, committees, max(stamps, default=None))


_lock = threading.Lock()
_snapshot: ConfigSnapshot | None = None
_loaded_at = 0.0


def config() -> ConfigSnapshot:
    global _snapshot, _loaded_at
    now = time.monotonic()
    snapshot = _snapshot
    if snapshot is not None and now - _loaded_at < settings.FEEDBACK_CONFIG_CHECK_SECONDS:
        return snapshot
    with _lock:
        if _snapshot is None or now - _loaded_at >= settings.FEEDBACK_CONFIG_CHECK_SECONDS:
            _snapshot = _load()
            _loaded_at = time.monotonic()
        return _snapshot


def invalidate() -> None:
    global _snapshot
    with _lock:
        _snapshot = None
