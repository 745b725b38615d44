"""JSON shapes of stations and readings (times in the deployment's zone, ISO 8601)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from smartdistrict.environment.models import Reading, Station
from smartdistrict.environment.selectors import LatestValue


def iso(moment: dt.datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat() if moment else None


def latest(row: LatestValue) -> dict[str, Any]:
    return {
        "parameter": row.parameter_code,
        "value": row.value,
        "unit": row.unit,
        "observed_at": iso(row.observed_at),
        "quality": row.quality,
    }


def station(item: Station, latest_rows: list[LatestValue], *, now: dt.datetime
            ) -> dict[str, Any]:
    last = max((r.observed_at for r in latest_rows), default=None)
    return {
        "code": item.code,
        "name": item.name,
        "canal": item.canal,
        "lat": item.lat,
        "lon": item.lon,
        "kind": item.kind,
        "active": item.active,
        "ward": {"code": item.ward.code, "name": item.ward.name} if item.ward else None,
        "provider": item.provider.code if item.provider else None,
        "reporting_interval_seconds": int(item.reporting_interval.total_seconds()),
        "parameters": sorted(p.parameter.code for p in item.expected.all()),
        "last_observed_at": iso(last),
        "late": last is None or now - last > item.reporting_interval,
        "latest": [latest(r) for r in latest_rows],
    }


def reading(row: Reading) -> dict[str, Any]:
    return {"observed_at": iso(row.observed_at), "value": row.value, "quality": row.quality}
