"""Programmes and key projects: milestones with delays, and the projects' map."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from smartdistrict.targets import selectors
from smartdistrict.targets.views.access import viewer_required


@viewer_required
@require_GET
def projects(request: HttpRequest) -> HttpResponse:
    groups = selectors.programme_groups()
    rows = [row for group in groups for row in group.projects]
    context = {
        "groups": groups,
        "delayed": sum(row.delayed for row in rows),
        "project_count": len(rows),
        "illustrative": any(row.project.illustrative for row in rows)
        or any(g.programme.illustrative for g in groups if g.programme),
        "nav": "projects",
    }
    return render(request, "targets/projects.html", context)


@viewer_required
@require_GET
def projects_geojson(request: HttpRequest) -> JsonResponse:
    data = selectors.projects_geojson(language=get_language() or "vi")
    return JsonResponse(data, content_type="application/geo+json",
                        json_dumps_params={"ensure_ascii": False})
