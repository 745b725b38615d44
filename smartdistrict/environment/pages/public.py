"""Public pages: every station on a map coloured by its latest VN_WQI band, and a station
with charts of the chosen period and exports of its readings."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from smartdistrict.core.errors import NotFound
from smartdistrict.environment import selectors
from smartdistrict.environment.alerts.selectors import open_alerts_of
from smartdistrict.environment.models import Parameter, Station
from smartdistrict.environment.pages import exports, presenters, queries
from smartdistrict.environment.pages.period import Period, period_from

RECENT_ROWS = 24  # newest instants of the period shown under the charts


def _station(code: str) -> Station:
    try:
        return selectors.station_by_code(code)
    except NotFound:
        raise Http404(code) from None


@require_GET
def station_map(request: HttpRequest) -> HttpResponse:
    """Three queries whatever the number of stations and readings."""
    stations = list(selectors.stations())
    latest = selectors.latest_by_station(station_ids=[s.id for s in stations])
    rows = presenters.station_rows(stations, latest, presenters.alert_lines(open_alerts_of()))
    return render(request, "environment/map.html", {
        "rows": rows, "nav": "map",
        "legend": presenters.legend(
            alert_without_index=any(row.alert and row.wqi is None for row in rows)),
    })


def _parameters(latest) -> list[Parameter]:
    """The parameters the station has reported, in the order of its latest values (one
    query)."""
    by_id = Parameter.objects.in_bulk([row.parameter_id for row in latest])
    return [by_id[row.parameter_id] for row in latest if row.parameter_id in by_id]


@require_GET
def station_detail(request: HttpRequest, code: str) -> HttpResponse:
    station = _station(code)
    period, form, valid = period_from(request.GET)
    latest = list(selectors.latest_values(station_ids=[station.id]))
    parameters = _parameters(latest)
    summaries = queries.period_summaries(station, parameters, period.start, period.end)
    shown = [s.parameter for s in summaries]
    recent = list(queries.table_rows(station, shown, period.start, period.end,
                                     newest_first=True, limit=RECENT_ROWS)) if shown else []
    wqi = presenters.wqi_now(latest)
    context = {
        "station": station, "ward": presenters.localised(station.ward),
        "period": period, "form": form, "valid": valid,
        "latest": presenters.latest_table(latest, {p.id: p for p in parameters}),
        "wqi": wqi, "band_label": presenters.band_name(wqi.band if wqi else None),
        "band_use": presenters.band_use(wqi.band if wqi else None),
        "colour": wqi.band.hex if wqi else presenters.NO_INDEX_COLOUR,
        "charts": [{"parameter": s.parameter, "name": presenters.localised(s.parameter),
                    "count": s.count, "minimum": presenters.number(s.minimum),
                    "mean": presenters.number(s.mean), "maximum": presenters.number(s.maximum),
                    "unit": s.parameter.unit, "limits": presenters.qcvn_limits_text(
                        s.parameter.code)}
                   for s in summaries],
        "wqi_possible": queries.could_have_wqi({p.code for p in shown}),
        "columns": shown,
        "recent": [{"time": presenters.local(moment),
                    "cells": [presenters.number(cells[p.id][0]) if p.id in cells else ""
                              for p in shown]} for moment, cells in recent],
        "total": sum(s.count for s in summaries),
        "alerts": presenters.alert_lines(open_alerts_of([station.id])).get(station.id, []),
        "nav": "map",
    }
    return render(request, "environment/station.html", context)


def _period_or_400(request: HttpRequest) -> Period | HttpResponse:
    period, form, valid = period_from(request.GET)
    if not valid:
        errors = "; ".join(str(e) for errors in form.errors.values() for e in errors)
        return HttpResponseBadRequest(errors or _("Invalid period."),
                                      content_type="text/plain; charset=utf-8")
    return period


def _svg_response(body: bytes) -> HttpResponse:
    response = HttpResponse(body, content_type="image/svg+xml")
    patch_cache_control(response, max_age=300)
    patch_vary_headers(response, ["Accept-Language", "Cookie"])  # titles are translated
    return response


@require_GET
def parameter_chart(request: HttpRequest, code: str, parameter: str) -> HttpResponse:
    from smartdistrict.environment.pages import charts

    station = _station(code)
    found = Parameter.objects.filter(code=parameter).first()
    if found is None:
        raise Http404(parameter)
    period = _period_or_400(request)
    if isinstance(period, HttpResponse):
        return period
    times, values = queries.series(station, found, period.start, period.end)
    title = f"{presenters.localised(found)} — {station.code}"
    return _svg_response(charts.parameter_chart(
        title=title, unit=found.unit, code=found.code, times=times, values=values,
        start=period.start, end=period.end))


@require_GET
def wqi_chart(request: HttpRequest, code: str) -> HttpResponse:
    from smartdistrict.environment.pages import charts

    station = _station(code)
    period = _period_or_400(request)
    if isinstance(period, HttpResponse):
        return period
    parameters = _parameters(selectors.latest_values(station_ids=[station.id]))
    times, values = queries.wqi_series(station, parameters, period.start, period.end)
    return _svg_response(charts.wqi_chart(
        title=f"VN_WQI — {station.code}", times=times, values=values,
        start=period.start, end=period.end))


@require_GET
def export(request: HttpRequest, code: str, extension: str) -> HttpResponse:
    station = _station(code)
    period = _period_or_400(request)
    if isinstance(period, HttpResponse):
        return period
    days = (period.end_date - period.start_date).days + 1
    if days > settings.ENVIRONMENT_EXPORT_INLINE_DAYS:
        # Long periods take seconds: built in the background, served from any host.
        download = exports.export_request(station, period, extension)
        return redirect(reverse("download", args=[download.id])
                        + f"?back={reverse('environment-station-page', args=[station.code])}")
    parameters = _parameters(selectors.latest_values(station_ids=[station.id]))
    name = exports.filename(station, period.start_date, period.end_date, extension)
    if extension == "csv":
        return exports.csv_response(station, parameters, period.start, period.end, name)
    return exports.xlsx_response(station, parameters, period.start, period.end, name)
