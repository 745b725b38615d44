"""VN_AQI, after Decision 1459/QĐ-TCMT (12 Nov 2019): sub-indices, the index, NowCast.

Each pollutant's sub-index is linear between the breakpoints of
smartdistrict/environment/data/vn_aqi_breakpoints.csv:

    AQI_x = (I_{i+1} − I_i) / (BP_{i+1} − BP_i) · (C − BP_i) + I_i      (rounded to an integer)

VN_AQI is the largest sub-index, and is given only when PM2.5 or PM10 is among them.
The hourly index uses NowCast for PM (`nowcast`) and the latest hour for the gases.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from smartdistrict.environment.indices import validation
from smartdistrict.environment.indices.tables import (
    Band,
    TableError,
    band_of,
    number,
    read_bands,
    read_rows,
)
from smartdistrict.environment.indices.wqi import round_half_up

PM = ("PM2.5", "PM10")
HOURLY_GASES = ("O3_1h", "CO", "SO2", "NO2")
NOWCAST_HOURS = 12
SCALE_TOP = 500.0  # the last breakpoint index of a complete table


class OnTop(StrEnum):
    """What a concentration above a pollutant's last breakpoint gives (the Decision's
    table stops at 500; public tools differ)."""

    CAP = "cap"
    """Default: the last breakpoint's index (500): VN_AQI stays on its 0–500 scale."""
    EXTRAPOLATE = "extrapolate"
    """Continue the slope of the last segment (an index above 500)."""


@dataclass(frozen=True)
class AqiBreakpoints:
    pollutant: str
    unit: str
    averaging: str
    concentrations: tuple[float, ...]
    indices: tuple[float, ...]


@dataclass(frozen=True)
class AqiTables:
    pollutants: Mapping[str, AqiBreakpoints]
    bands: tuple[Band, ...]


@functools.cache
def aqi_tables() -> AqiTables:
    """The VN_AQI tables (Decision 1459/QĐ-TCMT), read once per process."""
    name = "vn_aqi_breakpoints.csv"
    pollutants = {}
    for line, row in read_rows(name):
        points = [(number(name, line, row, column), float(column.removeprefix("i_")))
                  for column in row if column.startswith("i_")]
        points = [(c, i) for c, i in points if c is not None]
        if len(points) < 2 or any(b[0] <= a[0] for a, b in itertools.pairwise(points)):
            raise TableError(f"{name}:{line}: breakpoints must increase, at least two")
        pollutants[row["pollutant"]] = AqiBreakpoints(
            row["pollutant"], row["unit"], row["averaging"],
            tuple(c for c, _ in points), tuple(i for _, i in points))
    if not set(PM) <= set(pollutants):
        raise TableError(f"{name}: PM2.5 and PM10 are required")
    return AqiTables(MappingProxyType(pollutants), read_bands("vn_aqi_bands.csv"))


def _interpolate(table: AqiBreakpoints, value: float, on_top: OnTop) -> float | None:
    xs, ys = table.concentrations, table.indices
    if value > xs[-1]:
        if ys[-1] < SCALE_TOP:
            return None  # a table that stops early (O3 8h): the O3 1h sub-index applies
        if on_top is OnTop.CAP:
            return ys[-1]
        lo, hi = len(xs) - 2, len(xs) - 1
    else:
        hi = next(i for i, x in enumerate(xs) if value <= x and i > 0)
        lo = hi - 1
    return (ys[hi] - ys[lo]) / (xs[hi] - xs[lo]) * (value - xs[lo]) + ys[lo]


def aqi_sub_index(pollutant: str, concentration: float, *,
                  on_top: OnTop = OnTop.CAP) -> int | None:
    """The integer sub-index of one pollutant (µg/m³, averaged as the table says).

    None above the last breakpoint of a table that stops before 500 (O3 8h above
    400 µg/m³: Decision 1459 uses the O3 1h sub-index there).
    """
    tables = aqi_tables()
    validation.unknown_keys([pollutant], tables.pollutants)
    value = validation.required(pollutant, concentration)
    index = _interpolate(tables.pollutants[pollutant], value, on_top)
    return None if index is None else round_half_up(index)


@dataclass(frozen=True)
class AqiResult:
    vn_aqi: int | None
    band: Band | None
    sub_indices: Mapping[str, int]
    dominant: str | None  # the pollutant giving the index
    missing: tuple[str, ...]  # ("PM2.5", "PM10") when neither was given
    concentrations: Mapping[str, float]  # what was indexed (NowCast for PM, hourly)


def vn_aqi(concentrations: Mapping[str, float | None], *,
           on_top: OnTop = OnTop.CAP) -> AqiResult:
    """VN_AQI from concentrations already averaged for the index wanted (µg/m³).

    Keys are those of the breakpoint table (PM2.5, PM10, O3_1h, O3_8h, CO, SO2, NO2);
    None or absent means not measured. Raises InvalidInput for an unknown key or a bad value.
    """
    tables = aqi_tables()
    checked = validation.sample(concentrations, tables.pollutants)
    sub = {}
    for pollutant, value in checked.items():
        index = _interpolate(tables.pollutants[pollutant], value, on_top)
        if index is not None:
            sub[pollutant] = round_half_up(index)
    if not any(key in sub for key in PM):
        return AqiResult(None, None, MappingProxyType(sub), None, PM,
                         MappingProxyType(checked))
    dominant = max(sub, key=lambda key: (sub[key], key in PM))
    return AqiResult(sub[dominant], band_of(tables.bands, sub[dominant]),
                     MappingProxyType(sub), dominant, (), MappingProxyType(checked))


def nowcast(hours: Sequence[float | None], *, field: str = "PM") -> float | None:
    """NowCast of hourly PM concentrations, most recent hour first (up to 12 are used).

    w* = Cmin/Cmax over the hours present, w = max(w*, 0.5),
    NowCast = Σ w^(i−1)·c_i / Σ w^(i−1) over the hours present (i = 1 is the latest hour).
    None unless at least 2 of the 3 most recent hours are present. A missing hour is None
    or NaN; a negative or infinite value is refused (InvalidInput).
    """
    present = []
    for i, value in enumerate(list(hours)[:NOWCAST_HOURS]):
        if value is None or (isinstance(value, float) and math.isnan(value)):
            continue
        present.append((i, validation.measured(field, value)))
    if sum(1 for i, _ in present if i < 3) < 2:
        return None
    values = [c for _, c in present]
    highest = max(values)
    if highest == 0:
        return 0.0
    w = max(min(values) / highest, 0.5)
    weights = [w**i for i, _ in present]
    return sum(wt * c for wt, (_, c) in zip(weights, present, strict=True)) / sum(weights)


def vn_aqi_hourly(hours: Mapping[str, Sequence[float | None]], *,
                  on_top: OnTop = OnTop.CAP) -> AqiResult:
    """Hourly VN_AQI from hourly series, most recent hour first.

    PM2.5 and PM10 go through NowCast (None when the 2-of-3-recent-hours rule fails);
    O3_1h, CO, SO2 and NO2 use the latest hour.
    """
    validation.unknown_keys(hours, (*PM, *HOURLY_GASES))
    concentrations: dict[str, float | None] = {}
    for key, series in hours.items():
        series = list(series)
        if key in PM:
            concentrations[key] = nowcast(series, field=key)
        else:
            latest = series[0] if series else None
            if isinstance(latest, float) and math.isnan(latest):
                latest = None
            concentrations[key] = latest
    return vn_aqi(concentrations, on_top=on_top)


def aqi_band(value: int) -> Band:
    """The VN_AQI band (name, colour) of a rounded index."""
    return band_of(aqi_tables().bands, value)
