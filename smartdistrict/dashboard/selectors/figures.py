"""The dashboard's figures for a period and a selection, in a fixed number of queries.

- one read of the sums covering the period and the previous one, folded in SQL into
  the totals and the three breakdowns (grouped.period_sums, over the signed pieces of
  periods.signed_pieces: whole months from MonthlyFact, days from DailyFact);
- exact medians: the counts per duration bucket (DailyDurations, MonthlyDurations: days
  × buckets rows, the same pieces), then the median's rank inside its bucket of
  ReportDuration, walked in order from the nearer end of a (kind, bucket, duration) index;
- "overdue now": the counts the latest refresh recorded (per ward, department and
  category; live from the reports before the day's first refresh), and the count
  recorded one period ago;
- one query each for the names of departments and categories.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from smartdistrict.core.db_settings import serial
from smartdistrict.dashboard.models import (
    ALL,
    DURATION_KINDS,
    DailyDurations,
    MonthlyDurations,
    ReportDuration,
)
from smartdistrict.dashboard.selectors.grouped import period_sums
from smartdistrict.dashboard.selectors.overdue import overdue_current, overdue_on
from smartdistrict.dashboard.selectors.periods import CURRENT, signed_pieces
from smartdistrict.dashboard.selectors.piecewise import signed_select
from smartdistrict.dashboard.selectors.scope import Period, Selection, ward_at
from smartdistrict.dashboard.selectors.sums import Sums
from smartdistrict.feedback.models import Category
from smartdistrict.geography.index import get_index
from smartdistrict.organisations.models import Department

MEDIANS = {  # kind → (day column, duration column, bucket column, count measure)
    "response": ("response_day", "response_s", "response_bucket", "responded"),
    "resolution": ("resolved_day", "resolution_s", "resolution_bucket", "resolved"),
}


def bucket_counts(selection: Selection, period: Period,
                  today: dt.date | None = None) -> dict[tuple[str, bool], dict]:
    """Per (kind, period: True = current) the count of durations in each bucket, from
    the counts per bucket of both periods' signed pieces (periods.signed_pieces: whole
    months from MonthlyDurations, days from DailyDurations; the jurisdiction's own rows
    when nothing is filtered): days × buckets rows, however many reports (issue 18).
    One query."""
    condition = selection.q() or Q(ward_id=ALL, department_id=ALL)
    kinds = {number: kind for kind, number in DURATION_KINDS.items()}
    counts: dict[tuple[str, bool], dict] = {
        (kind, current): defaultdict(int) for kind in kinds.values() for current in (1, 0)}
    signed = signed_select(
        {"day": DailyDurations.objects.filter(condition),
         "month": MonthlyDurations.objects.filter(condition)},
        signed_pieces(period, today or timezone.localdate()), ("kind", "bucket"), ("count",))
    if signed is None:
        return counts
    sql, params = signed
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT part, kind, bucket, SUM(count) FROM ({sql}) c "  # noqa: S608
                       "GROUP BY part, kind, bucket", params)
        for part, kind, number, n in cursor.fetchall():
            if n:
                counts[(kinds[kind], part == CURRENT)][number] += n
    return counts


def _locate(buckets: dict, rank: int) -> tuple[int, int]:
    """The bucket holding the duration of 0-based ``rank`` and its offset inside it."""
    below = 0
    for number in sorted(buckets):
        if rank < below + buckets[number]:
            return number, rank - below
        below += buckets[number]
    raise IndexError(rank)


def _values_at(selection: Selection, period: Period, kind: str, buckets: dict,
               ranks: list[int]) -> list[int]:
    """The durations at ``ranks`` (ascending order): each read inside its bucket by
    walking the bucket's durations in ReportDuration in order from the nearer end (the
    index is kind, bucket, duration, day) until the rank, never sorting the bucket
    (issue 18: a city-wide median's bucket holds tens of thousands of durations); one
    query when both ranks share a bucket."""
    located = [_locate(buckets, rank) for rank in ranks]

    def read(number: int, offset: int, size: int) -> list[int]:
        rows = (ReportDuration.objects.filter(kind=DURATION_KINDS[kind], bucket=number,
                                              day__range=(period.start, period.end))
                .filter(selection.q()).values_list("seconds", flat=True))
        from_top = buckets[number] - offset - size  # rows above the ones wanted
        if 0 <= from_top < offset:
            return list(rows.order_by("-seconds")[from_top:from_top + size])[::-1]
        return list(rows.order_by("seconds")[offset:offset + size])

    if len(located) == 2 and located[0][0] == located[1][0]:
        return read(located[0][0], located[0][1], 2)
    return [v for number, offset in located for v in read(number, offset, 1)]


def median_seconds(selection: Selection, period: Period, kind: str,
                   buckets: dict | None = None) -> float | None:
    """The exact median of the durations of ``kind`` counted in ``period`` (the mean of
    the two middle ones when their number is even)."""
    if buckets is None:
        buckets = bucket_counts(selection, period)[(kind, True)]
    count = sum(buckets.values())
    if not count:
        return None
    middle = (count - 1) // 2
    values = _values_at(selection, period, kind, buckets,
                        [middle] if count % 2 else [middle, middle + 1])
    if len(values) != (1 if count % 2 else 2):
        return None  # the facts changed between the two reads
    return float(values[0]) if count % 2 else (values[0] + values[1]) / 2


@dataclass
class Breakdown:
    key: int
    code: str
    name: str
    sums: Sums
    former: bool = False


@dataclass
class Figures:
    period: Period
    previous: Period
    current: Sums
    before: Sums
    median_response_s: float | None
    median_response_s_before: float | None
    median_resolution_s: float | None
    median_resolution_s_before: float | None
    overdue_now: int
    overdue_before: int | None
    by_ward: list[Breakdown] = field(default_factory=list)
    by_department: list[Breakdown] = field(default_factory=list)
    by_category: list[Breakdown] = field(default_factory=list)


def worst_first(rows: list[Breakdown]) -> list[Breakdown]:
    """Lowest on-time rate first (rows with nothing resolved last), then most overdue,
    then most received."""
    def key(row: Breakdown):
        rate = row.sums.on_time_rate
        return (rate is None, rate if rate is not None else 0, -row.sums.overdue,
                -row.sums.received, row.name)
    return sorted(rows, key=key)


def _label(name: str, name_en: str, language: str) -> str:
    return (name_en or name) if language == "en" else name


def local_name(obj, language: str) -> str:
    return _label(obj.name, getattr(obj, "name_en", ""), language)


def _medians(selection: Selection, period: Period,
             today: dt.date) -> dict[str, float | None]:
    found = {}
    counts = bucket_counts(selection, period, today)
    for kind in MEDIANS:
        found[kind] = median_seconds(selection, period, kind, counts[(kind, True)])
        found[f"{kind}_before"] = median_seconds(selection, period.previous(), kind,
                                                 counts[(kind, False)])
    return found


@serial
def figures(selection: Selection, period: Period, *, language: str = "vi",
            now: dt.datetime | None = None) -> Figures:
    now = now or timezone.now()
    found = period_sums(selection, period, today=timezone.localdate(now))
    current, before = found.current, found.before
    wards: dict[int, Sums] = defaultdict(Sums)
    departments = found.by["department_id"]
    categories = found.by["category_id"]
    mapped: dict[int, int] = {}

    def ward_key(ward_id: int) -> int:
        if ward_id not in mapped:
            record = ward_at(ward_id, period.end)
            mapped[ward_id] = record.id if record else ward_id
        return mapped[ward_id]

    for ward_id, sums in found.by["ward_id"].items():
        wards[ward_key(ward_id)].add(sums)
    overdue = overdue_current(selection, now, timezone.localdate(now))
    current.overdue = overdue.total
    for ward_id, count in overdue.by["ward_id"].items():
        wards[ward_key(ward_id)].overdue += count
    for department_id, count in overdue.by["department_id"].items():
        departments[department_id].overdue += count
    for category_id, count in overdue.by["category_id"].items():
        categories[category_id].overdue += count
    medians = _medians(selection, period, timezone.localdate(now))
    result = Figures(
        period=period, previous=period.previous(), current=current, before=before,
        median_response_s=medians["response"],
        median_response_s_before=medians["response_before"],
        median_resolution_s=medians["resolution"],
        median_resolution_s_before=medians["resolution_before"],
        overdue_now=current.overdue,
        overdue_before=overdue_on(
            selection, timezone.localdate(now) - dt.timedelta(days=period.days)
        ),
    )
    before.overdue = result.overdue_before or 0
    units = get_index().units
    result.by_ward = worst_first([
        Breakdown(key, units[key].code if key in units else str(key),
                  local_name(units[key], language) if key in units else str(key), sums,
                  former=bool(key in units and units[key].valid_to
                              and units[key].valid_to < period.end))
        for key, sums in wards.items()
    ])
    # Plain rows of every department, not model instances filtered by hundreds of ids: a
    # city has hundreds of departments, and binding their ids cost more than the rows.
    names = {row[0]: row for row in Department.objects.order_by()
             .values_list("id", "code", "name", "name_en", "valid_to")}
    result.by_department = worst_first([
        Breakdown(key, names[key][1], _label(names[key][2], names[key][3], language), sums,
                  former=bool(names[key][4] and names[key][4] < period.end))
        for key, sums in departments.items() if key in names
    ])
    kinds = {row[0]: row for row in Category.objects.order_by()
             .values_list("id", "code", "name", "name_en")}
    result.by_category = worst_first([
        Breakdown(key, kinds[key][1], _label(kinds[key][2], kinds[key][3], language), sums)
        for key, sums in categories.items() if key in kinds
    ])
    return result
