"""Delays of milestones and projects, and project locations: pure functions.

A milestone is delayed when its planned date has passed without an actual date
(OVERDUE), or when it was done after its planned date (LATE). A project is delayed when
one of its milestones is, or when its end date has passed and it is not completed.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput


class Delay(StrEnum):
    NONE = ""
    OVERDUE = "overdue"  # planned date passed, not done
    LATE = "late"  # done after the planned date


@dataclass(frozen=True)
class MilestoneDelay:
    delay: Delay
    days: int  # days past the planned date (0 when on time)


def milestone_delay(
    *, planned: dt.date, actual: dt.date | None, today: dt.date, cancelled: bool = False
) -> MilestoneDelay:
    if cancelled:
        return MilestoneDelay(Delay.NONE, 0)
    if actual is None:
        if today > planned:
            return MilestoneDelay(Delay.OVERDUE, (today - planned).days)
        return MilestoneDelay(Delay.NONE, 0)
    if actual > planned:
        return MilestoneDelay(Delay.LATE, (actual - planned).days)
    return MilestoneDelay(Delay.NONE, 0)


def project_overrun(
    *, end: dt.date | None, completed: bool, cancelled: bool, today: dt.date
) -> int:
    """Days the project runs past its end date (0 when not past, completed or cancelled)."""
    if end is None or completed or cancelled or today <= end:
        return 0
    return (today - end).days


# --- locations ------------------------------------------------------------------------------

GEOMETRY_TYPES = ("Point", "LineString", "MultiLineString")


def _position(raw: object) -> tuple[float, float]:
    if not isinstance(raw, list | tuple) or len(raw) < 2:
        raise InvalidInput(_("Each position is [longitude, latitude]."), field="geometry")
    lon, lat = raw[0], raw[1]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lon, lat)):
        raise InvalidInput(_("Each position is [longitude, latitude]."), field="geometry")
    if not (math.isfinite(lon) and math.isfinite(lat) and abs(lon) <= 180 and abs(lat) <= 90):
        raise InvalidInput(
            _("A position lies outside the range of longitudes and latitudes."),
            field="geometry",
        )
    return float(lon), float(lat)


def parse_geometry(raw: str | dict | None) -> dict | None:
    """A GeoJSON Point, LineString or MultiLineString in WGS84 (longitude first), checked
    and rewritten in a canonical form; None for an empty value."""
    if raw is None or raw == "" or raw == {}:
        return None
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise InvalidInput(_("The location is not valid JSON."), field="geometry") from None
    if not isinstance(raw, dict) or raw.get("type") not in GEOMETRY_TYPES:
        raise InvalidInput(
            _("The location must be a GeoJSON Point, LineString or MultiLineString."),
            field="geometry",
        )
    coordinates = raw.get("coordinates")
    kind = raw["type"]
    if kind == "Point":
        return {"type": kind, "coordinates": list(_position(coordinates))}
    lines = [coordinates] if kind == "LineString" else coordinates
    if not isinstance(lines, list) or not lines:
        raise InvalidInput(_("A line needs at least two positions."), field="geometry")
    parsed = []
    for line in lines:
        if not isinstance(line, list) or len(line) < 2:
            raise InvalidInput(_("A line needs at least two positions."), field="geometry")
        parsed.append([list(_position(p)) for p in line])
    return {"type": kind, "coordinates": parsed[0] if kind == "LineString" else parsed}

