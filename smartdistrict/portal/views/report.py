"""Reporting a problem: the form (a plain HTML POST, enhanced by the page's script), the
confirmation with the report's code, and "this is my problem too"."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rest_framework.throttling import ScopedRateThrottle

from smartdistrict.core import ratelimits
from smartdistrict.core.errors import DomainError, RateLimited
from smartdistrict.feedback.models import Category
from smartdistrict.feedback.photos import MAX_PHOTOS, photo_limits
from smartdistrict.feedback.report_input import IntakeRefused, PossibleDuplicates
from smartdistrict.feedback.resident_token import resident_token
from smartdistrict.feedback.selectors import category_usable, report_by_code
from smartdistrict.feedback.services.intake import report_create
from smartdistrict.feedback.services.residents import report_support
from smartdistrict.geography.selectors import today
from smartdistrict.portal import presenters, supporters
from smartdistrict.portal.report_form import ReportDraft
from smartdistrict.portal.views.track import report_or_404

SESSION_SENT = "portal:sent"
# Sent by the page's script when it wants a fragment rather than a whole page.
FRAGMENT_HEADER = "X-Portal-Fragment"


@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _submit(request)
    return _form(request, ReportDraft.blank())


def _submit(request: HttpRequest) -> HttpResponse:
    try:
        ratelimits.report_intake(request)  # before the form (and its photos) is read
    except RateLimited as refusal:
        return _rate_limited(request, refusal)
    draft = ReportDraft.from_post(request.POST)
    uploads = request.FILES.getlist("photos")
    nearby = None
    try:
        report, _created = report_create(data=draft.report_input(uploads))
    except IntakeRefused as refused:
        for error in refused.errors:
            draft.add_error(error)
    except PossibleDuplicates as held:
        # Shown before the report is created, even without JavaScript.
        draft.errors["nearby"], draft.error_codes["nearby"] = str(held.message), held.code
        nearby = held.nearby
    else:
        request.session[SESSION_SENT] = {"code": report.code, "token": resident_token(report)}
        return redirect("portal-report-sent")
    category = category_usable(draft.values["category"]) if draft.values["category"] else None
    return _form(request, draft, category=category, photos_lost=bool(uploads), nearby=nearby)


def _form(
    request: HttpRequest, draft: ReportDraft, *, category: Category | None = None,
    photos_lost: bool = False, status: int = 200, nearby: list | None = None,
) -> HttpResponse:
    values = draft.values
    limits = photo_limits()
    where = presenters.where(lat=values["lat"], lon=values["lon"], address=values["address"],
                             date=today())
    if where and ({"location", "address"} & set(draft.errors)):
        where.error = ""  # already next to the field; keep only the suggested wards
    context = {
        "draft": draft,
        "values": values,
        "errors": draft.errors,
        "error_codes": draft.error_codes,
        "category_groups": presenters.category_groups(),
        "questions": presenters.questions(draft, draft.errors),
        "where": where,
        "suggestions": presenters.suggestions(values["description"])
        if values["description"] and category is None else [],
        "nearby": presenters.nearby(category=category, point=draft.point, found=nearby),
        "nearby_category": category.code if category else "",
        "photos_lost": photos_lost,
        "max_photos": MAX_PHOTOS,
        "photo_max_mb": limits.max_bytes // (1024 * 1024),
        "retention_months": settings.PERSONAL_DATA_RETENTION_MONTHS,
    }
    return render(request, "portal/report_form.html", context, status=status)


def _rate_limited(request: HttpRequest, refusal: RateLimited) -> HttpResponse:
    """The form again, as the resident filled it, saying when to send it (nothing of it
    was checked or kept); 429 with Retry-After."""
    draft = ReportDraft.from_post(request.POST)
    minutes = max(1, -(-refusal.retry_after // 60))
    draft.errors["form"] = _(
        "Many reports were sent from your connection in a short time, so this one was not "
        "received. Please send it again in about %(minutes)s min."
    ) % {"minutes": minutes}
    response = _form(request, draft, photos_lost=bool(request.FILES), status=429)
    for name, value in refusal.headers.items():
        response[name] = value
    return response


@require_GET
def report_sent(request: HttpRequest) -> HttpResponse:
    """Step 3: the code, and the link that lets the resident rate or reopen later."""
    sent = request.session.get(SESSION_SENT)
    if not sent:
        return redirect("portal-report")
    try:
        report = report_by_code(sent["code"])
    except DomainError:
        return redirect("portal-report")
    track_url = f"{reverse('portal-track', args=[report.code])}?token={sent['token']}"
    return render(request, "portal/report_sent.html", {
        "report": report,
        "track_url": track_url,
        "absolute_track_url": request.build_absolute_uri(track_url),
    })


class _SupportScope:
    """The API's "support" throttle scope: the button and the API share one budget."""

    throttle_scope = "support"


@require_POST
def support(request: HttpRequest, code: str) -> HttpResponse:
    """"This is my problem too": one more supporter, once per browser (stored)."""
    report = report_or_404(code)
    browser = supporters.ensure_browser_id(request)
    error = ""
    if not ScopedRateThrottle().allow_request(request, _SupportScope()):
        error = _("Too many requests from your connection: please try again later.")
    else:
        try:
            report = report_support(report=report, supporter=supporters.supporter_key(browser))
        except DomainError as failure:
            error = str(failure.message)
    if request.headers.get(FRAGMENT_HEADER):
        response = render(request, "portal/_supported.html", {"report": report, "error": error})
    else:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Thank you: the department sees that more residents "
                                        "have this problem."))
        response = redirect("portal-track", code=report.code)
    supporters.remember_browser(response, browser)
    return response
