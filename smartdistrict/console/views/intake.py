"""Hotline intake: a call becomes a report through feedback.services.intake.report_create."""

from __future__ import annotations

from types import SimpleNamespace

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from smartdistrict.console.access import staff_required
from smartdistrict.console.display import local_name
from smartdistrict.console.forms.intake import IntakeForm, answers_posted
from smartdistrict.core import ratelimits
from smartdistrict.core.errors import DomainError, InvalidInput, NotFound, RateLimited
from smartdistrict.feedback.report_input import IntakeRefused, answer_field
from smartdistrict.feedback.selectors import active_categories, category_usable
from smartdistrict.feedback.services.intake import report_create
from smartdistrict.feedback.validation import report_input_clean
from smartdistrict.geography.address import AddressNotResolved, resolve_address
from smartdistrict.geography.selectors import jurisdiction_root, lookup_point, validate_point

SESSION_KEY = "console_intake_created"
DEFAULT_CENTRE = (16.0, 106.0)  # the middle of Viet Nam, before a pack gives a centre


def _centre() -> tuple[float, float]:
    root = jurisdiction_root()
    return (root.centre[1], root.centre[0]) if root and root.centre else DEFAULT_CENTRE


def _page(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    return render(request, "console/intake.html",
                  {"nav": "intake", "centre": _centre(), **context}, status=status)


def _questions(category_code: str, answers: dict, errors: dict[str, DomainError]) -> list[dict]:
    """The category's extra questions, each with its answer and intake's error if any."""
    category = category_usable(category_code or "")
    if category is None:
        return []
    rows = []
    for question in category.attributes.all():
        error = errors.get(answer_field(question.code))
        rows.append({
            "question": question,
            "name": answer_field(question.code),
            "id": f"id_attribute_{question.code}",
            "value": answers.get(question.code, ""),
            "error": str(error.message) if error else "",
            "error_code": error.code if error else "",
            # the list's values in the page's language (the pack's "name_en" in English)
            "values": [{"key": v["key"], "name": local_name(SimpleNamespace(
                name=v.get("name") or v["key"], name_en=v.get("name_en", "")))}
                for v in question.values],
        })
    return rows


@staff_required
@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest) -> HttpResponse:
    categories = active_categories()
    if request.method == "GET":
        form = IntakeForm(categories=categories)
        created = request.session.pop(SESSION_KEY, None)
        return _page(request, {"form": form, "created": created, "questions": []})
    form = IntakeForm(request.POST, categories=categories)
    answers = answers_posted(request.POST)
    attribute_errors: dict[str, DomainError] = {}
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
        try:
            report, _created = report_create(data=form.report_input(answers, request.user))
        except DomainError as error:
            status = error.status_code
            for each in IntakeRefused.of(error).errors:
                form.add_intake_error(each, attribute_errors)
        else:
            request.session[SESSION_KEY] = {
                "code": report.code,
                "ward": local_name(report.ward),
                "department": local_name(report.department),
                "due": timezone.localtime(report.due_at).strftime("%H:%M %d/%m/%Y"),
            }
            return redirect("console:intake")
    else:
        # The form's own checks refused a field: intake still names every other problem,
        # each beside its field, so the operator fixes them all in one go.
        try:
            report_input_clean(form.report_input(answers, request.user),
                               date=timezone.localdate())
        except DomainError as error:
            for each in IntakeRefused.of(error).errors:
                form.add_intake_error(each, attribute_errors)
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
