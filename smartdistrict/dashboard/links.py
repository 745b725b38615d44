"""Links from a figure to the list of reports behind it: the staff console's queue.

The queue filters by status (open, closed, all or one state), category, ward (a ward
includes the wards it took over), department, overdue and the date received
(created_after, created_before, inclusive). It cannot filter by the date of
resolution or rating, so figures counted on those dates (resolved, on time, medians,
satisfaction) link to the reports received in the same period that are now closed:
the same reports for most of them, not exactly the same set.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse

from smartdistrict.dashboard.selectors.scope import Period


def queue_url(period: Period | None = None, *, unit_code: str = "", status: str = "all",
              overdue: bool = False, **filters: str) -> str:
    """The console queue with these filters ('' when the console is not installed)."""
    try:
        base = reverse("console:queue")
    except NoReverseMatch:
        return ""
    query: dict[str, str] = {"status": status}
    if period is not None:
        query["created_after"] = period.start.isoformat()
        query["created_before"] = period.end.isoformat()
    if unit_code:
        query["ward"] = unit_code
    if overdue:
        query["overdue"] = "on"
    query.update({k: v for k, v in filters.items() if v})
    return f"{base}?{urlencode(query)}"
