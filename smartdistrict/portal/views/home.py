"""The front page: the district's map with recent reports, this month's figures, the ways in."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_GET

from smartdistrict.feedback.models import Status
from smartdistrict.feedback.selectors import categories_by_id
from smartdistrict.geography.selectors import today, wards_with_boundary_status
from smartdistrict.portal import selectors
from smartdistrict.portal.templatetags.portal_tags import localised

# Marker colour groups of the map legend, in the order a report moves through them.
STATE_GROUPS = (
    ("new", (Status.NEW,)),
    ("working", (Status.ASSIGNED, Status.IN_PROGRESS)),
    ("reopened", (Status.REOPENED,)),
    ("resolved", (Status.RESOLVED, Status.CLOSED)),
    ("rejected", (Status.REJECTED,)),
)
STATE_GROUP_OF = {s: group for group, states in STATE_GROUPS for s in states}


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    wards = wards_with_boundary_status(today())
    context = {
        "counts": selectors.month_counts(),
        "wards": wards,
        "any_approximate": any(row["approximate"] for row in wards),
        "legend": [(group, [s.label for s in states]) for group, states in STATE_GROUPS],
    }
    return render(request, "portal/home.html", context)


@require_GET
def map_reports(request: HttpRequest) -> JsonResponse:
    """Recent located reports for the home map: public fields only, no contact, no text."""
    categories = categories_by_id()
    track = reverse("portal-track", args=["CODE"]).removesuffix("CODE")
    reports = [
        {
            "code": row["code"],
            "state": STATE_GROUP_OF.get(row["status"], "new"),
            "status": str(Status(row["status"]).label),
            "category": localised(categories.get(row["category_id"])),
            "lat": round(row["lat"], 6),
            "lon": round(row["lon"], 6),
            "received": timezone.localtime(row["created_at"]).strftime("%d/%m/%Y"),
            "url": track + row["code"],
        }
        for row in selectors.recent_map_reports()
    ]
    response = JsonResponse({"reports": reports})
    patch_cache_control(response, max_age=60)
    patch_vary_headers(response, ["Accept-Language", "Cookie"])  # labels are translated
    return response
