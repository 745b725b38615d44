"""The index tables of smartdistrict/environment/data/, loaded into typed, frozen values.

Limits and breakpoints are data an officer can review (the CSV files name their source);
this module reads them once per process and checks their shape, so that a bad edit stops
with the file and line at fault instead of computing a wrong index.
"""

from __future__ import annotations

import csv
import functools
import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from smartdistrict.environment.indices import params
from smartdistrict.environment.indices.curves import Curve

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# q of the breakpoints BP1..BP5 of groups III, IV and V (Decision 1460).
BREAKPOINT_Q = (100.0, 75.0, 50.0, 25.0, 10.0)


class TableError(ValueError):
    """A data file does not have the shape the index functions rely on."""


def read_rows(name: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) of a CSV under data/, skipping `#` comment lines."""
    path = DATA_DIR / name
    with path.open(encoding="utf-8", newline="") as handle:
        numbered = [(n, line) for n, line in enumerate(handle, start=1)
                    if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.DictReader(line for _, line in numbered)
    for (number, _), row in zip(numbered[1:], reader, strict=True):
        yield number, {key: (value or "").strip() for key, value in row.items()}


def number(name: str, line: int, row: Mapping[str, str], column: str) -> float | None:
    """A numeric cell; empty is None (a breakpoint the source leaves out)."""
    text = row.get(column, "")
    if text == "":
        return None
    try:
        return float(text)
    except ValueError:
        raise TableError(f"{name}:{line}: {column} is not a number: {text!r}") from None


@dataclass(frozen=True)
class Band:
    """One quality level: inclusive integer range, names, colour, and (WQI) suitable use."""

    level: int
    code: str
    min: int
    max: int
    name_vi: str
    name_en: str
    rgb: tuple[int, int, int]
    hex: str
    use_vi: str = ""
    use_en: str = ""

    def as_dict(self) -> dict:
        body = {"level": self.level, "code": self.code, "min": self.min, "max": self.max,
                "name_vi": self.name_vi, "name_en": self.name_en,
                "rgb": list(self.rgb), "hex": self.hex}
        if self.use_vi or self.use_en:
            body["use_vi"], body["use_en"] = self.use_vi, self.use_en
        return body


def read_bands(name: str) -> tuple[Band, ...]:
    bands = []
    for line, row in read_rows(name):
        def whole(column: str, line=line, row=row) -> int:
            value = number(name, line, row, column)
            if value is None or value != int(value):
                raise TableError(f"{name}:{line}: {column} must be a whole number")
            return int(value)

        bands.append(Band(
            level=whole("level"), code=row["code"], min=whole("min"), max=whole("max"),
            name_vi=row["name_vi"], name_en=row["name_en"],
            rgb=(whole("r"), whole("g"), whole("b")), hex=row["hex"],
            use_vi=row.get("use_vi", ""), use_en=row.get("use_en", ""),
        ))
    bands.sort(key=lambda band: band.min)
    for lower, upper in itertools.pairwise(bands):
        if upper.min != lower.max + 1:
            raise TableError(f"{name}: bands {lower.code} and {upper.code} leave a gap or overlap")
    return tuple(bands)


def band_of(bands: tuple[Band, ...], value: int) -> Band:
    """The band holding a rounded index; beyond the table, the nearest end band."""
    for band in bands:
        if band.min <= value <= band.max:
            return band
    return bands[0] if value < bands[0].min else bands[-1]


@dataclass(frozen=True)
class WqiTables:
    ph: Curve
    do: Curve
    curves: Mapping[str, Curve]  # every other parameter: groups II, III, IV (not DO), V
    units: Mapping[str, str]
    bands: tuple[Band, ...]


def _outside_curve(name: str) -> Curve:
    """pH and DO %: breakpoint rows plus one `outside` row for both ends."""
    outside, points = None, []
    for line, row in read_rows(name):
        q = number(name, line, row, "q")
        if q is None:
            raise TableError(f"{name}:{line}: q is empty")
        if row["breakpoint"] == "outside":
            outside = q
        else:
            points.append((number(name, line, row, "breakpoint"), q))
    if outside is None or not points:
        raise TableError(f"{name}: needs breakpoint rows and an 'outside' row")
    return Curve(tuple(x for x, _ in points), tuple(q for _, q in points), outside, outside)


@functools.cache
def wqi_tables() -> WqiTables:
    """The VN_WQI tables (Decision 1460/QĐ-TCMT), read once per process."""
    curves: dict[str, Curve] = {}
    units: dict[str, str] = {params.PH: "", params.DO: "mg/L", params.TEMPERATURE: "°C"}
    name = "vn_wqi_pesticides.csv"
    for line, row in read_rows(name):
        limit = number(name, line, row, "limit")
        q_pass, q_fail = number(name, line, row, "q_pass"), number(name, line, row, "q_fail")
        if limit is None or q_pass is None or q_fail is None:
            raise TableError(f"{name}:{line}: limit, q_pass and q_fail are required")
        curves[row["parameter"]] = Curve((limit, limit), (q_pass, q_fail), q_pass, q_fail)
        units[row["parameter"]] = row["unit"]
    name = "vn_wqi_breakpoints.csv"
    for line, row in read_rows(name):
        points = [(bp, q) for bp, q in (
            (number(name, line, row, f"bp{i}"), q) for i, q in enumerate(BREAKPOINT_Q, 1)
        ) if bp is not None]
        if not points or points[0][1] != BREAKPOINT_Q[0] or points[-1][1] != BREAKPOINT_Q[-1]:
            raise TableError(f"{name}:{line}: BP1 and BP5 are required")
        if params.GROUP_OF.get(row["parameter"]) != row["group"]:
            raise TableError(f"{name}:{line}: {row['parameter']} is not in group {row['group']}")
        try:
            curves[row["parameter"]] = Curve(
                tuple(bp for bp, _ in points), tuple(q for _, q in points),
                BREAKPOINT_Q[0], BREAKPOINT_Q[-1])
        except ValueError as error:
            raise TableError(f"{name}:{line}: {error}") from None
        units[row["parameter"]] = row["unit"]
    expected = set(params.WQI_KEYS) - {params.PH, params.DO, params.TEMPERATURE}
    if set(curves) != expected:
        raise TableError(f"VN_WQI tables: parameters {sorted(expected ^ set(curves))} "
                         "are missing or unknown")
    return WqiTables(
        ph=_outside_curve("vn_wqi_ph.csv"),
        do=_outside_curve("vn_wqi_do.csv"),
        curves=MappingProxyType(curves),
        units=MappingProxyType(units),
        bands=read_bands("vn_wqi_bands.csv"),
    )
