"""The environment panel: stations by the band of their latest VN_WQI, and open alerts.

Read through the environment app (its selectors and its pure VN_WQI function), imported
only when the panel is drawn; whatever that app does not offer (yet), or a station
without enough parameters for an index, is left out rather than failing the page.
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
    band: str  # the band's name in the page's language, "" without an index
    level: int | None  # 1 (very good) … 6 (heavily polluted)


@dataclass
class EnvironmentPanel:
    stations: list[StationLine] = field(default_factory=list)
    bands: list[tuple[int, str, int]] = field(default_factory=list)  # (level, name, stations)
    open_alerts: int | None = None
    available: bool = False


def _wqi(latest: list, language: str) -> tuple[int | None, str, int | None]:
    from smartdistrict.environment.indices.wqi import vn_wqi

    values = {row.parameter_code: row.value for row in latest}
    try:
        result = vn_wqi(values, ignore_unknown=True)
    except Exception:  # a value the index refuses (InvalidInput): no index for the station
        return None, "", None
    band = result.band
    if result.vn_wqi is None or band is None:
        return None, "", None
    return result.vn_wqi, band.name_en if language == "en" else band.name_vi, band.level


def environment_panel(language: str = "vi") -> EnvironmentPanel:
    """Active stations with their latest VN_WQI band, counted per band, and open alerts
    (three queries when the environment app is there)."""
    panel = EnvironmentPanel()
    try:
        from smartdistrict.environment import selectors

        stations = list(selectors.stations())
        latest = selectors.latest_by_station(station_ids=[s.id for s in stations])
    except Exception:  # the environment app or its tables are not there
        log.exception("environment panel: stations unavailable")
        return panel
    panel.available = bool(stations)
    counts: dict[tuple[int, str], int] = {}
    for station in stations:
        wqi, band, level = _wqi(latest.get(station.id, []), language)
        panel.stations.append(StationLine(station.code, station.name, wqi, band, level))
        if level is not None:
            counts[(level, band)] = counts.get((level, band), 0) + 1
    panel.bands = sorted((level, band, n) for (level, band), n in counts.items())
    try:
        from smartdistrict.environment.alerts.selectors import open_alerts

        panel.open_alerts = open_alerts().count()
    except Exception:
        log.exception("environment panel: alerts unavailable")
    return panel
