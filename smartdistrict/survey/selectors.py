"""Reads of the survey: indices per unit, procedure, counter and month, from the monthly
tallies only (never the answers), within the viewer's scope; catalogue lists.

Every function takes a ``Scope`` (accounts.selectors.scope_for): ward officers read
their units' territory, leaders and the hotline the whole city. Periods are whole
months (the tallies' grain): a period given by dates covers the months it touches.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from django.conf import settings
from django.db.models import QuerySet, Sum

from smartdistrict.accounts.selectors import Scope
from smartdistrict.geography.models import Unit
from smartdistrict.survey.indices import Counts, Indices, indices
from smartdistrict.survey.models import (
    COUNT_FIELDS,
    Counter,
    Dossier,
    MonthlyTally,
    Procedure,
    TallyScope,
    UnitProcedure,
)
from smartdistrict.survey.questionnaire import ELEMENTS, ITEMS


@dataclass(frozen=True)
class Months:
    """Whole months from ``start`` to ``end`` (both the first day of a month, inclusive)."""

    start: dt.date
    end: dt.date

    @classmethod
    def covering(cls, start: dt.date, end: dt.date) -> Months:
        return cls(start.replace(day=1), end.replace(day=1))

    @classmethod
    def year(cls, year: int) -> Months:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 1))

    def __iter__(self):
        month = self.start
        while month <= self.end:
            yield month
            month = (month + dt.timedelta(days=32)).replace(day=1)

    @property
    def last_day(self) -> dt.date:
        return (self.end + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


@dataclass(frozen=True)
class Line:
    """One unit, procedure, counter or month with its indices and counts."""

    key: int | str
    code: str
    name: str
    indices: Indices
    comments: int
    reports: int
    improve: dict[str, int]  # element → answers that want it improved first
    rank: int | None = None

    @property
    def few(self) -> bool:
        return self.indices.few


def few_answers() -> int:
    return settings.SURVEY_FEW_ANSWERS


def _sums() -> dict[str, Sum]:
    return {name: Sum(name) for name in COUNT_FIELDS}


def _indices(row: dict) -> tuple[Indices, int, int, dict[str, int]]:
    counts = {item: Counts(row[f"{item}_n"] or 0, row[f"{item}_sat"] or 0,
                           row[f"{item}_sum"] or 0) for item in ITEMS}
    found = indices(counts, row["responses"] or 0, few_answers())
    improve = {e: row[f"improve_{e}"] or 0 for e in ELEMENTS}
    return found, row["comments"] or 0, row["reports"] or 0, improve


def _tallies(scope: Scope, months: Months, kind: str,
             unit_ids: set[int] | None = None) -> QuerySet[MonthlyTally]:
    rows = MonthlyTally.objects.filter(scope=kind, month__gte=months.start,
                                       month__lte=months.end)
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=unit_ids)
    return scope.filter(rows, unit_field="unit_id")


def total(scope: Scope, months: Months, unit_ids: set[int] | None = None) -> Line:
    """All answers in the scope (or in ``unit_ids``) over the months: one query."""
    row = _tallies(scope, months, TallyScope.UNIT, unit_ids).aggregate(**_sums())
    found, comments, reports, improve = _indices(row)
    return Line(0, "", "", found, comments, reports, improve)


def _ranked(lines: list[Line]) -> list[Line]:
    """Units with enough answers ranked by the overall index (best first), then the
    others, unranked, by name: a figure from a handful of answers is not ranked."""
    enough = sorted((x for x in lines if not x.few and x.indices.overall is not None),
                    key=lambda x: (-x.indices.overall, x.name))
    chosen = {id(x) for x in enough}
    rest = sorted((x for x in lines if id(x) not in chosen), key=lambda x: x.name)
    ranked = [replace(x, rank=n) for n, x in enumerate(enough, start=1)]
    return ranked + rest


def by_unit(scope: Scope, months: Months, unit_ids: set[int] | None = None) -> list[Line]:
    """Every unit with answers, ranked: two queries (tallies, unit names)."""
    rows = list(_tallies(scope, months, TallyScope.UNIT, unit_ids)
                .values("unit_id").annotate(**_sums()).order_by())
    names = Unit.objects.only("id", "code", "name").in_bulk([r["unit_id"] for r in rows])
    lines = []
    for row in rows:
        unit = names[row["unit_id"]]
        found, comments, reports, improve = _indices(row)
        lines.append(Line(unit.id, unit.code, unit.name, found, comments, reports, improve))
    return _ranked(lines)


def by_key(scope: Scope, months: Months, unit_id: int, kind: str) -> list[Line]:
    """One unit's procedures or counters (``kind``), best first: two queries."""
    rows = list(_tallies(scope, months, kind, {unit_id})
                .values("key").annotate(**_sums()).order_by())
    model = Procedure if kind == TallyScope.PROCEDURE else Counter
    names = model.objects.only("id", "code", "name").in_bulk([r["key"] for r in rows])
    lines = []
    for row in rows:
        item = names.get(row["key"])
        if item is None:
            continue
        found, comments, reports, improve = _indices(row)
        lines.append(Line(item.id, item.code, item.name, found, comments, reports, improve))
    return sorted(lines, key=lambda x: (x.indices.overall is None, -(x.indices.overall or 0),
                                        x.name))


def by_month(scope: Scope, months: Months, unit_ids: set[int] | None = None) -> list[Line]:
    """The trend: one line per month of the period (months without answers included)."""
    rows = {r["month"]: r for r in _tallies(scope, months, TallyScope.UNIT, unit_ids)
            .values("month").annotate(**_sums()).order_by()}
    empty = dict.fromkeys(COUNT_FIELDS, 0)
    lines = []
    for month in months:
        found, comments, reports, improve = _indices(rows.get(month, empty))
        lines.append(Line(month.isoformat(), month.strftime("%m/%Y"), month.strftime("%m/%Y"),
                          found, comments, reports, improve))
    return lines


def units_in_scope(scope: Scope) -> QuerySet[Unit]:
    """Units with a one-stop shop catalogue that the viewer may read."""
    offered = UnitProcedure.objects.filter(active=True).values("unit_id")
    return scope.filter(Unit.objects.filter(id__in=offered), unit_field="id").order_by("name")


def procedures_of(unit_id: int) -> QuerySet[Procedure]:
    return Procedure.objects.filter(offered__unit_id=unit_id, offered__active=True).order_by(
        "field", "name")


def counters_of(unit_id: int) -> QuerySet[Counter]:
    return Counter.objects.filter(unit_id=unit_id, active=True).prefetch_related("staff")


def recent_dossiers(scope: Scope, unit_id: int | None = None,
                    limit: int = 50) -> QuerySet[Dossier]:
    """The latest dossiers in scope, with whether each was answered: one query."""
    rows = scope.filter(Dossier.objects.all(), unit_field="unit_id")
    if unit_id is not None:
        rows = rows.filter(unit_id=unit_id)
    return (rows.select_related("unit", "procedure", "counter", "servant", "response")
            .order_by("-returned_at")[:limit])
