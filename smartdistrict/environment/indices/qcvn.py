"""QCVN 08:2023/BTNMT (surface water): Table 2 classes A–D and Table 1 health limits.

A reading (parameter, value) is in the first class among A, B, C whose bounds hold, else
in D (the worst). pH is two-sided, DO a lower bound, the others upper bounds; all of it is
data (smartdistrict/environment/data/qcvn08_2023_table*.csv) so an officer can review it.
Cells that could not be confirmed against the official text are marked and the
classification says when it relied on one.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from smartdistrict.environment.indices import validation
from smartdistrict.environment.indices.tables import TableError, number, read_rows

CLASSES = ("A", "B", "C", "D")


@dataclass(frozen=True)
class ClassLimit:
    klass: str
    min: float | None
    max: float | None
    confirmed: bool

    def holds(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)

    def text(self) -> str:
        """The bound as printed: "6.5–8.5", "≤ 4", "≥ 6"."""
        if self.min is not None and self.max is not None:
            return f"{self.min:g}–{self.max:g}"
        if self.max is not None:
            return f"≤ {self.max:g}"
        return f"≥ {self.min:g}"


@dataclass(frozen=True)
class Table2Parameter:
    parameter: str
    unit: str
    limits: tuple[ClassLimit, ...]  # A, B, C in order
    class_d: ClassLimit | None  # a bound printed in the D column (DO), if any


@dataclass(frozen=True)
class HealthLimit:
    row: int
    parameter: str
    name_vi: str
    unit: str
    limit: float
    confirmed: bool


@functools.cache
def table2() -> Mapping[str, Table2Parameter]:
    """QCVN 08:2023 Table 2 (rivers, streams, canals), read once per process."""
    name = "qcvn08_2023_table2.csv"
    rows: dict[str, dict[str, ClassLimit]] = {}
    units: dict[str, str] = {}
    for line, row in read_rows(name):
        klass = row["class"]
        if klass not in CLASSES:
            raise TableError(f"{name}:{line}: class must be one of {CLASSES}")
        low, high = number(name, line, row, "min"), number(name, line, row, "max")
        if low is None and high is None:
            raise TableError(f"{name}:{line}: give min, max or both")
        rows.setdefault(row["parameter"], {})[klass] = ClassLimit(
            klass, low, high, row["confirmed"].lower() == "yes")
        units[row["parameter"]] = row["unit"]
    table = {}
    for parameter, limits in rows.items():
        if [k for k in CLASSES[:3] if k in limits] != list(CLASSES[:3]):
            raise TableError(f"{name}: {parameter} needs rows for classes A, B and C")
        table[parameter] = Table2Parameter(
            parameter, units[parameter], tuple(limits[k] for k in CLASSES[:3]), limits.get("D"))
    return MappingProxyType(table)


@functools.cache
def table1() -> Mapping[str, HealthLimit]:
    """QCVN 08:2023 Table 1 (maximum values affecting health), read once per process."""
    name = "qcvn08_2023_table1.csv"
    limits = {}
    for line, row in read_rows(name):
        limit = number(name, line, row, "limit")
        if limit is None:
            raise TableError(f"{name}:{line}: limit is required")
        limits[row["parameter"]] = HealthLimit(
            int(row["row"]), row["parameter"], row["name_vi"], row["unit"], limit,
            row["confirmed"].lower() == "yes")
    return MappingProxyType(limits)


@dataclass(frozen=True)
class QcvnClass:
    parameter: str
    value: float
    unit: str
    klass: str  # "A" (best) .. "D" (worst)
    limit: ClassLimit | None  # the bound the value met; None in class D
    confirmed: bool  # every cell the decision relied on is confirmed
    beyond_class_d: bool  # outside a bound printed in the D column (DO below 2.0)

    @property
    def rank(self) -> int:
        """1 for A .. 4 for D: compare with `>=` to find a class or worse."""
        return CLASSES.index(self.klass) + 1

    def as_dict(self) -> dict:
        return {
            "parameter": self.parameter, "value": self.value, "unit": self.unit,
            "class": self.klass, "limit": self.limit.text() if self.limit else None,
            "confirmed": self.confirmed, "beyond_class_d": self.beyond_class_d,
        }


def qcvn08_classify(parameter: str, value: float) -> QcvnClass | None:
    """The QCVN 08:2023 Table 2 class of one reading; None for a parameter Table 2 does not
    classify. Raises InvalidInput for a value that is not a finite, non-negative number."""
    row = table2().get(parameter)
    if row is None:
        return None
    checked = validation.required(parameter, value)
    relied = []
    for limit in row.limits:
        relied.append(limit.confirmed)
        if limit.holds(checked):
            return QcvnClass(parameter, checked, row.unit, limit.klass, limit, all(relied), False)
    beyond = row.class_d is not None and not row.class_d.holds(checked)
    if row.class_d is not None:
        relied.append(row.class_d.confirmed)
    return QcvnClass(parameter, checked, row.unit, "D", None, all(relied), beyond)


@dataclass(frozen=True)
class HealthCheck:
    parameter: str
    value: float
    limit: HealthLimit
    exceeds: bool  # value > the Table 1 maximum


def qcvn08_health_check(parameter: str, value: float) -> HealthCheck | None:
    """The reading against QCVN 08:2023 Table 1; None when Table 1 has no such parameter."""
    limit = table1().get(parameter)
    if limit is None:
        return None
    checked = validation.required(parameter, value)
    return HealthCheck(parameter, checked, limit, checked > limit.limit)
