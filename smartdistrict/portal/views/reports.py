"""The public reports: a list and a map of what residents reported, filtered and searched.

Thin: which reports are public and how they are filtered is portal.listing; the report's
own page is the tracking page (/track/<code>)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from smartdistrict.feedback.models import Status
from smartdistrict.feedback.selectors import categories_by_id, is_overdue
from smartdistrict.geography.selectors import today, wards_with_boundary_status
from smartdistrict.portal import listing, presenters
from smartdistrict.portal.templatetags.portal_tags import localised
from smartdistrict.portal.views.home import STATE_GROUP_OF, STATE_GROUPS


@require_GET
def reports_list(request: HttpRequest) -> HttpResponse:
    criteria = listing.ReportFilter.from_query(request.GET)
    page = listing.report_page(criteria, cursor=request.GET.get("after", "")[:40])
    query = criteria.as_query()
    context = {
        "criteria": criteria,
        "rows": [{"report": r, "overdue": is_overdue(r)} for r in page.reports],
        "next_url": (f"?{urlencode({**query, 'after': page.next_cursor})}"
                     if page.next_cursor else ""),
        "first_url": f"?{urlencode(query)}" if request.GET.get("after") else "",
        "map_url": f"{reverse('portal-reports-map')}?{urlencode(query)}",
        "wards": [row["unit"] for row in wards_with_boundary_status(today())],
        "category_groups": presenters.category_groups(),
        "states": [("open", Status.NEW.label), ("resolved", Status.RESOLVED.label),
                   ("rejected", Status.REJECTED.label)],
        "legend": [(group, [s.label for s in states]) for group, states in STATE_GROUPS],
        "closed_months": listing.closed_months(),
        "filtered": bool(query),
    }
    return render(request, "portal/reports.html", context)


@require_GET
def reports_map(request: HttpRequest) -> JsonResponse:
    """The map's data: [code, state group, category id, lat, lon] per report, with the
    names once; public fields only (no text, no contact)."""
    criteria = listing.ReportFilter.from_query(request.GET)
    rows = listing.map_rows(criteria)
    categories = categories_by_id()
    used = {row[2] for row in rows}
    body = {
        "reports": [
            [code, STATE_GROUP_OF.get(status, "new"), category, round(lat, 6), round(lon, 6)]
            for code, status, category, lat, lon in rows
        ],
        "categories": {str(i): localised(categories.get(i)) for i in sorted(used)},
        "states": {group: ", ".join(str(s.label) for s in states)
                   for group, states in STATE_GROUPS},
        "truncated": len(rows) >= listing.MAP_LIMIT,
        "track_url": reverse("portal-track", args=["CODE"]).removesuffix("CODE"),
    }
    response = JsonResponse(body)
    patch_cache_control(response, max_age=60)
    patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response
