"""The dashboard's figures for a period and a selection, in a fixed number of queries.

- two reads of the sums covering the period and the previous one, folded in SQL into
  the totals and the three breakdowns (grouped.period_sums: whole months from
  MonthlyFact, loose days from DailyFact);
- exact medians: the counts per duration bucket (DailyDurations, MonthlyDurations: days
  × buckets rows), then one ORDER BY … LIMIT 2 inside the median's bucket of ReportFact
  per kind and period (a range of a bucket-first index);
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
from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When
from django.utils import timezone

from smartdistrict.dashboard.models import (
    ALL,
    DURATION_KINDS,
    DailyDurations,
    MonthlyDurations,
    OverdueSnapshot,
    ReportFact,
)
from smartdistrict.dashboard.selectors.grouped import period_sums
from smartdistrict.dashboard.selectors.periods import pieces
from smartdistrict.dashboard.selectors.scope import Period, Selection, ward_at
from smartdistrict.dashboard.selectors.sums import Sums
from smartdistrict.feedback.models import Category, Report
from smartdistrict.feedback.selectors import overdue_now
from smartdistrict.geography.index import get_index
from smartdistrict.organisations.models import Department

MEDIANS = {  # kind → (day column, duration column, bucket column, count measure)
    "response": ("response_day", "response_s", "response_bucket", "responded"),
    "resolution": ("resolved_day", "resolution_s", "resolution_bucket", "resolved"),
}


def raw_rows(queryset) -> list[tuple]:
    """The rows of a values_list queryset straight from the cursor: no per-value
    converters (thousands of small rows would spend more time there than in SQL)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def bucket_counts(selection: Selection, period: Period) -> dict[tuple[str, bool], dict]:
    """Per (kind, period: True = current) the count of durations in each bucket, from
    the counts per bucket of both periods (whole months from MonthlyDurations, loose days
    from DailyDurations; the jurisdiction's own rows when nothing is filtered): days ×
    buckets rows, however many reports (issue 18). One query per table."""
    condition = selection.q() or Q(ward_id=ALL, department_id=ALL)
    months, days = [], Q()
    for part in (period.previous(), period):
        split = pieces(part)
        months += split.months
        for first, last in split.days:
            days |= Q(day__range=(first, last))
    reads = []
    if days:
        reads.append((DailyDurations.objects.filter(days), "day"))
    if months:
        reads.append((MonthlyDurations.objects.filter(month__in=months), "month"))
    kinds = {number: kind for kind, number in DURATION_KINDS.items()}
    counts: dict[tuple[str, bool], dict] = {
        (kind, current): defaultdict(int) for kind in kinds.values() for current in (1, 0)}
    for rows, when in reads:
        found = raw_rows(
            rows.filter(condition)
            .annotate(current=Case(When(**{f"{when}__gte": period.start}, then=Value(1)),
                                   default=Value(0), output_field=IntegerField()))
            .values_list("kind", "current", "bucket").annotate(n=Sum("count")).order_by()
        )
        for kind, current, number, n in found:
            counts[(kinds[kind], bool(current))][number] += n
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
    """The durations at ``ranks`` (ascending order): each read by sorting only the rows
    of its bucket (one query when both ranks share a bucket)."""
    day, value, bucket, _ = MEDIANS[kind]
    located = [_locate(buckets, rank) for rank in ranks]

    def read(number: int, offset: int, size: int) -> list[int]:
        return list(
            ReportFact.objects.filter(**{f"{day}__range": (period.start, period.end),
                                         bucket: number})
            .filter(selection.q()).order_by(value)
            .values_list(value, flat=True)[offset:offset + size]
        )

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


def overdue_now_count(selection: Selection) -> int:
    """Open and past due now, read live from the reports (indexed count)."""
    return Report.objects.filter(overdue_now()).filter(selection.q()).count()


def overdue_fact_rows(selection: Selection, now: dt.datetime) -> list[tuple[int, int, int, int]]:
    """(ward, department, category, count) open at the last refresh and past due now."""
    return list(
        ReportFact.objects.filter(is_open=True, due_at__lt=now).filter(selection.q())
        .order_by().values_list("ward_id", "department_id", "category_id")
        .annotate(n=Count("*"))
    )


def _snapshot(selection: Selection, day: dt.date):
    """The day's snapshot rows in the selection, and its marker row (ward 0)."""
    rows = OverdueSnapshot.objects.filter(day=day)
    condition = selection.q()
    return rows.filter(Q(ward_id=0) | condition) if condition else rows


def overdue_recorded(selection: Selection, day: dt.date) -> list[tuple[int, int, int, int]] | None:
    """(ward, department, category, count) overdue as the refresh job counted on ``day``
    (its latest run that day); None when it has not counted that day yet."""
    rows = list(_snapshot(selection, day)
                .values_list("ward_id", "department_id", "category_id", "overdue"))
    if not any(ward == 0 for ward, *_ in rows):
        return None
    return [row for row in rows if row[0] != 0]


def overdue_on(selection: Selection, day: dt.date) -> int | None:
    """Overdue reports counted by the refresh job on ``day``; None when it recorded none."""
    found = _snapshot(selection, day).aggregate(
        total=Sum("overdue", filter=~Q(ward_id=0)), marker=Count("id", filter=Q(ward_id=0)),
    )
    return (found["total"] or 0) if found["marker"] else None


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


def local_name(obj, language: str) -> str:
    return (getattr(obj, "name_en", "") or obj.name) if language == "en" else obj.name


def _medians(selection: Selection, period: Period) -> dict[str, float | None]:
    found = {}
    counts = bucket_counts(selection, period)
    for kind in MEDIANS:
        found[kind] = median_seconds(selection, period, kind, counts[(kind, True)])
        found[f"{kind}_before"] = median_seconds(selection, period.previous(), kind,
                                                 counts[(kind, False)])
    return found


def figures(selection: Selection, period: Period, *, language: str = "vi",
            now: dt.datetime | None = None) -> Figures:
    now = now or timezone.now()
    found = period_sums(selection, period)
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
    # Overdue as the latest refresh counted it (every DASHBOARD_REFRESH_MINUTES, like every
    # other figure here); before today's first refresh, live from the reports.
    overdue = overdue_recorded(selection, timezone.localdate(now))
    if overdue is None:
        overdue = overdue_fact_rows(selection, now)
        current.overdue = overdue_now_count(selection)
    else:
        current.overdue = sum(row[3] for row in overdue)
    for ward_id, department_id, category_id, count in overdue:
        wards[ward_key(ward_id)].overdue += count
        departments[department_id].overdue += count
        categories[category_id].overdue += count
    medians = _medians(selection, period)
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
    names = {d.id: d for d in Department.objects.filter(id__in=list(departments))
             .only("id", "code", "name", "name_en", "valid_to")}
    result.by_department = worst_first([
        Breakdown(key, names[key].code, local_name(names[key], language), sums,
                  former=bool(names[key].valid_to and names[key].valid_to < period.end))
        for key, sums in departments.items() if key in names
    ])
    kinds = {c.id: c for c in Category.objects.filter(id__in=list(categories))
             .only("id", "code", "name", "name_en")}
    result.by_category = worst_first([
        Breakdown(key, kinds[key].code, local_name(kinds[key], language), sums)
        for key, sums in categories.items() if key in kinds
    ])
    return result
