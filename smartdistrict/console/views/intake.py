"""Hotline intake: a call becomes a report through feedback.services.intake.report_create."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from smartdistrict.console import selectors
from smartdistrict.console.access import staff_required
from smartdistrict.console.display import local_name
from smartdistrict.console.forms.intake import IntakeForm
from smartdistrict.core import ratelimits
from smartdistrict.core.errors import DomainError, InvalidInput, NotFound, RateLimited
from smartdistrict.feedback.config_cache import config
from smartdistrict.feedback.models import AttributeDatatype
from smartdistrict.feedback.services.intake import report_create
from smartdistrict.geography.address import AddressNotResolved, resolve_address
from smartdistrict.geography.selectors import jurisdiction_root, lookup_point, validate_point

SESSION_KEY = "console_intake_created"
# Service fields that the form shows elsewhere: the point and location are the address.
FIELD_ALIASES = {"location": "address", "lat": "address", "lon": "address"}


DEFAULT_CENTRE = (16.0, 106.0)  # the middle of Viet Nam, before a pack gives a centre


def _answers(data) -> dict[str, str]:
    """The answers to the category's extra questions, posted as attribute[code].

    A browser's date-and-time field has no UTC offset: the operator's time is local."""
    answers = {
        key[len("attribute["):-1]: value
        for key, value in data.items()
        if key.startswith("attribute[") and key.endswith("]") and value != ""
    }
    category = config().categories.get(data.get("category", ""))
    if category is not None:
        for question in category.attributes.all():
            value = answers.get(question.code)
            if question.datatype == AttributeDatatype.DATETIME and value:
                try:
                    moment = dt.datetime.fromisoformat(value)
                except ValueError:
                    continue  # the service names the field
                if moment.tzinfo is None:
                    answers[question.code] = timezone.make_aware(moment).isoformat()
    return answers


def _centre() -> tuple[float, float]:
    root = jurisdiction_root()
    return (root.centre[1], root.centre[0]) if root and root.centre else DEFAULT_CENTRE


def _page(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    return render(request, "console/intake.html",
                  {"nav": "intake", "centre": _centre(), **context}, status=status)


def _questions(category_code: str, answers: dict, errors: dict) -> list[dict]:
    category = config().categories.get(category_code or "")
    if category is None:
        return []
    return [
        {
            "question": q,
            "name": f"attribute[{q.code}]",
            "id": f"id_attribute_{q.code}",
            "value": answers.get(q.code, ""),
            "error": errors.get(f"attribute[{q.code}]", ""),
        }
        for q in category.attributes.all()
    ]


@staff_required
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest) -> HttpResponse:
    categories = selectors.active_category_options()
    if request.method == "GET":
        form = IntakeForm(categories=categories)
        created = request.session.pop(SESSION_KEY, None)
        return _page(request, {"form": form, "created": created, "questions": []})
    form = IntakeForm(request.POST, categories=categories)
    answers = _answers(request.POST)
    attribute_errors: dict[str, str] = {}
    status = 400
    try:
        ratelimits.report_intake(request, request.user)  # staff: a higher, per-account budget
    except RateLimited as refusal:
        form.add_error(None, str(refusal.message))
        response = _page(request, {"form": form, "created": None, "questions": _questions(
            request.POST.get("category", ""), answers, {})}, refusal.status_code)
        for name, value in refusal.headers.items():
            response[name] = value
        return response
    if form.is_valid():
        data = form.cleaned_data
        try:
            report, _created = report_create(
                category=data["category"], description=data["description"],
                channel=data["channel"], lat=data["lat"] or None, lon=data["lon"] or None,
                address=data["address"], reporter_name=data["reporter_name"],
                reporter_phone=data["reporter_phone"], attributes=answers,
                idempotency_key=data["idempotency_key"] or None, actor=request.user,
            )
        except DomainError as error:
            status = error.status_code
            field = FIELD_ALIASES.get(error.field or "", error.field)
            if field and field.startswith("attribute["):
                attribute_errors[field] = str(error.message)
            else:
                form.add_error(field if field in form.fields else None, str(error.message))
        else:
            request.session[SESSION_KEY] = {
                "code": report.code,
                "ward": local_name(report.ward),
                "department": local_name(report.department),
                "due": timezone.localtime(report.due_at).strftime("%H:%M %d/%m/%Y"),
            }
            return redirect("console:intake")
    questions = _questions(request.POST.get("category", ""), answers, attribute_errors)
    return _page(request, {"form": form, "created": None, "questions": questions}, status)


@staff_required
@require_GET
def intake_questions(request: HttpRequest) -> HttpResponse:
    """The chosen category's extra questions (swapped in by HTMX when the category changes)."""
    questions = _questions(request.GET.get("category", ""), {}, {})
    return render(request, "console/_intake_questions.html", {"questions": questions})


@staff_required
@require_GET
def intake_ward(request: HttpRequest) -> HttpResponse:
    """The ward of the typed address or of the placed pin, as the operator types."""
    lat, lon = request.GET.get("lat", ""), request.GET.get("lon", "")
    address = request.GET.get("address", "").strip()
    context: dict = {}
    try:
        if lat or lon:
            found = lookup_point(*validate_point(lat, lon))
            if found.ward is None:
                raise InvalidInput(found.note)
            context["ward"] = found.ward
        elif len(address) >= 3:
            match = resolve_address(address)
            context["ward"] = match.unit
            context["named"] = match.named if match.named.code != match.unit.code else None
    except AddressNotResolved as error:
        context["error"] = error.message
        context["candidates"] = error.extra.get("candidates", [])
    except (InvalidInput, NotFound) as error:
        context["error"] = error.message
    return render(request, "console/_ward_hint.html", context)
