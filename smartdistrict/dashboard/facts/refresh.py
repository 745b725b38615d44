"""The refresh job: bring the aggregates up to date with the reports.

Incremental: reports whose ``updated_at`` moved since the last run (less a safety
overlap, for transactions that committed late) are re-read, and reports deleted since
(RemovedReport, recorded on delete); each changed fact row subtracts its old version's
contribution from the daily and monthly sums and adds its new one (delta.py), so the
cost follows the changes, not the table. Every change to a report that matters here goes
through a service that saves ``updated_at`` (transitions, re-categorisation, rating).
What bypasses Django (an UPDATE or DELETE in SQL) is found by the nightly check.

A large backlog (after seeding or an import) switches to a full rebuild, done in
batches so that writers are never held for long.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from smartdistrict.core.db_settings import local_setting
from smartdistrict.dashboard.facts import daily, delta, durations, overdue, rollup, walk
from smartdistrict.dashboard.facts.rows import (
    FACT_FIELDS,
    SOURCE_FIELDS,
    facts_of,
    source_rows,
)
from smartdistrict.dashboard.models import (
    DailyFact,
    RefreshState,
    RemovedReport,
    ReportFact,
)
from smartdistrict.feedback.models import Report

log = logging.getLogger(__name__)


def refresh_minutes() -> int:
    """How often the periodic job runs (DASHBOARD_REFRESH_MINUTES, default 5)."""
    return max(1, settings.DASHBOARD_REFRESH_MINUTES)


def overlap() -> dt.timedelta:
    """Re-read reports updated this long before the watermark (DASHBOARD_REFRESH_OVERLAP_SECONDS,
    default 300): a transaction that committed after the last run with an earlier stamp."""
    return dt.timedelta(seconds=settings.DASHBOARD_REFRESH_OVERLAP_SECONDS)


def incremental_limit() -> int:
    """Above this many changed reports, rebuild everything (DASHBOARD_INCREMENTAL_LIMIT)."""
    return settings.DASHBOARD_INCREMENTAL_LIMIT


@dataclass(frozen=True)
class RefreshResult:
    full: bool
    reports: int  # reports read
    changed: int  # fact rows written
    days: int  # days whose sums were rebuilt
    watermark: dt.datetime


LOCK_SECONDS = 3_600  # a crashed run's lease expires after an hour


class Locked(Exception):
    """Another refresh or check holds the lease."""


def state() -> RefreshState:
    return RefreshState.objects.get_or_create(id=1)[0]


@contextmanager
def facts_lock(seconds: int = LOCK_SECONDS) -> Iterator[None]:
    """Hold the lease on the aggregates (a conditional UPDATE: works on every database
    and every Huey storage); raises Locked when someone else holds it."""
    state()
    now = timezone.now()
    taken = RefreshState.objects.filter(
        Q(lock_until__isnull=True) | Q(lock_until__lt=now), id=1
    ).update(lock_until=now + dt.timedelta(seconds=seconds))
    if not taken:
        raise Locked
    try:
        yield
    finally:
        RefreshState.objects.filter(id=1).update(lock_until=None)


FACT_UPDATE_FIELDS = [f for f in FACT_FIELDS if f != "report_id"]


def write_facts(facts: list[tuple]) -> None:
    """Insert or replace fact rows (one upsert statement per 1,000 rows; on PostgreSQL
    one statement of one array per column, whose binding costs nothing)."""
    if connection.vendor == "postgresql":
        if facts:
            _write_facts_unnest(facts)
        return
    ReportFact.objects.bulk_create(
        [ReportFact(**dict(zip(FACT_FIELDS, fact, strict=True))) for fact in facts],
        batch_size=1_000, update_conflicts=True, unique_fields=["report_id"],
        update_fields=FACT_UPDATE_FIELDS,
    )


def _write_facts_unnest(facts: list[tuple]) -> None:
    fields = [ReportFact._meta.get_field(name) for name in FACT_FIELDS]
    arrays = ", ".join(f"%s::{f.cast_db_type(connection)}[]" for f in fields)
    updates = ", ".join(f"{name} = excluded.{name}" for name in FACT_UPDATE_FIELDS)
    sql = (
        f"INSERT INTO {ReportFact._meta.db_table} ({', '.join(FACT_FIELDS)}) "  # noqa: S608
        f"SELECT * FROM unnest({arrays}) ON CONFLICT (report_id) DO UPDATE SET {updates}"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(facts), 5_000):
            chunk = facts[start:start + 5_000]
            cursor.execute(sql, [list(column) for column in zip(*chunk, strict=True)])


def _insert_facts(facts: list[tuple]) -> None:
    """Add fact rows that are not stored (the full rebuild's new ones): by COPY on
    PostgreSQL, whose client sends them as they are, where the upsert's arrays were
    quoted value by value in Python (issue 18: 28 of the 80 s of a full rebuild at
    200,000 reports)."""
    if connection.vendor != "postgresql":
        write_facts(facts)
        return
    if not facts:
        return
    with connection.cursor() as wrapper, wrapper.cursor.copy(
        f"COPY {ReportFact._meta.db_table} ({', '.join(FACT_FIELDS)}) FROM STDIN"
    ) as copy:
        for fact in facts:
            copy.write_row(fact)


def stored_facts(report_ids: list[int]) -> dict[int, tuple]:
    found: dict[int, tuple] = {}
    for start in range(0, len(report_ids), 900):
        for row in ReportFact.objects.filter(
            report_id__in=report_ids[start:start + 900]
        ).values_list(*FACT_FIELDS):
            found[row[0]] = row
    return found


@dataclass
class BatchDiff:
    """One batch of reports (ids after ``after`` up to the batch's last) against the facts."""

    expected: dict[int, tuple]  # fact rows that are missing or differ
    before: dict[int, tuple]  # their stored versions, where one exists
    extra: list[int]  # stored fact rows whose report is gone


def diff_batch(rows: list[tuple], after: int) -> BatchDiff:
    facts = facts_of(rows)
    stored = {
        row[0]: row
        for row in ReportFact.objects.filter(
            report_id__gt=after, report_id__lte=rows[-1][0]
        ).values_list(*FACT_FIELDS)
    }
    expected = {rid: fact for rid, fact in facts.items() if stored.get(rid) != fact}
    return BatchDiff(
        expected=expected,
        before={rid: stored[rid] for rid in expected if rid in stored},
        extra=[rid for rid in stored if rid not in facts],
    )


# Sort memory for the full rebuild's one GROUP BY over every fact, for its transaction
# (issue 18: it spilled 429 MB to disk at a million reports with the default 4 MB).
FULL_WORK_MEM = "256MB"
AGGREGATE_TABLES = (ReportFact, DailyFact)


def _analyze() -> None:
    """Fresh planner statistics after a rebuild (the planner once estimated 325 fact
    rows where there were 96,745). PostgreSQL only: SQLite's plans were measured without
    statistics and stay so."""
    from smartdistrict.dashboard.models import (
        DailyDurations,
        DailyRollup,
        MonthlyDurations,
        MonthlyFact,
        MonthlyRollup,
        ReportDuration,
    )

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in (*AGGREGATE_TABLES, MonthlyFact, DailyDurations, MonthlyDurations,
                      DailyRollup, MonthlyRollup, ReportDuration):
            cursor.execute(f"ANALYZE {model._meta.db_table}")


def _full(now: dt.datetime, record: RefreshState) -> RefreshResult:
    """Every fact from every report (a transaction per batch), then every day's sums."""
    began = timezone.now()
    record.full_at = None  # marks a full rebuild in progress until it ends
    record.save(update_fields=["full_at"])
    seen = written = 0
    last_id = 0
    for rows in source_rows():
        diff = diff_batch(rows, last_id)
        with transaction.atomic():
            write_facts([fact for rid, fact in diff.expected.items() if rid in diff.before])
            _insert_facts([fact for rid, fact in diff.expected.items()
                           if rid not in diff.before])
            ReportFact.objects.filter(report_id__in=diff.extra).delete()
        last_id = rows[-1][0]
        seen += len(rows)
        written += len(diff.expected) + len(diff.extra)
    ReportFact.objects.filter(report_id__gt=last_id).delete()
    with transaction.atomic(), local_setting("work_mem", FULL_WORK_MEM):
        # The pass above dropped the facts of reports deleted before it began; one
        # deleted during the pass is left for the next refresh.
        RemovedReport.objects.filter(removed_at__lt=began).delete()
        daily.rebuild_days(None)
        rollup.rebuild()
        durations.rebuild_days(None)
        walk.sync()  # the durations a median walks: only the rows that differ
        record.watermark = now
        record.refreshed_at = record.full_at = timezone.now()
        record.save(update_fields=["watermark", "refreshed_at", "full_at"])
    _analyze()
    days = DailyFact.objects.values("day").distinct().count()
    return RefreshResult(full=True, reports=seen, changed=written, days=days, watermark=now)


def _rows_of(report_ids: list[int], batch: int = 5_000):
    """The source rows of these reports (sorted ids), in batches, by primary key."""
    for start in range(0, len(report_ids), batch):
        chunk = report_ids[start:start + batch]
        yield list(Report.objects.filter(id__in=chunk).order_by("id")
                   .values_list(*SOURCE_FIELDS))


def _incremental(now: dt.datetime, record: RefreshState) -> RefreshResult | None:
    """Facts of the reports changed or removed since the watermark, and the sums by delta
    (each changed fact subtracts its old contribution and adds its new one: the cost
    follows the changes, not the table); None when too many changed."""
    # The ids first, from the updated_at index, then the rows by id: filtering the
    # id-ordered batches by updated_at let PostgreSQL walk the primary key through the
    # whole table (issue 18: the cost of a refresh grew with the table).
    limit = incremental_limit()
    changed_ids = list(
        Report.objects.filter(updated_at__gte=record.watermark - overlap())
        .order_by().values_list("id", flat=True)[: limit + 1]
    )
    removed = list(RemovedReport.objects.values_list("report_id", flat=True)[: limit + 1])
    if len(changed_ids) + len(removed) > limit:
        return None
    changed_ids.sort()
    with transaction.atomic():
        seen = written = 0
        pairs: list[tuple[tuple | None, tuple | None]] = []
        for rows in _rows_of(changed_ids):
            facts = facts_of(rows)
            old = stored_facts(list(facts))
            changed = []
            for report_id, fact in facts.items():
                before = old.get(report_id)
                if before != fact:
                    changed.append(fact)
                    pairs.append((before, fact))
            write_facts(changed)
            seen += len(rows)
            written += len(changed)
        if removed:
            still_there = set(Report.objects.filter(id__in=removed).values_list("id", flat=True))
            gone = [rid for rid in removed if rid not in still_there]
            for fact in stored_facts(gone).values():
                pairs.append((fact, None))
                written += 1
            for start in range(0, len(gone), 900):
                ReportFact.objects.filter(report_id__in=gone[start:start + 900]).delete()
            RemovedReport.objects.filter(report_id__in=removed).delete()
        sums = delta.changes(pairs)
        touched = delta.apply(sums)
        rollup.apply(sums)
        durations.apply(durations.changes(pairs))
        walk.apply(pairs)
        overdue.snapshot_overdue(now, record, pairs)
        record.watermark = now
        record.refreshed_at = timezone.now()
        record.save(update_fields=["watermark", "refreshed_at"])
    return RefreshResult(full=False, reports=seen, changed=written, days=len(touched),
                         watermark=now)


def facts_refresh(*, full: bool = False, now: dt.datetime | None = None) -> RefreshResult:
    """Bring ReportFact, DailyFact and today's overdue snapshot (overdue.py) up to date.

    Full when asked, on the first run, after an unfinished full run, or when more than
    DASHBOARD_INCREMENTAL_LIMIT reports changed. Callers hold ``facts_lock`` (the task and
    the command do), so two refreshes never interleave."""
    now = now or timezone.now()
    record = state()
    result = None
    if not full and record.watermark is not None and record.full_at is not None:
        result = _incremental(now, record)
    if result is None:
        result = _full(now, record)
        overdue.snapshot_overdue(now, record)  # counted in full
    log.info("dashboard refresh: %s", result)
    return result
