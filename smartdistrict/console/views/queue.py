"""The queue (GET /console/) and its bulk actions (POST /console/bulk)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from smartdistrict.accounts.selectors import scope_for
from smartdistrict.console import selectors
from smartdistrict.console.access import staff_required
from smartdistrict.console.actions import assignee_named, original_for
from smartdistrict.console.display import queue_rows
from smartdistrict.console.forms.queue import BulkForm, QueueFilterForm
from smartdistrict.console.queue import queue_page
from smartdistrict.core.errors import DomainError
from smartdistrict.feedback import policy
from smartdistrict.feedback.models import Status
from smartdistrict.feedback.selectors import reports_visible_to
from smartdistrict.feedback.services import duplicates, workflow


def _page_number(raw: str | None) -> int:
    try:
        return max(1, int(raw or 1))
    except ValueError:
        return 1


@staff_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    scope = scope_for(user)
    departments = selectors.department_options(user, scope)
    form = QueueFilterForm(
        request.GET or None,
        categories=selectors.category_options(),
        wards=selectors.ward_options(user, scope),
        departments=departments,
    )
    page = queue_page(
        user, form.filters(), _page_number(request.GET.get("page")), scope=scope
    )
    may_bulk = user.is_superuser or user.role in policy.ACTING_ROLES
    context = {
        "form": form,
        "page": page,
        "rows": queue_rows(page.rows),
        "current_status": form.filters().status,
        "bulk": BulkForm(staff=selectors.staff_options(
            user, scope, {d.id for d in departments})) if may_bulk else None,
        "next_url": request.get_full_path(),
        "nav": "queue",
    }
    return render(request, "console/queue.html", context)


def _back_to_queue(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ) or not target.startswith(reverse("console:queue")):
        target = reverse("console:queue")
    return redirect(target)


@staff_required
@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    """Apply one action to the ticked reports; each report succeeds or fails on its own."""
    user = request.user
    form = BulkForm(request.POST, staff=selectors.staff_options(user))
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return _back_to_queue(request)
    codes = form.selected_codes()
    found = {r.code: r for r in reports_visible_to(user).filter(code__in=codes)}
    failures = [(code, _("No report has this code.")) for code in codes if code not in found]
    done: list[str] = []
    try:
        if form.cleaned_data["action"] == "assign":
            assignee = assignee_named(form.cleaned_data["assignee"])
            for code, report in found.items():
                try:
                    workflow.report_transition(
                        report=report, to=Status.ASSIGNED, actor=user, assignee=assignee
                    )
                    done.append(code)
                except DomainError as error:
                    failures.append((code, str(error.message)))
            if done:
                messages.success(request, _("Assigned to %(name)s: %(codes)s.") % {
                    "name": assignee.get_full_name() or assignee.username,
                    "codes": ", ".join(done),
                })
        else:
            original = original_for(form.cleaned_data["original"], user)
            for code, report in found.items():
                if report.pk == original.pk:
                    continue
                try:
                    duplicates.report_merge(duplicate=report, original=original, actor=user)
                    done.append(code)
                except DomainError as error:
                    failures.append((code, str(error.message)))
            if done:
                messages.success(request, _("Merged into %(original)s: %(codes)s.") % {
                    "original": original.code, "codes": ", ".join(done),
                })
    except DomainError as error:  # the assignee or the original itself is wrong
        messages.error(request, str(error.message))
    for code, reason in failures:
        messages.error(request, f"{code}: {reason}")
    return _back_to_queue(request)
