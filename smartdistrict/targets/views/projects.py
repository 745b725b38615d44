"""Programmes and key projects: milestones with delays, and the projects' map."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from smartdistrict.core.errors import DomainError
from smartdistrict.targets import selectors
from smartdistrict.targets.models import Milestone
from smartdistrict.targets.services.projects import milestone_record_actual
from smartdistrict.targets.views.access import importer_required, viewer_required


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


@importer_required
@require_POST
def milestone_actual(request: HttpRequest, milestone_id: int) -> HttpResponse:
    """Record the date a milestone was reached (an empty date clears it)."""
    milestone = get_object_or_404(Milestone.objects.select_related("project"), pk=milestone_id)
    raw = request.POST.get("actual_date", "").strip()
    try:
        actual = dt.date.fromisoformat(raw) if raw else None
        milestone_record_actual(milestone=milestone, actual_date=actual, actor=request.user)
    except ValueError:
        messages.error(request, _("Enter a valid date."))
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The milestone “%(name)s” is updated.")
                         % {"name": milestone.name})
    return redirect(reverse("targets:projects") + f"#project-{milestone.project.code}")
