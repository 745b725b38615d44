"""The environment panel: stations by the band of their latest VN_WQI, and open alerts.

Read through the environment app's selectors, imported here only when the panel is
drawn; any part that app does not (yet) offer is left out rather than failing the page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


@dataclass
class StationLine:
    code: str
    name: str
    wqi: int | None
    band: str
    colour: str


@dataclass
class EnvironmentPanel:
    stations: list[StationLine] = field(default_factory=list)
    bands: list[tuple[str, str, int]] = field(default_factory=list)  # (band, colour, count)
    open_alerts: int | None = None
    available: bool = False


def _wqi(values: dict) -> tuple[int | None, str, str]:
    from smartdistrict.environment.indices.wqi import vn_wqi, wqi_band

    result = vn_wqi(values)
    value = getattr(result, "value", None)
    if value is None:
        return None, "", ""
    band = wqi_band(value)
    return value, str(getattr(band, "name", band)), str(getattr(band, "colour", ""))


def environment_panel() -> EnvironmentPanel:
    """Stations with their latest VN_WQI band, counted per band, and open alerts."""
    panel = EnvironmentPanel()
    try:
        from smartdistrict.environment import selectors
    except ImportError:
        return panel
    try:
        stations = list(selectors.stations())
        latest = selectors.latest_by_station(station_ids=[s.id for s in stations])
    except Exception:  # the environment app's tables or selectors are not ready
        log.exception("environment panel: stations unavailable")
        return panel
    panel.available = bool(stations)
    counts: dict[tuple[str, str], int] = {}
    for station in stations:
        values = {}
        for row in latest.get(station.id, []):
            code = getattr(getattr(row, "parameter", None), "code", None) or getattr(
                row, "parameter_code", None)
            if code is not None:
                values[code] = getattr(row, "value", None)
        wqi, band, colour = None, "", ""
        if values:
            try:
                wqi, band, colour = _wqi(values)
            except Exception:  # not enough parameters for an index
                wqi = None
        panel.stations.append(StationLine(station.code, station.name, wqi, band, colour))
        if band:
            counts[(band, colour)] = counts.get((band, colour), 0) + 1
    panel.bands = [(band, colour, n) for (band, colour), n in counts.items()]
    try:
        from smartdistrict.environment.alerts.selectors import open_alerts

        panel.open_alerts = open_alerts().count()
    except Exception:
        panel.open_alerts = None
    return panel
