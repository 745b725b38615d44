"""The nightly consistency check: recompute everything beside the aggregates, compare,
report the drift and repair it.

1. Every report's fact row is recomputed from the report (in id-ordered batches, so
   memory stays flat) and compared with the stored one: missing, different, and
   stored rows whose report is gone.
2. The daily sums the (now repaired) facts give are computed in SQL and compared with
   the stored sums both ways (EXCEPT): rows missing, different or stale.
3. Each month's stored sums are compared with the sums of its (repaired) days.
4. The rollups per dimension (rollup.py) are compared with the (repaired) sums.
5. The same for the duration counts per bucket (durations.py): days against the facts,
   months against their days.
6. The durations a median walks (walk.py) against the facts' durations.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.utils import timezone

from smartdistrict.dashboard.facts import daily, durations, rollup, walk
from smartdistrict.dashboard.facts.refresh import diff_batch, state, write_facts
from smartdistrict.dashboard.facts.rows import source_rows
from smartdistrict.dashboard.models import ReportFact

log = logging.getLogger(__name__)
SAMPLE = 20


@dataclass
class Drift:
    facts_missing: int = 0  # reports without a fact row
    facts_different: int = 0  # fact rows that disagree with their report
    facts_extra: int = 0  # fact rows whose report no longer exists
    daily_rows: int = 0  # daily rows missing, different or stale
    months: int = 0  # months whose sums differ from the sum of their days
    rollup_rows: int = 0  # rollup rows that differ from the daily and monthly sums
    duration_days: int = 0  # days whose duration counts per bucket were wrong
    duration_months: int = 0  # months whose counts differ from the sum of their days
    duration_rows: int = 0  # durations walked by a median wrong, missing or stale
    days: list[str] = field(default_factory=list)  # days whose sums were wrong (sample)
    reports: list[int] = field(default_factory=list)  # report ids with wrong facts (sample)
    fixed: bool = False

    @property
    def found(self) -> bool:
        return bool(self.facts_missing or self.facts_different or self.facts_extra
                    or self.daily_rows or self.months or self.rollup_rows
                    or self.duration_days
                    or self.duration_months or self.duration_rows)


def facts_check(*, fix: bool = True) -> Drift:
    """Compare the aggregates with a recomputation from the reports; repair if ``fix``."""
    drift = Drift(fixed=fix)
    last_id = 0
    for rows in source_rows():
        diff = diff_batch(rows, last_id)
        last_id = rows[-1][0]
        drift.facts_missing += len(diff.expected) - len(diff.before)
        drift.facts_different += len(diff.before)
        drift.facts_extra += len(diff.extra)
        drift.reports.extend(list(diff.expected)[: SAMPLE - len(drift.reports)])
        if fix and (diff.expected or diff.extra):
            # The days of the wrong versions are then found by the daily comparison.
            with transaction.atomic():
                write_facts(list(diff.expected.values()))
                ReportFact.objects.filter(report_id__in=diff.extra).delete()
    beyond = ReportFact.objects.filter(report_id__gt=last_id)
    drift.facts_extra += beyond.count()
    if fix:
        beyond.delete()
    missing, stale, wrong_months = daily.differences()
    drift.daily_rows = len(missing) + len(stale)
    drift.months = len(wrong_months)
    wrong_days = {daily.as_date(row[0]) for row in missing + stale}
    drift.days = sorted(d.isoformat() for d in wrong_days)[:SAMPLE]
    if fix and (drift.daily_rows or wrong_months):
        if max(len(missing), len(stale)) >= 1_000:  # the comparison was cut: rebuild all
            daily.rebuild_days(None)
        else:
            daily.rebuild_days(wrong_days)  # also rebuilds those days' months
            daily.rebuild_months(wrong_months)
    drift.rollup_rows = rollup.differences()  # against the repaired sums
    if fix and drift.rollup_rows:
        rollup.rebuild()
    wrong_days, wrong_months, cut = durations.differences()
    drift.duration_days, drift.duration_months = len(wrong_days), len(wrong_months)
    if fix and wrong_days:
        durations.rebuild_days(None if cut else wrong_days)  # and those days' months
    if fix and wrong_months:
        durations.rebuild_months(wrong_months)
    drift.duration_rows = walk.differences()  # against the repaired facts
    if fix and drift.duration_rows:
        with transaction.atomic():
            walk.sync()
    record = state()
    record.checked_at = timezone.now()
    record.drift = asdict(drift)
    fields = ["checked_at", "drift"]
    if fix and (drift.facts_missing or drift.facts_different or drift.facts_extra):
        # Facts changed outside the refresh: the overdue counts it keeps by delta from
        # the facts' changes are counted again in full by the next refresh.
        record.overdue_at = None
        fields.append("overdue_at")
    record.save(update_fields=fields)
    if drift.found:
        log.error("dashboard aggregates drifted%s: %s", " (repaired)" if fix else "",
                  asdict(drift))
    else:
        log.info("dashboard aggregates consistent with the reports")
    return drift
