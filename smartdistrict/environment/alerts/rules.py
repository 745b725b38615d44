"""What a rule says about a station now: firing, clear, or unknown (pure functions).

Each verdict is computed from plain values — the station's latest readings, its newest
reading time — so the rules can be tested without a database. ``unknown`` means the data
cannot tell (no reading, a flagged reading, too little data for the index): an unknown
verdict neither opens nor clears an alert, so a flagged spike from a broken probe does not
open a case and a gap in the data does not close one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from smartdistrict.core.errors import InvalidInput
from smartdistrict.environment.indices import Band, qcvn08_classify, vn_wqi
from smartdistrict.environment.indices.qcvn import CLASSES, table2
from smartdistrict.environment.indices.tables import wqi_tables

FIRING, CLEAR, UNKNOWN = "firing", "clear", "unknown"
OK_QUALITY = "ok"


@dataclass(frozen=True)
class LatestValue:
    """The newest reading of one parameter at one station (a LatestReading, as values)."""

    parameter: str
    value: float
    observed_at: dt.datetime
    unit: str = ""
    quality: str = OK_QUALITY


@dataclass(frozen=True)
class Verdict:
    """``value`` is the number the alert records (reading, index, hours of silence);
    ``details`` is JSON-ready and becomes the alert's details."""

    state: str
    value: float | None = None
    details: Mapping[str, Any] = field(default_factory=dict)

    @property
    def firing(self) -> bool:
        return self.state == FIRING


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat()


def threshold_limit(parameter: str, threshold: str) -> str:
    """The bound of class ``threshold`` as printed ("≥ 4", "6–8.5"), "" when unknown."""
    row = table2().get(parameter)
    if row is None or threshold not in CLASSES[:3]:
        return ""
    return row.limits[CLASSES.index(threshold)].text()


def qcvn_verdict(*, parameter: str, threshold: str, latest: LatestValue | None) -> Verdict:
    """Firing when the latest reading's QCVN 08:2023 class is worse than ``threshold``
    ("B" fires on C and D); clear when it is that class or better."""
    if latest is None or latest.quality != OK_QUALITY:
        return Verdict(UNKNOWN)
    try:
        found = qcvn08_classify(parameter, latest.value)
    except InvalidInput:
        return Verdict(UNKNOWN)
    if found is None:
        return Verdict(UNKNOWN)
    details = {
        "parameter": parameter, "value": latest.value, "unit": latest.unit or found.unit,
        "class": found.klass, "threshold": threshold,
        "limit": threshold_limit(parameter, threshold), "observed_at": _iso(latest.observed_at),
        "confirmed": found.confirmed,
    }
    worse = found.rank > CLASSES.index(threshold) + 1
    return Verdict(FIRING if worse else CLEAR, latest.value, details)


def wqi_verdict(*, level: int, latest: Mapping[str, LatestValue]) -> Verdict:
    """Firing when VN_WQI of the station's latest values (readings flagged out of range
    left out, other parameters ignored) falls in a band of ``level`` or worse."""
    values = {key: item.value for key, item in latest.items() if item.quality == OK_QUALITY}
    try:
        result = vn_wqi(values, ignore_unknown=True)
    except InvalidInput:
        return Verdict(UNKNOWN)
    if result.vn_wqi is None or result.band is None:
        return Verdict(UNKNOWN)
    used = [latest[key].observed_at for key in result.sub_indices if key in latest]
    if "DO" in result.sub_indices and "temperature" in latest:
        used.append(latest["temperature"].observed_at)
    limit = wqi_band_of_level(level)
    details = {
        "vn_wqi": result.vn_wqi, "band": result.band.code, "band_level": result.band.level,
        "band_name_vi": result.band.name_vi, "band_name_en": result.band.name_en,
        "level": level, "level_name_vi": limit.name_vi if limit else "",
        "level_name_en": limit.name_en if limit else "",
        "observed_from": _iso(min(used)) if used else None,
        "observed_at": _iso(max(used)) if used else None,
        "parameters": sorted(result.sub_indices),
    }
    state = FIRING if result.band.level >= level else CLEAR
    return Verdict(state, float(result.vn_wqi), details)


def wqi_bands() -> tuple[Band, ...]:
    """The VN_WQI bands, best (level 1) first."""
    return tuple(sorted(wqi_tables().bands, key=lambda band: band.level))


def wqi_band_of_level(level: int) -> Band | None:
    """The band with this level (1 best .. 6 worst), or None."""
    return next((band for band in wqi_bands() if band.level == level), None)


def silence_verdict(*, factor: float, interval: dt.timedelta, last_seen: dt.datetime | None,
                    now: dt.datetime) -> Verdict:
    """Firing when the newest reading is older than ``factor`` × ``interval``. A station
    that never reported is unknown: there is nothing to be late against."""
    if last_seen is None:
        return Verdict(UNKNOWN)
    limit = interval * factor
    silent = now - last_seen
    details = {
        "last_seen": _iso(last_seen), "silent_minutes": round(silent.total_seconds() / 60, 1),
        "limit_minutes": round(limit.total_seconds() / 60, 1), "factor": factor,
        "interval_minutes": round(interval.total_seconds() / 60, 1),
    }
    hours = round(silent.total_seconds() / 3600, 2)
    return Verdict(FIRING if silent > limit else CLEAR, hours, details)
