"""The residents' survey: /survey/ (enter the code), /survey/<token> (answer once),
/survey/<token>/thanks, and the QR code of a dossier as SVG or PNG."""

from __future__ import annotations

import io

import segno
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from smartdistrict.core import ratelimits
from smartdistrict.core.errors import InvalidInput, NotFound, RateLimited
from smartdistrict.feedback.resident_token import resident_token
from smartdistrict.feedback.selectors import report_by_code
from smartdistrict.survey.models import Channel, Response
from smartdistrict.survey.questionnaire import (
    ELEMENTS,
    MAX_IMPROVE,
    OPTIONAL_ELEMENTS,
    element_names,
    elements,
    scale_labels,
)
from smartdistrict.survey.services.dossiers import dossier_by_token
from smartdistrict.survey.services.responses import AlreadyAnswered, response_submit

TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def _dossier(token: str):
    try:
        return dossier_by_token(token)
    except NotFound:
        raise Http404("survey") from None


@require_GET
def survey_home(request: HttpRequest) -> HttpResponse:
    """Type the code printed under the QR code (spaces and dashes between groups ignored)."""
    typed = "".join(request.GET.get("code", "").split())
    context = {}
    if typed:
        candidates = [typed, typed.replace("-", "")] if len(typed) > 16 else [typed]
        for token in candidates:
            if set(token) <= TOKEN_CHARS and len(token) == 16:
                try:
                    dossier_by_token(token)
                except NotFound:
                    continue
                return redirect("survey:answer", token=token)
        context["not_found"] = True
    return render(request, "survey/home.html", context, status=404 if typed else 200)


def _questions(values: dict, errors: dict) -> list[dict]:
    labels = scale_labels()
    items = []
    for element in elements():
        items.append({
            "code": element.code, "name": element.name, "question": element.question,
            "statements": element.statements, "optional": element.code in OPTIONAL_ELEMENTS,
            "value": values.get(element.code, ""), "error": errors.get(element.code),
        })
    return [{**item, "scale": [(n, labels[n]) for n in (5, 4, 3, 2, 1)]} for item in items]


@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    dossier = _dossier(token)
    if Response.objects.filter(dossier=dossier).exists():
        return render(request, "survey/answered.html", {"dossier": dossier})
    values, errors, status = {}, {}, 200
    channel = Channel.TABLET if request.GET.get("via") == "tablet" else Channel.QR
    if request.method == "POST":
        values = request.POST
        channel = Channel.TABLET if values.get("channel") == Channel.TABLET else Channel.QR
        try:
            ratelimits.report_intake(request)  # the survey may file a report: same budget
            response_submit(
                token=token,
                answers={item: values.get(item) for item in (*ELEMENTS, "general")},
                statements=values.getlist("statements"), improve=values.getlist("improve"),
                comment=values.get("comment", ""), follow_up=values.get("follow_up") == "yes",
                phone=values.get("phone", ""), email=values.get("email", ""), channel=channel,
            )
        except AlreadyAnswered:
            return render(request, "survey/answered.html", {"dossier": dossier})
        except RateLimited as error:
            errors["form"] = str(error.message)
            status = 429
        except InvalidInput as error:
            errors[error.field or "form"] = str(error.message)
            status = 400
        else:
            url = reverse("survey:thanks", kwargs={"token": token})
            return redirect(f"{url}?via=tablet" if channel == Channel.TABLET else url)
    context = {
        "dossier": dossier, "questions": _questions(values, errors), "errors": errors,
        "general": {"value": values.get("general", ""), "error": errors.get("general"),
                    "scale": [(n, scale_labels()[n]) for n in (5, 4, 3, 2, 1)]},
        "element_names": [(e, element_names()[e]) for e in ELEMENTS],
        "improve": values.getlist("improve") if values else [], "max_improve": MAX_IMPROVE,
        "statements": values.getlist("statements") if values else [],
        "comment": values.get("comment", ""), "follow_up": values.get("follow_up") == "yes",
        "phone": values.get("phone", ""), "email": values.get("email", ""),
        "channel": channel,
    }
    return render(request, "survey/answer.html", context, status=status)


@require_GET
def survey_thanks(request: HttpRequest, token: str) -> HttpResponse:
    dossier = _dossier(token)
    response = Response.objects.filter(dossier=dossier).first()
    if response is None:
        return redirect("survey:answer", token=token)
    context = {"dossier": dossier, "response": response,
               "tablet": request.GET.get("via") == "tablet"}
    if response.report_code:
        try:
            report = report_by_code(response.report_code)
        except NotFound:
            report = None
        if report is not None:
            context["report"] = report
            context["track_url"] = (reverse("portal-track", args=[report.code])
                                    + f"?token={resident_token(report)}")
    return render(request, "survey/thanks.html", context)


def survey_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("survey:answer", kwargs={"token": token}))


@require_GET
def survey_qr(request: HttpRequest, token: str, kind: str) -> HttpResponse:
    """The QR code of the survey link, as printed on the receipt (SVG, or PNG for printers
    that want a picture). Anyone holding the token may see it: it is the token."""
    if kind not in ("svg", "png"):
        raise Http404("kind")
    _dossier(token)
    code = segno.make(survey_url(request, token), error="m")
    buffer = io.BytesIO()
    if kind == "svg":
        code.save(buffer, kind="svg", scale=6, border=4, xmldecl=False,
                  title="QR", svgns=True)
        content_type = "image/svg+xml"
    else:
        code.save(buffer, kind="png", scale=8, border=4)
        content_type = "image/png"
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    response["Cache-Control"] = "private, max-age=3600"
    return response
