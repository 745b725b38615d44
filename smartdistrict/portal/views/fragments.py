"""Small HTML fragments the report form's script fetches while the resident types: the
ward found, suggested categories, nearby open reports. The full page renders the same
templates, so a page without JavaScript shows the same content after a submission."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from smartdistrict.feedback.selectors import category_usable
from smartdistrict.geography.selectors import today
from smartdistrict.portal import presenters


@require_GET
def where(request: HttpRequest) -> HttpResponse:
    found = presenters.where(
        lat=request.GET.get("lat", "").strip(), lon=request.GET.get("lon", "").strip(),
        address=request.GET.get("address", "")[:300], date=today(),
    )
    return render(request, "portal/_where.html", {"where": found})


@require_GET
def suggest(request: HttpRequest) -> HttpResponse:
    found = presenters.suggestions(request.GET.get("description", "")[:2000])
    return render(request, "portal/_suggestions.html", {"suggestions": found})


@require_GET
def nearby(request: HttpRequest) -> HttpResponse:
    category = category_usable(request.GET.get("category", ""))
    try:
        point = float(request.GET.get("lat", "")), float(request.GET.get("lon", ""))
    except ValueError:
        point = None
    if point and not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
        point = None
    found = presenters.nearby(category=category, point=point)
    return render(request, "portal/_nearby.html", {
        "nearby": found, "nearby_category": category.code if category else "",
    })
