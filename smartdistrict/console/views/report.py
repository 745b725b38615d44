"""A report's page: facts, map, photos, timeline, contact on request, and its actions.

The same template part is the queue's side panel (HTMX) and the body of the full page
(no JavaScript). After an action, HTMX gets the panel again (with the event
``reportChanged`` so the queue refreshes); a plain form post is redirected (PRG).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from smartdistrict.accounts.models import Role
from smartdistrict.console import selectors
from smartdistrict.console.access import report_for, staff_required
from smartdistrict.console.actions import ACTIONS, available_actions, run_action
from smartdistrict.console.forms.actions import ActionForm
from smartdistrict.core.errors import DomainError
from smartdistrict.feedback.models import Event, Report, Status
from smartdistrict.feedback.selectors import (
    active_categories,
    categories_by_id,
    category_usable,
    is_overdue,
    refusal_reasons,
    user_can_see,
)
from smartdistrict.feedback.services import privacy
from smartdistrict.feedback.services.routing import route

OTHER_ACTORS = {"resident": gettext_lazy("resident"), "system": gettext_lazy("system")}


def _form_for(name: str, report: Report, data=None) -> ActionForm:
    action = ACTIONS[name]
    extra = {}
    if name == "assign":
        extra["assignees"] = selectors.assignee_options(report)
    elif name == "recategorise":
        extra["categories"] = active_categories()
    elif name == "reject":
        extra["reasons"] = refusal_reasons()
    return action.form(data, prefix=name, report=report, **extra)


def _actor_label(event: Event) -> str:
    roles = dict(Role.choices)
    role = roles.get(event.actor_role) or OTHER_ACTORS.get(event.actor_role, event.actor_role)
    if event.actor_id:
        name = event.actor.get_full_name() or event.actor.username
        return f"{name} ({role})" if role else name
    return str(role)


def _answers(report: Report) -> list[tuple[str, str]]:
    """The answers to the category's extra questions, labelled with the question."""
    category = categories_by_id().get(report.category_id)
    questions = {q.code: q for q in category.attributes.all()} if category else {}
    english = (get_language() or "").startswith("en")
    answers = []
    for code, value in (report.attributes or {}).items():
        question = questions.get(code)
        label = code
        if question is not None:
            label = (english and question.description_en) or question.description
            names = {v.get("key"): v.get("name") for v in question.values}
            if isinstance(value, list):
                value = ", ".join(str(names.get(v, v)) for v in value)
            else:
                value = names.get(value, value)
        answers.append((label, str(value)))
    return answers


def _in_panel(request: HttpRequest, report: Report) -> bool:
    """True when the answer replaces the queue's side panel, not a report page's body."""
    if not request.htmx:
        return False
    current = request.htmx.current_url_abs_path or ""
    return not current.startswith(reverse("console:report", args=[report.code]))


def _render(
    request: HttpRequest,
    report: Report,
    *,
    bound: ActionForm | None = None,
    contact: privacy.Contact | None = None,
    error: str = "",
    notice: str = "",
    preview: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    report = selectors.report_for_page(report)
    shown = available_actions(report, user)
    forms = []
    for name in shown:
        form = bound if bound is not None and bound.prefix == name else _form_for(name, report)
        forms.append((ACTIONS[name], form))
    if bound is not None and bound.prefix not in shown and bound.errors and not error:
        error = " ".join(str(e) for errors in bound.errors.values() for e in errors)
    in_panel = _in_panel(request, report)
    context = {
        "report": report,
        "overdue": is_overdue(report),
        "answers": _answers(report),
        "timeline": [(event, _actor_label(event)) for event in selectors.full_timeline(report)],
        "actions": forms,
        "contact": contact,
        "error": error,
        "notice": notice,
        "preview": preview,
        "in_panel": in_panel,
        "h": 3 if in_panel else 2,  # section heading level under the page's or panel's title
        "status_labels": dict(Status.choices),
    }
    template = "console/_report_panel.html" if request.htmx else "console/report.html"
    return render(request, template, context, status=status)


@staff_required
@require_GET
@vary_on_headers("HX-Request")
def report_detail(request: HttpRequest, code: str) -> HttpResponse:
    return _render(request, report_for(request.user, code))


@staff_required
@require_POST
def report_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    """Run one action. A refused action is re-shown with the service's message at its field."""
    if action not in ACTIONS:
        raise Http404(action)
    report = report_for(request.user, code)
    form = _form_for(action, report, request.POST)
    form.is_valid()  # fields are all optional: this only parses
    if action == "recategorise" and request.POST.get("step") == "preview":
        return _render(request, report, bound=form,
                       preview=_preview(report, form.cleaned_data.get("category", "")))
    try:
        run_action(action, report=report, user=request.user, data=form.cleaned_data,
                   files=request.FILES.getlist(f"{action}-photos"))
    except DomainError as error:
        field = error.field if error.field in form.fields else None
        form.add_error(field, str(error.message))
        return _render(request, report, bound=form, status=error.status_code)
    done = _("Done: %(action)s.") % {"action": ACTIONS[action].title}
    report.refresh_from_db(fields=["ward", "department"])
    if not user_can_see(request.user, report):  # forwarded out of the user's scope
        return _gone(request, report, done)
    if request.htmx:
        response = _render(request, report, notice=done)
        response["HX-Trigger"] = "reportChanged"
        return response
    messages.success(request, done)
    return redirect("console:report", code=report.code)


def _gone(request: HttpRequest, report: Report, done: str) -> HttpResponse:
    """After an action that took the report out of the user's scope (a forward): say so
    rather than show a report they may no longer open."""
    notice = _("%(done)s Report %(code)s is no longer in your queue.") % {
        "done": done, "code": report.code}
    if request.htmx and _in_panel(request, report):
        response = render(request, "console/_report_gone.html", {"notice": notice})
        response["HX-Trigger"] = "reportChanged"
        return response
    messages.success(request, notice)
    if request.htmx:  # the report's own page: go to the queue
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("console:queue")
        return response
    return redirect("console:queue")


@staff_required
@require_POST
def report_contact(request: HttpRequest, code: str) -> HttpResponse:
    """Show the reporter's contact details; every look is written to the access log."""
    report = report_for(request.user, code)
    try:
        contact = privacy.report_contact_view(report=report, user=request.user, channel="console")
    except DomainError as error:
        if request.htmx:
            return render(request, "console/_contact.html", {"error": error.message},
                          status=error.status_code)
        return _render(request, report, error=str(error.message), status=error.status_code)
    if request.htmx:
        return render(request, "console/_contact.html", {"contact": contact, "report": report})
    return _render(request, report, contact=contact)


def _preview(report: Report, category_code: str) -> dict:
    category = category_usable(category_code or "")
    if category is None:
        return {"error": _("Choose a category from the list.")}
    try:
        department = route(category=category, ward_id=report.ward_id)
    except DomainError as error:
        return {"category": category, "error": str(error.message)}
    return {
        "category": category,
        "department": department,
        "changes": department.id != report.department_id,
    }


@staff_required
@require_GET
def forward_departments(request: HttpRequest, code: str) -> HttpResponse:
    """The department choices of the "Forward" form for the unit chosen (HTMX)."""
    report = report_for(request.user, code)
    form = _form_for("forward", report, request.GET)
    return HttpResponse(str(form["to_department"]))


@staff_required
@require_GET
def reroute_preview(request: HttpRequest, code: str) -> HttpResponse:
    """Which department the report would go to in another category (nothing is changed)."""
    report = report_for(request.user, code)
    preview = _preview(report, request.GET.get("recategorise-category", ""))
    return render(request, "console/_reroute_preview.html", {"preview": preview,
                                                              "report": report})
