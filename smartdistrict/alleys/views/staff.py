"""The ward's pages: proposals and candidates ranked by residents' reports, the alley
register (condition history, households) and new proposals."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from smartdistrict.accounts.selectors import scope_for
from smartdistrict.alleys import models, policy
from smartdistrict.alleys.selectors.listing import proposal_rows
from smartdistrict.alleys.selectors.proposals import proposals_in
from smartdistrict.alleys.selectors.register import alley_for, alleys_in, candidates, conditions
from smartdistrict.alleys.services.households import household_save
from smartdistrict.alleys.services.proposals import proposal_create
from smartdistrict.alleys.services.register import alley_upsert
from smartdistrict.alleys.views.access import staff_required
from smartdistrict.core.errors import DomainError
from smartdistrict.geography.models import Unit


def _wards(request: HttpRequest) -> list[Unit]:
    """The wards with alleys the user may see (for the filter)."""
    ids = alleys_in(scope_for(request.user)).order_by().values("unit_id")
    return list(Unit.objects.filter(id__in=ids).order_by("name"))


def _chosen_ward(request: HttpRequest, wards: list[Unit]) -> Unit | None:
    code = request.GET.get("ward", "")
    return next((w for w in wards if w.code == code), None)


@staff_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    wards = _wards(request)
    ward = _chosen_ward(request, wards)
    proposals = proposals_in(scope_for(request.user))
    state = request.GET.get("state", "")
    if state in models.State.values:
        proposals = proposals.filter(state=state)
    if ward is not None:
        proposals = proposals.filter(alley__unit=ward)
    page, rows = proposal_rows(proposals, request.GET.get("page", 1))
    context = {"rows": rows, "page": page, "wards": wards, "ward": ward, "state": state,
               "states": models.State.choices, "nav": "staff"}
    return render(request, "alleys/staff_home.html", context)


@staff_required
@require_GET
def candidate_list(request: HttpRequest) -> HttpResponse:
    wards = _wards(request)
    ward = _chosen_ward(request, wards)
    ranked = candidates(scope_for(request.user), unit_id=ward.id if ward else None)
    context = {"ranked": ranked, "wards": wards, "ward": ward, "nav": "candidates",
               "distance": f"{settings.ALLEYS_REPORT_DISTANCE_M:g}",
               "months": settings.ALLEYS_CONDITION_MONTHS,
               "may_register": policy.can_act(request.user, ward.id) if ward else
               bool(request.user.is_superuser or request.user.role in policy.ACTING_ROLES)}
    return render(request, "alleys/staff_candidates.html", context)


@staff_required
@require_GET
def alley_page(request: HttpRequest, code: str) -> HttpResponse:
    alley = alley_for(request.user, code)
    context = {
        "alley": alley, "condition": conditions([alley])[0],
        "households": list(alley.household_records.order_by("house_number", "id")),
        "proposals": list(alley.proposals.order_by("-created_at")),
        "may_act": policy.can_act(request.user, alley.unit_id),
        "standings": models.Standing.choices, "nav": "candidates",
        "months": settings.ALLEYS_CONDITION_MONTHS,
        "geometry": alley.geometry,
    }
    return render(request, "alleys/staff_alley.html", context)


ALLEY_FIELDS = ("name", "geometry", "width_m", "surface", "drainage", "flooding", "lighting",
                "note")


@staff_required
@require_http_methods(["GET", "POST"])
def alley_new(request: HttpRequest) -> HttpResponse:
    """Register an alley: its line drawn on the map (or pasted as GeoJSON or WKT)."""
    values = {name: request.POST.get(name, "") for name in ALLEY_FIELDS}
    error = None
    if request.method == "POST":
        try:
            households = int(request.POST.get("households") or 0)
        except ValueError:
            households = -1
        try:
            alley = alley_upsert(**values, households=households, actor=request.user,
                                 code=request.POST.get("code", ""))
        except DomainError as refused:
            error = refused
        else:
            messages.success(request, _("The alley is registered in %(ward)s.")
                             % {"ward": alley.unit.name})
            return redirect("alleys:alley", code=alley.code)
    context = {"values": values, "error": error, "nav": "candidates",
               "surfaces": models.Surface.choices, "drainages": models.Drainage.choices,
               "floodings": models.Flooding.choices, "lightings": models.Lighting.choices}
    return render(request, "alleys/staff_alley_new.html", context, status=400 if error else 200)


@staff_required
@require_POST
def household_add(request: HttpRequest, code: str) -> HttpResponse:
    alley = alley_for(request.user, code)
    try:
        household_save(
            alley=alley, actor=request.user, house_number=request.POST.get("house_number", ""),
            head_name=request.POST.get("head_name", ""), phone=request.POST.get("phone", ""),
            standing=request.POST.get("standing", models.Standing.ORDINARY),
            name_public=request.POST.get("name_public") == "on",
            public_name=request.POST.get("public_name", ""),
        )
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("Household added."))
    return redirect(reverse("alleys:alley", kwargs={"code": alley.code}) + "#households")


@staff_required
@require_POST
def proposal_new(request: HttpRequest, code: str) -> HttpResponse:
    alley = alley_for(request.user, code)
    try:
        proposal = proposal_create(
            alley=alley, actor=request.user, title=request.POST.get("title", ""),
            scope=request.POST.get("scope", ""),
            planned_start=request.POST.get("planned_start", ""),
            planned_end=request.POST.get("planned_end", ""),
        )
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect(reverse("alleys:alley", kwargs={"code": alley.code}) + "#new-proposal")
    messages.success(request, _("Proposal %(code)s created: now its estimate and split.")
                     % {"code": proposal.code.upper()})
    return redirect("alleys:manage", code=proposal.code)
