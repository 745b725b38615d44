"""The indicator pages: the list by programme, one indicator, its chart, its figures."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from smartdistrict.core.errors import DomainError, NotFound
from smartdistrict.targets import explain, policy, selectors
from smartdistrict.targets.chart import indicator_chart_svg
from smartdistrict.targets.forms import MeasurementForm
from smartdistrict.targets.models import Measurement, TargetKind
from smartdistrict.targets.progress import Method, Status
from smartdistrict.targets.services.indicators import measurement_delete, measurement_record
from smartdistrict.targets.views.access import forbidden, viewer_required


@viewer_required
@require_GET
def indicator_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.indicator_rows()
    counts = {status: 0 for status in Status}
    for row in rows:
        counts[row.status] += 1
    context = {
        "groups": selectors.group_by_programme(rows),
        "counts": [(status, explain.status_label(status), n) for status, n in counts.items()],
        "illustrative": any(row.indicator.illustrative for row in rows),
        "nav": "indicators",
    }
    return render(request, "targets/indicator_list.html", context)


def _detail_context(request: HttpRequest, code: str, form: MeasurementForm | None = None) -> dict:
    detail = selectors.indicator_detail(code)
    indicator, assessment = detail.indicator, detail.assessment
    outlook = assessment.forecast
    methods = []
    for method in (Method.LINEAR, Method.COMPOUND):
        fit = outlook.fit(method)
        methods.append({
            "label": explain.METHOD_LABELS[method],
            "applicable": fit.applicable,
            "value": outlook.value(method),
            "slope": fit.slope if method == Method.LINEAR else None,
            "rate": fit.rate * 100 if method == Method.COMPOUND else None,
            "rmse": fit.rmse,
            "chosen": method == outlook.chosen,
        })
    editable = policy.can_edit_indicator(request.user, indicator.owner_department_id)
    return {
        "indicator": indicator,
        "measurements": detail.measurements,
        "assessment": assessment,
        "status_label": explain.status_label(assessment.status),
        "progress_note": explain.progress_note(assessment),
        "status_reason": explain.status_reason(
            assessment, indicator.kind == TargetKind.EACH_PERIOD
        ),
        "methods": methods,
        "chosen_label": explain.METHOD_LABELS.get(outlook.chosen, ""),
        "choice_reason": explain.choice_reason(outlook.choice),
        "editable": editable,
        "form": (form or MeasurementForm()) if editable else None,
        "nav": "indicators",
    }


@viewer_required
@require_GET
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    return render(request, "targets/indicator_detail.html", _detail_context(request, code))


@viewer_required
@require_GET
def indicator_chart(request: HttpRequest, code: str) -> HttpResponse:
    detail = selectors.indicator_detail(code)
    svg = indicator_chart_svg(detail.indicator, detail.measurements, detail.assessment)
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "private, max-age=60"
    return response


@viewer_required
@require_POST
def measurement_save(request: HttpRequest, code: str) -> HttpResponse:
    indicator = selectors.indicator_by_code(code)
    if not policy.can_edit_indicator(request.user, indicator.owner_department_id):
        return forbidden(request)
    form = MeasurementForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            measurement_record(
                indicator=indicator, period=data["period"], actual=data["actual"],
                planned=data["planned"], source=data["source"], note=data["note"],
                actor=request.user,
            )
        except DomainError as error:
            form.add_error("period" if error.field == "period" else None, str(error.message))
        else:
            messages.success(
                request, _("The figures of %(period)s are saved.") % {"period": data["period"]}
            )
            return redirect("targets:indicator", code=indicator.code)
    return render(
        request, "targets/indicator_detail.html", _detail_context(request, code, form),
        status=400,
    )


@viewer_required
@require_POST
def measurement_remove(request: HttpRequest, code: str, period: str) -> HttpResponse:
    measurement = (
        Measurement.objects.select_related("indicator")
        .filter(indicator__code=code, period_label=period)
        .first()
    )
    if measurement is None:
        raise NotFound()
    measurement_delete(measurement=measurement, actor=request.user)
    messages.success(request, _("The figures of %(period)s are deleted.") % {"period": period})
    return redirect("targets:indicator", code=code)
