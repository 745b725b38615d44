"""Raw row → validated reading, or a rejection with a reason. Pure: no database, no clock.

Every source (HTTP, MQTT, files, FIWARE) hands its rows here as plain mappings with the
fields ``station``, ``parameter``, ``observed_at``, ``value`` and optionally ``unit`` and
``quality``; what is known about stations and parameters comes in a Catalogue, and the
current time as an argument, so the rules can be tested without either.

Rules (docs/environment.md):
- unknown station or parameter, a station the token may not write, an inactive station → rejected;
- a value that is not a finite number (NaN, ±inf, text, true/false) → rejected; a detection
  limit such as "<0.01" or "KPH" is not a measurement → rejected;
- a time without a time zone, or with an offset outside −12:00…+14:00 or not in whole
  minutes → rejected (unless the caller states the zone of a file);
  aware times are converted to UTC; a time later than now + skew → rejected; a time before
  the earliest accepted instant (ENVIRONMENT_EARLIEST_OBSERVATION, 2000-01-01 by default),
  or one that no calendar can hold once converted (year 1 at +07:00) → rejected;
- a unit that is neither the parameter's nor convertible to it → rejected; µg/L ↔ mg/L converted;
- a value outside the parameter's plausible range is kept, flagged ``out_of_range``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy

from smartdistrict.core import datetimes
from smartdistrict.core.datetimes import MomentError, aware_utc
from smartdistrict.core.text import fold
from smartdistrict.environment.services.result import ParsedReading, Rejection

# Stable reason codes and their messages (translated when a rejection is made).
REASONS = {
    "not_an_object": gettext_lazy(
        "A reading must be an object with station, parameter, observed_at and value."
    ),
    "missing_field": gettext_lazy("The field %(field)s is missing."),
    "unknown_station": gettext_lazy("No station has the code %(value)s."),
    "station_inactive": gettext_lazy("The station %(value)s is not active."),
    "station_not_allowed": gettext_lazy(
        "This token may not send readings for the station %(value)s."
    ),
    "unknown_parameter": gettext_lazy("No parameter is called %(value)s."),
    "not_a_number": gettext_lazy("The value %(value)s is not a finite number."),
    "censored_value": gettext_lazy(
        "The value %(value)s is a detection limit, not a measurement; enter a number."
    ),
    "bad_time": gettext_lazy(
        "The time %(value)s is not understood; use ISO 8601, e.g. 2026-11-29T08:00:00+07:00."
    ),
    "bad_offset": gettext_lazy(
        "The time %(value)s has a time-zone offset no place uses; give whole minutes "
        "from -12:00 to +14:00, e.g. +07:00."
    ),
    "naive_time": gettext_lazy("The time %(value)s has no time zone; add one, e.g. +07:00."),
    "future_time": gettext_lazy("The time %(value)s is in the future."),
    "time_too_early": gettext_lazy(
        "The time %(value)s is before %(earliest)s, the earliest time this platform accepts."
    ),
    "unit_mismatch": gettext_lazy(
        "The unit %(value)s does not match the unit of %(parameter)s (%(unit)s)."
    ),
    "bad_quality": gettext_lazy("The quality flag %(value)s is not one of ok, suspect."),
    "malformed_message": gettext_lazy(
        "The message on %(value)s is not one reading or a list of readings in JSON."
    ),
    "wrong_type": gettext_lazy("The entity type %(value)s is not %(expected)s."),
    "conflict": gettext_lazy(
        "Another value (%(stored)s) is already stored for this station, parameter and time; "
        "the first value is kept."
    ),
}

UTC = dt.UTC
# The default of settings.ENVIRONMENT_EARLIEST_OBSERVATION: no station of the district
# measured before it, and a reading dated earlier is a sensor clock reset (year 1, 1970).
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=UTC)


def rejection(index: int, code: str, *, line: int | None = None, field: str | None = None,
              **values: Any) -> Rejection:
    """A Rejection whose message is REASONS[code] in the active language."""
    message = str(REASONS[code])
    if values or field:
        message = message % {"field": field, **{k: _show(v) for k, v in values.items()}}
    return Rejection(index=index, code=code, message=message, line=line, field=field)


def _show(value: Any) -> str:
    try:
        text = str(value)
    except ValueError:  # an integer of more digits than Python will print
        text = f"{type(value).__name__}…"
    return f"“{text[:60]}”" if not isinstance(value, int | float) else text


# --- the catalogue -----------------------------------------------------------------


@dataclass(frozen=True)
class StationRef:
    id: int
    code: str
    active: bool = True
    provider_id: int | None = None


@dataclass(frozen=True)
class ParameterRef:
    id: int
    code: str
    unit: str = ""
    plausible_min: float | None = None
    plausible_max: float | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scope:
    """Which stations a token may write: one station, or all stations of one provider."""

    station_id: int | None = None
    provider_id: int | None = None

    def allows(self, station: StationRef) -> bool:
        if self.station_id is not None:
            return station.id == self.station_id
        return self.provider_id is not None and station.provider_id == self.provider_id


def _key(text: str) -> str:
    """Matching key of a code or name: folded, with spaces and punctuation ignored."""
    return re.sub(r"[\s._()\-]+", "", fold(unicodedata.normalize("NFKC", text)))


class Catalogue:
    """Stations and parameters by code, matched exactly first, then without case, accents,
    spaces or punctuation (and parameters also by their other names)."""

    def __init__(self, stations: Iterable[StationRef], parameters: Iterable[ParameterRef]):
        self.stations = {s.code: s for s in stations}
        self.parameters = {p.code: p for p in parameters}
        self._stations_folded = {_key(code): s for code, s in self.stations.items()}
        self._parameters_folded: dict[str, ParameterRef] = {}
        for parameter in self.parameters.values():
            for alias in parameter.aliases:
                self._parameters_folded.setdefault(_key(alias), parameter)
        for parameter in self.parameters.values():  # codes win over other names
            self._parameters_folded[_key(parameter.code)] = parameter

    def station(self, text: str) -> StationRef | None:
        found = self.stations.get(text)
        return found if found is not None else self._stations_folded.get(_key(text))

    def parameter(self, text: str) -> ParameterRef | None:
        found = self.parameters.get(text)
        return found if found is not None else self._parameters_folded.get(_key(text))


# --- values, units, times ----------------------------------------------------------------

_CENSORED = re.compile(r"^\s*(<|>|≤|≥|kph|nd|n\.d\.|ktp)", re.IGNORECASE)


class _Refused(Exception):
    def __init__(self, code: str, **values: Any):
        self.code = code
        self.values = values


def parse_value(raw: Any) -> float:
    """A finite float from a number or numeric text; "4,2" (decimal comma) is 4.2."""
    if isinstance(raw, bool) or raw is None:
        raise _Refused("not_a_number", value=raw)
    if isinstance(raw, int | float):
        try:
            value = float(raw)
        except OverflowError:  # an integer too large for a float (JSON allows any length)
            raise _Refused("not_a_number", value=raw) from None
    elif isinstance(raw, str):
        text = raw.strip()
        if _CENSORED.match(text):
            raise _Refused("censored_value", value=raw)
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            raise _Refused("not_a_number", value=raw) from None
    else:
        raise _Refused("not_a_number", value=raw)
    if not math.isfinite(value):
        raise _Refused("not_a_number", value=raw)
    return value


def unit_key(unit: str) -> str:
    """Comparable form of a unit: "mg/L" = "mg/l", "°C" = "C" = "degC", "µS/cm" = "uS/cm"."""
    text = unicodedata.normalize("NFKC", unit).lower().replace("μ", "u").replace("µ", "u")
    text = text.replace("°", "").replace("deg", "").replace(" ", "")
    return "" if text in ("-", "ph", "none") else text


# (given, canonical) → factor: value_in_canonical = value_given × factor.
_CONVERSIONS = {("ug/l", "mg/l"): 0.001, ("mg/l", "ug/l"): 1000.0, ("ppm", "mg/l"): 1.0}


def convert_unit(value: float, given: str, parameter: ParameterRef) -> float:
    if not given:
        return value
    source, target = unit_key(given), unit_key(parameter.unit)
    if source == target:
        return value
    factor = _CONVERSIONS.get((source, target))
    if factor is None:
        raise _Refused("unit_mismatch", value=given, parameter=parameter.code,
                       unit=parameter.unit or "—")
    return value * factor


# The offsets places use (UTC-12:00 … UTC+14:00), in whole minutes; Python would accept
# anything under a day, with seconds, which only a broken or hostile sender writes.
OFFSET_MIN, OFFSET_MAX = dt.timedelta(hours=-12), dt.timedelta(hours=14)

_DAY_FIRST = re.compile(
    r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$"
)


def parse_time(raw: Any, default_tz: dt.tzinfo | None = None,
               earliest: dt.datetime = EARLIEST) -> dt.datetime:
    """An aware UTC datetime from ISO 8601 text (or "29/11/2026 08:00", day first, as
    Vietnamese offices write it) or a datetime. A time without a zone is refused unless the
    caller states ``default_tz`` (a file whose times are all local)."""
    if isinstance(raw, dt.datetime):
        moment: dt.datetime | str = raw
    elif isinstance(raw, dt.date):
        moment = dt.datetime(raw.year, raw.month, raw.day)
    elif isinstance(raw, str) and raw.strip():
        match = _DAY_FIRST.match(raw.strip())
        moment = raw
        if match:
            day, month, year, hour, minute, second = (int(g or 0) for g in match.groups())
            try:
                moment = dt.datetime(year, month, day, hour, minute, second)
            except ValueError:
                raise _Refused("bad_time", value=raw) from None
    else:
        raise _Refused("bad_time", value=raw)
    try:
        return aware_utc(moment, assume=default_tz, offsets=(OFFSET_MIN, OFFSET_MAX))
    except MomentError as error:
        if error.reason == datetimes.EARLY:
            raise _Refused("time_too_early", value=raw,
                           earliest=earliest.date().isoformat()) from None
        code = {datetimes.NAIVE: "naive_time", datetimes.OFFSET: "bad_offset",
                datetimes.LATE: "future_time"}.get(error.reason, "bad_time")
        raise _Refused(code, value=raw) from None


def time_zone(name: str | None) -> dt.tzinfo | None:
    """The named IANA zone (e.g. "Asia/Ho_Chi_Minh"), or None for an empty name."""
    return ZoneInfo(name) if name else None


# --- one row ----------------------------------------------------------------------------

REQUIRED = ("station", "parameter", "observed_at", "value")
QUALITY_GIVEN = {"ok": "ok", "suspect": "suspect", "": "ok"}


def parse_reading(
    raw: Any,
    *,
    index: int,
    catalogue: Catalogue,
    now: dt.datetime,
    scope: Scope | None = None,
    default_tz: dt.tzinfo | None = None,
    max_skew: dt.timedelta = dt.timedelta(minutes=5),
    earliest: dt.datetime = EARLIEST,
    line: int | None = None,
) -> ParsedReading | Rejection:
    """Validate one raw row. ``scope`` None means any station may be written (staff upload).

    Accepted times lie in [earliest, now + max_skew]: anything outside is a sensor whose
    clock was reset or a typing error, and would poison charts, indices and alerts."""
    if not isinstance(raw, Mapping):
        return rejection(index, "not_an_object", line=line)
    for name in REQUIRED:
        if raw.get(name) is None or raw.get(name) == "":
            return rejection(index, "missing_field", line=line, field=name)
    station_text, parameter_text = str(raw["station"]).strip(), str(raw["parameter"]).strip()
    station = catalogue.station(station_text)
    if station is None:
        return rejection(index, "unknown_station", line=line, field="station", value=station_text)
    if scope is not None and not scope.allows(station):
        return rejection(index, "station_not_allowed", line=line, field="station",
                         value=station.code)
    if not station.active:
        return rejection(index, "station_inactive", line=line, field="station",
                         value=station.code)
    parameter = catalogue.parameter(parameter_text)
    if parameter is None:
        return rejection(index, "unknown_parameter", line=line, field="parameter",
                         value=parameter_text)
    field = "value"
    try:
        value = convert_unit(parse_value(raw["value"]), _text(raw.get("unit")), parameter)
        field = "observed_at"
        observed_at = parse_time(raw["observed_at"], default_tz, earliest)
        if observed_at > now + max_skew:
            raise _Refused("future_time", value=raw["observed_at"])
        if observed_at < earliest:
            raise _Refused("time_too_early", value=raw["observed_at"],
                           earliest=earliest.date().isoformat())
        field = "quality"
        quality = QUALITY_GIVEN.get(_text(raw.get("quality")).lower())
        if quality is None:
            raise _Refused("bad_quality", value=raw.get("quality"))
    except _Refused as refused:
        if refused.code == "unit_mismatch":
            field = "unit"
        return rejection(index, refused.code, line=line, field=field, **refused.values)
    if (parameter.plausible_min is not None and value < parameter.plausible_min) or (
        parameter.plausible_max is not None and value > parameter.plausible_max
    ):
        quality = "out_of_range"
    return ParsedReading(
        index=index, station_id=station.id, station_code=station.code,
        parameter_id=parameter.id, parameter_code=parameter.code, observed_at=observed_at,
        value=value, unit=parameter.unit, quality=quality, line=line,
    )


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()
