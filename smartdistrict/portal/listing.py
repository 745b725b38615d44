"""Reads for the public reports (/reports/): the list, a page at a time, and the map data.

Which reports are public: every open one, whatever its age, and those resolved, closed or
refused in the last PUBLIC_REPORTS_CLOSED_MONTHS months; merged duplicates never (their
original is listed). Filters: the unit (with the former wards it took over), the category,
the state group, overdue, and a search that ignores diacritics (feedback.search).

Both reads stay cheap at millions of reports: newest first with a keyset cursor (no
OFFSET, no count of everything), limited; the map takes the newest MAP_LIMIT matching
reports with their position only. The indexes they use are on Report (created_at, and
ward/category with created_at; a trigram index for the search on PostgreSQL).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from smartdistrict.feedback.models import OPEN_STATES, Category, Report, Status
from smartdistrict.feedback.search import MAX_QUERY, reports_matching
from smartdistrict.feedback.selectors import category_usable, overdue_now
from smartdistrict.geography.models import Unit
from smartdistrict.geography.selectors import territory_ids

PAGE_SIZE = 25
MAP_LIMIT = 1500

# The state filter's choices: what the resident sees as one state.
STATE_GROUPS: dict[str, tuple[str, ...]] = {
    "open": tuple(OPEN_STATES),
    "resolved": (Status.RESOLVED, Status.CLOSED),
    "rejected": (Status.REJECTED,),
}


@dataclass(frozen=True)
class ReportFilter:
    """The filters of the public list, read from the query string (unknown values are
    dropped, never an error: a stale link still shows a page)."""

    unit: Unit | None = None
    category: Category | None = None
    state: str = ""
    overdue: bool = False
    q: str = ""

    @classmethod
    def from_query(cls, query: Any) -> ReportFilter:
        unit = None
        code = (query.get("unit") or "").strip()[:20]
        if code:
            unit = Unit.objects.filter(code=code).first()
        category = category_usable((query.get("category") or "").strip()[:50])
        state = query.get("state") or ""
        return cls(
            unit=unit, category=category, state=state if state in STATE_GROUPS else "",
            overdue=(query.get("overdue") or "") in ("1", "on", "true"),
            q=" ".join((query.get("q") or "").split())[:MAX_QUERY],
        )

    def as_query(self) -> dict[str, str]:
        """The filter as query-string values (for links to the next page and the map)."""
        values = {
            "unit": self.unit.code if self.unit else "",
            "category": self.category.code if self.category else "",
            "state": self.state, "overdue": "1" if self.overdue else "", "q": self.q,
        }
        return {k: v for k, v in values.items() if v}

    def without(self, name: str) -> ReportFilter:
        return replace(self, **{name: {"unit": None, "category": None, "overdue": False}.get(
            name, "")})


def closed_since(now: dt.datetime | None = None) -> dt.datetime:
    """The oldest resolution or closure still listed (a month counted as 30.44 days)."""
    days = round(settings.PUBLIC_REPORTS_CLOSED_MONTHS * 30.44)
    return (now or timezone.now()) - dt.timedelta(days=days)


def public_reports(criteria: ReportFilter, now: dt.datetime | None = None) -> QuerySet[Report]:
    """The public reports matching ``criteria``, newest first (not yet limited)."""
    since = closed_since(now)
    reports = Report.objects.exclude(status=Status.DUPLICATE).filter(
        Q(status__in=OPEN_STATES) | Q(resolved_at__gte=since) | Q(closed_at__gte=since)
    )
    if criteria.unit is not None:
        reports = reports.filter(ward_id__in=sorted(territory_ids({criteria.unit.id})))
    if criteria.category is not None:
        reports = reports.filter(category=criteria.category)
    if criteria.state:
        reports = reports.filter(status__in=STATE_GROUPS[criteria.state])
    if criteria.overdue:
        reports = reports.filter(overdue_now())
    reports = reports_matching(reports, criteria.q)
    return reports.order_by("-created_at", "-id")


def _cursor(report: Report) -> str:
    return f"{int(report.created_at.timestamp() * 1_000_000)}.{report.pk}"


def _after(reports: QuerySet[Report], cursor: str) -> QuerySet[Report]:
    """The reports older than the cursor's (a malformed cursor: the first page)."""
    try:
        micros, pk = (int(part) for part in cursor.split(".", 1))
        moment = dt.datetime.fromtimestamp(micros / 1_000_000, tz=dt.UTC)
    except (ValueError, OverflowError, OSError):
        return reports
    return reports.filter(Q(created_at__lt=moment) | Q(created_at=moment, pk__lt=pk))


@dataclass(frozen=True)
class Page:
    reports: list[Report]
    next_cursor: str  # empty on the last page


def report_page(criteria: ReportFilter, *, cursor: str = "", size: int | None = None) -> Page:
    """One page of the list: ``size`` (PAGE_SIZE) reports after ``cursor`` (one query:
    categories and wards come with the reports)."""
    size = size or PAGE_SIZE
    reports = public_reports(criteria)
    if cursor:
        reports = _after(reports, cursor)
    rows = list(
        reports.select_related("category", "ward").only(
            "code", "status", "description", "address", "created_at", "due_at", "supporters",
            "resolved_at", "category__name", "category__name_en", "ward__name",
            "ward__name_en",
        )[: size + 1]
    )
    more = len(rows) > size
    rows = rows[:size]
    return Page(reports=rows, next_cursor=_cursor(rows[-1]) if more and rows else "")


def map_rows(criteria: ReportFilter) -> list[dict[str, Any]]:
    """The newest located reports matching ``criteria`` (at most MAP_LIMIT): code, state,
    category id and position only."""
    return list(
        public_reports(criteria)
        .filter(lat__isnull=False)
        .values_list("code", "status", "category_id", "lat", "lon")[:MAP_LIMIT]
    )


def closed_months() -> int:
    return settings.PUBLIC_REPORTS_CLOSED_MONTHS
