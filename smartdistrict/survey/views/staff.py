"""Staff pages: results (/survey/results/, scoped like the console), the Excel export,
and dossiers at the counter (register one, print its receipt with the QR code)."""

from __future__ import annotations

import tempfile

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from smartdistrict.accounts.selectors import scope_for
from smartdistrict.core.errors import InvalidInput
from smartdistrict.survey import export, policy, selectors
from smartdistrict.survey.forms import DossierForm, ResultsForm
from smartdistrict.survey.models import CivilServant, Dossier, TallyScope
from smartdistrict.survey.questionnaire import ELEMENTS, element_names
from smartdistrict.survey.services.dossiers import dossier_register
from smartdistrict.survey.views.access import forbidden, registrar, results_reader
from smartdistrict.survey.views.public import survey_url


def _chosen(request: HttpRequest):
    scope = scope_for(request.user)
    units = list(selectors.units_in_scope(scope))
    form = ResultsForm(request.GET or None, units=units)
    months = form.months()
    code = form.cleaned_data.get("unit", "") if form.is_bound and form.is_valid() else ""
    unit = next((u for u in units if u.code == code), None)
    return scope, units, form, months, unit


@results_reader
@require_GET
def results(request: HttpRequest) -> HttpResponse:
    scope, _units, form, months, unit = _chosen(request)
    unit_ids = {unit.id} if unit else None
    context = {
        "form": form, "months": months, "unit": unit, "nav": "results",
        "total": selectors.total(scope, months, unit_ids),
        "lines": selectors.by_unit(scope, months, unit_ids) if unit is None else [],
        "trend": selectors.by_month(scope, months, unit_ids),
        "elements": [(e, element_names()[e]) for e in ELEMENTS],
        "few_answers": selectors.few_answers(),
        "illustrative": Dossier.objects.filter(illustrative=True).exists(),
        "query": request.GET.urlencode(),
    }
    if unit is not None:
        context["procedures"] = selectors.by_key(scope, months, unit.id, TallyScope.PROCEDURE)
        context["counters"] = selectors.by_key(scope, months, unit.id, TallyScope.COUNTER)
    return render(request, "survey/results.html", context)


@results_reader
@require_GET
def results_export(request: HttpRequest) -> FileResponse:
    scope, _units, _form, months, unit = _chosen(request)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 — the response closes it once sent
    export.write_workbook(handle, scope=scope, months=months, unit=unit)
    handle.seek(0)
    name = f"sipas-{unit.code if unit else 'all'}-{months.start:%Y%m}-{months.end:%Y%m}.xlsx"
    return FileResponse(
        handle, as_attachment=True, filename=name,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _unit_for_registration(request: HttpRequest):
    scope = scope_for(request.user)
    units = list(selectors.units_in_scope(scope))
    code = request.GET.get("unit") or request.POST.get("unit") or ""
    if len(units) == 1 and not code:
        return units[0], units
    return next((u for u in units if u.code == code), None), units


@registrar
@require_GET
def dossiers(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    rows = list(selectors.recent_dossiers(scope))
    return render(request, "survey/dossiers.html", {"dossiers": rows, "nav": "dossiers"})


@registrar
@require_http_methods(["GET", "POST"])
def dossier_new(request: HttpRequest) -> HttpResponse:
    unit, units = _unit_for_registration(request)
    if unit is None:
        return render(request, "survey/dossier_new.html",
                      {"units": units, "nav": "dossiers"})
    if not policy.can_register(request.user, unit.id):
        return forbidden(request)
    form = DossierForm(
        request.POST or None, procedures=selectors.procedures_of(unit.id),
        counters=selectors.counters_of(unit.id),
        servants=CivilServant.objects.filter(unit=unit, active=True),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                dossier, created = dossier_register(
                    unit=unit, procedure=data["procedure"], counter=data["counter"],
                    servant=data["servant"], code=data["code"],
                )
            except InvalidInput as error:
                form.add_error(error.field if error.field in form.fields else None,
                               str(error.message))
            else:
                if not created:
                    messages.info(request, _("This dossier was already registered."))
                return redirect("survey:receipt", code=dossier.code)
        status = 400
    return render(request, "survey/dossier_new.html",
                  {"form": form, "unit": unit, "units": units, "nav": "dossiers"},
                  status=status)


@registrar
@require_GET
def receipt(request: HttpRequest, code: str) -> HttpResponse:
    scope = scope_for(request.user)
    dossier = (scope.filter(Dossier.objects.select_related("unit", "procedure", "counter",
                                                           "servant"), unit_field="unit_id")
               .filter(code=code).first())
    if dossier is None:
        raise Http404("dossier")
    token = dossier.token
    return render(request, "survey/receipt.html", {
        "dossier": dossier, "url": survey_url(request, token), "nav": "dossiers",
        "token_groups": " ".join(token[i:i + 4] for i in range(0, len(token), 4)),
        "printed_at": timezone.now(),
    })
