"""Reads for the residents' pages: this month's figures and the recent reports on the map.

Both are on the home page, which anyone may load at any rate, so each is one indexed
query (the month's figures are also cached for a few minutes: they change slowly and the
"resolved" count has no index of its own).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Q
from django.utils import timezone

from smartdistrict.feedback.models import Report

# How many reports the home map shows (newest first; /reports/ has them all).
MAP_LIMIT = 300


@dataclass(frozen=True)
class MonthCounts:
    """Reports received, resolved and resolved on time in one calendar month (local time)."""

    month: dt.date  # its first day
    received: int
    resolved: int
    on_time: int

    @property
    def on_time_percent(self) -> int | None:
        if not self.resolved:
            return None
        return round(100 * self.on_time / self.resolved)


def month_bounds(now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The start of ``now``'s month and of the next one, in the deployment's time zone."""
    local = timezone.localtime(now)
    start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return start, following


def month_counts(now: dt.datetime | None = None) -> MonthCounts:
    """This month's figures: received (created in the month), resolved (resolved in the
    month, whenever received; a report reopened since no longer counts) and on time
    (of those, resolved by their due time)."""
    start, end = month_bounds(now or timezone.now())
    key = f"portal:month-counts:{start:%Y-%m}"
    seconds = settings.PORTAL_COUNTS_CACHE_SECONDS
    cached = cache.get(key) if seconds else None
    if cached is not None:
        return cached
    received = Report.objects.filter(created_at__gte=start, created_at__lt=end).count()
    resolved = Report.objects.filter(resolved_at__gte=start, resolved_at__lt=end).aggregate(
        resolved=Count("id"), on_time=Count("id", filter=Q(resolved_at__lte=F("due_at")))
    )
    counts = MonthCounts(
        month=start.date(), received=received, resolved=resolved["resolved"],
        on_time=resolved["on_time"],
    )
    if seconds:
        cache.set(key, counts, seconds)
    return counts


def recent_map_reports(now: dt.datetime | None = None) -> list[dict]:
    """The newest located public reports (at most MAP_LIMIT): every open one, whatever its
    age, and those closed in the last PUBLIC_REPORTS_CLOSED_MONTHS months, as /reports/
    lists them (so an old overdue report is not left off the map); public fields only:
    code, state, category, position, date. Merged duplicates are left out (their original
    is on the map)."""
    from smartdistrict.portal.listing import ReportFilter, public_reports

    rows = (
        public_reports(ReportFilter(), now)
        .filter(lat__isnull=False)
        .values("code", "status", "lat", "lon", "created_at", "category_id")[:MAP_LIMIT]
    )
    return list(rows)
