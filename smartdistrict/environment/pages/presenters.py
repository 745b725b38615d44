"""What the environment pages show, as plain values in the reader's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput
from smartdistrict.environment.alerts.rules import wqi_bands
from smartdistrict.environment.alerts.texts import condition
from smartdistrict.environment.indices import Band, WqiResult, qcvn08_classify, vn_wqi
from smartdistrict.environment.indices.qcvn import CLASSES, table2
from smartdistrict.environment.models import Alert, Parameter, Quality, Station
from smartdistrict.environment.selectors import LatestValue

NO_INDEX_COLOUR = "#8A949E"  # stations whose latest values do not give VN_WQI
# A station with an open alert but no index: not grey ("nothing known"), since a reading
# is worse than its limit. Magenta is no VN_WQI band's colour, so it is not read as one.
ALERT_COLOUR = "#C2185B"


def english() -> bool:
    return (get_language() or "").startswith("en")


def localised(obj: Any, field: str = "name") -> str:
    """``<field>_en`` in English when filled, else the Vietnamese ``<field>``."""
    if obj is None:
        return ""
    if english():
        value = getattr(obj, f"{field}_en", "")
        if value:
            return value
    return getattr(obj, field, "") or ""


def band_name(band: Band | None) -> str:
    if band is None:
        return _("no index")
    return band.name_en if english() else band.name_vi


def band_use(band: Band | None) -> str:
    if band is None:
        return ""
    return band.use_en if english() else band.use_vi


def local(moment: dt.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y") if moment else "–"


def number(value: float | None) -> str:
    """Up to 3 significant decimals, the language's decimal separator."""
    if value is None:
        return "–"
    if abs(value) >= 1000:
        text = f"{value:.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if english() else text.replace(".", ",")


def wqi_now(latest: Iterable[LatestValue]) -> WqiResult | None:
    """VN_WQI of a station's latest values (flagged readings left out), or None."""
    values = {row.parameter_code: row.value for row in latest if row.quality == Quality.OK}
    try:
        result = vn_wqi(values, ignore_unknown=True)
    except InvalidInput:
        return None
    return result if result.vn_wqi is not None else None


@dataclass(frozen=True)
class StationRow:
    station: Station
    name: str
    ward: str
    kind: str
    wqi: int | None
    band: Band | None
    band_label: str
    colour: str
    newest: str
    alert: bool
    url: str
    alerts: tuple[str, ...] = ()  # what each open alert saw, in the reader's language


def alert_lines(alerts: Iterable[Alert]) -> dict[int, list[dict[str, str]]]:
    """Each station's open alerts as sentences (what the rule saw last, since when)."""
    lines: dict[int, list[dict[str, str]]] = {}
    for alert in alerts:
        details = alert.details.get("last") or alert.details
        lines.setdefault(alert.station_id, []).append({
            "rule": alert.rule.name, "condition": condition(alert.rule, details),
            "opened": local(alert.opened_at),
        })
    return lines


def station_rows(stations: Iterable[Station], latest: dict[int, list[LatestValue]],
                 alerts: dict[int, list[dict[str, str]]]) -> list[StationRow]:
    rows = []
    for station in stations:
        values = latest.get(station.id, [])
        result = wqi_now(values)
        band = result.band if result else None
        newest = max((row.observed_at for row in values), default=None)
        alerting = station.id in alerts
        colour = band.hex if band else (ALERT_COLOUR if alerting else NO_INDEX_COLOUR)
        rows.append(StationRow(
            station=station, name=station.name, ward=localised(station.ward),
            kind=station.get_kind_display(), wqi=result.vn_wqi if result else None,
            band=band, band_label=band_name(band),
            colour=colour, newest=local(newest),
            alert=alerting,
            url=reverse("environment-station-page", args=[station.code]),
            alerts=tuple(line["condition"] for line in alerts.get(station.id, [])),
        ))
    return rows


def legend(*, alert_without_index: bool = False) -> list[dict[str, str]]:
    """The map's key: the VN_WQI bands, "no index", and the alert colour when used."""
    items = [{"colour": band.hex, "label": band_name(band),
              "range": f"{band.min}–{band.max}", "code": band.code} for band in wqi_bands()]
    items.append({"colour": NO_INDEX_COLOUR, "label": _("no index (too few parameters)"),
                  "range": "", "code": "none"})
    if alert_without_index:
        items.append({"colour": ALERT_COLOUR,
                      "label": _("no index, but an open alert (a reading worse than its "
                                 "limit)"),
                      "range": "", "code": "alert"})
    return items


def qcvn_limits_text(code: str) -> str:
    """"A ≤ 4 · B ≤ 6 · C ≤ 10" for a parameter of QCVN 08:2023 Table 2, else ""."""
    row = table2().get(code)
    if row is None:
        return ""
    return " · ".join(f"{limit.klass} {limit.text()}" for limit in row.limits)


def latest_table(latest: Iterable[LatestValue],
                 parameters: dict[int, Parameter]) -> list[dict[str, Any]]:
    """The station's latest value of each parameter with its QCVN 08:2023 class."""
    rows = []
    for row in latest:
        parameter = parameters.get(row.parameter_id)
        klass = None
        if row.quality == Quality.OK:
            try:
                found = qcvn08_classify(row.parameter_code, row.value)
            except InvalidInput:
                found = None
            klass = found.klass if found else None
        rows.append({
            "code": row.parameter_code, "name": localised(parameter) or row.parameter_code,
            "value": number(row.value), "unit": row.unit or (parameter.unit if parameter else ""),
            "observed_at": local(row.observed_at), "quality": Quality(row.quality).label,
            "flagged": row.quality != Quality.OK, "klass": klass or "",
            "klass_rank": CLASSES.index(klass) + 1 if klass else 0,
            "limits": qcvn_limits_text(row.parameter_code),
        })
    return rows
