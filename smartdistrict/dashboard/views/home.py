"""GET /dashboard/ (the page) and GET /dashboard/hotspots.geojson (the map's cells)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from smartdistrict.accounts.selectors import scope_for
from smartdistrict.core.db_settings import serial
from smartdistrict.dashboard import charts, presenters, ranking_rows
from smartdistrict.dashboard.access import staff_required
from smartdistrict.dashboard.facts.refresh import refresh_minutes, state
from smartdistrict.dashboard.forms import presets
from smartdistrict.dashboard.selectors.alleys import alleys_panel
from smartdistrict.dashboard.selectors.environment import environment_panel
from smartdistrict.dashboard.selectors.figures import figures, local_name
from smartdistrict.dashboard.selectors.followup import followup_panel
from smartdistrict.dashboard.selectors.hotspots import as_geojson, hotspots
from smartdistrict.dashboard.selectors.ranking import may_see_rank, ranking, sums_of
from smartdistrict.dashboard.selectors.survey import survey_panel
from smartdistrict.dashboard.selectors.targets import targets_panel
from smartdistrict.dashboard.selectors.timeofday import weekly_hours
from smartdistrict.dashboard.selectors.trend import trend
from smartdistrict.dashboard.views.context import read


@staff_required
@require_GET
@serial  # every panel's reads: small index ranges, no parallel workers
def dashboard(request: HttpRequest) -> HttpResponse:
    asked = read(request)
    choice, selection = asked.choice, asked.selection
    found = figures(selection, choice.period, language=asked.language)
    unit = choice.unit_code
    category = asked.category
    points = trend(selection, choice.period, choice.step)
    grid = weekly_hours(selection, choice.period, category.id if category else None)
    query = request.GET.copy()
    query.pop("category", None)
    context = {
        "form": asked.form,
        "choice": choice,
        "figures": found,
        "cards": presenters.cards(found, unit_code=unit),
        "channels": presenters.channel_shares(found),
        "by_ward": presenters.rows(found.by_ward, found, by="ward", unit_code=unit),
        "by_department": presenters.rows(found.by_department, found, by="department",
                                         unit_code=unit),
        "by_category": presenters.rows(found.by_category, found, by="category",
                                       unit_code=unit),
        "trend_svg": charts.data_uri(charts.trend_chart(points, choice.step)),
        "hours_svg": charts.data_uri(charts.weekly_hours_chart(grid)),
        "category": category,
        "category_name": local_name(category, asked.language) if category else "",
        "presets": [(label, p.start.isoformat(), p.end.isoformat())
                    for label, p in presets()],
        "unit_name": dict(asked.form.fields["unit"].choices).get(unit, ""),
        "state": state(),
        "refresh_minutes": refresh_minutes(),
        "environment": environment_panel(asked.language),
        "survey": survey_panel(selection, choice.period),
        "alleys": alleys_panel(scope_for(request.user)),
        "followup": followup_panel(selection, choice.period),
        "targets": targets_panel(),
        "export_query": request.GET.urlencode(),
        "nav": "dashboard",
    }
    if may_see_rank(selection.scope, selection.unit):
        # The city page's figures already hold every unit's sums (a whole-jurisdiction
        # scope); a unit's page reads the city's once.
        found_rank = ranking(choice.period, sums_of(found.by_ward)
                             if selection.unit is None else None)
        context.update(ranking_rows.context(
            found_rank, unit_id=selection.unit.id if selection.unit else None,
            language=asked.language, query={"step": choice.step},
        ))
    return render(request, "dashboard/home.html", context)


@staff_required
@require_GET
def hotspots_geojson(request: HttpRequest) -> JsonResponse:
    asked = read(request)
    category = asked.category
    found = hotspots(asked.selection, asked.choice.period, category.id if category else None)
    response = JsonResponse(as_geojson(found))
    response["Cache-Control"] = f"private, max-age={60 * refresh_minutes()}"
    return response

