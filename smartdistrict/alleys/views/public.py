"""The public pages: the programme (map and list) and each project's accounts.

Nothing here names a household that did not agree, or shows any household's vote,
share, pledge or payment: only totals (selectors.accounts).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from smartdistrict.accounts.selectors import Scope
from smartdistrict.alleys.models import State
from smartdistrict.alleys.selectors.accounts import accounts_of
from smartdistrict.alleys.selectors.listing import proposal_rows
from smartdistrict.alleys.selectors.proposals import (
    latest_ballot,
    proposals_geojson,
    public_proposal,
    public_proposals,
)
from smartdistrict.alleys.selectors.register import conditions
from smartdistrict.alleys.selectors.summary import programme_summary
from smartdistrict.alleys.views.access import public
from smartdistrict.geography.models import Unit


def _ward(request: HttpRequest) -> Unit | None:
    code = request.GET.get("ward", "").strip()
    if not code:
        return None
    return Unit.objects.filter(code=code[:40]).first()


@require_GET
def programme(request: HttpRequest) -> HttpResponse:
    ward = _ward(request)
    proposals = public_proposals(unit_id=ward.id if ward else None)
    page, rows = proposal_rows(proposals, request.GET.get("page", 1))
    wards = Unit.objects.filter(
        id__in=public_proposals().order_by().values("alley__unit_id")).order_by("name")
    context = {
        "rows": rows, "page": page, "ward": ward, "wards": wards,
        "summary": programme_summary(Scope(everything=True)),
        "illustrative": any(r.proposal.illustrative for r in rows),
        "threshold": f"{settings.ALLEYS_APPROVAL_PERCENT:g}", "nav": "programme",
    }
    return render(request, "alleys/programme.html", context)


@require_GET
def programme_geojson(request: HttpRequest) -> JsonResponse:
    """The alleys of the public proposals, for the programme's map."""
    ward = _ward(request)
    proposals = list(public_proposals(unit_id=ward.id if ward else None)[:2000])
    return JsonResponse(proposals_geojson(proposals, language=get_language() or "vi"),
                        content_type="application/geo+json",
                        json_dumps_params={"ensure_ascii": False})


@public
@require_GET
def project(request: HttpRequest, code: str) -> HttpResponse:
    proposal = public_proposal(code)
    condition = conditions([proposal.alley])[0]
    accounts = accounts_of(proposal)
    geojson = proposals_geojson([proposal], language=get_language() or "vi")
    context = {
        "proposal": proposal, "alley": proposal.alley, "accounts": accounts,
        "split": accounts.split, "months": settings.ALLEYS_CONDITION_MONTHS,
        "ballot": latest_ballot(proposal), "condition": condition, "geojson": geojson,
        "timeline": proposal.public_events, "photos": list(proposal.photos.all()),
        "board": list(proposal.board.all()), "items": list(proposal.items.all()),
        "works_states": {State.WORKS, State.ACCEPTED, State.CLOSED},
        "nav": "programme",
    }
    return render(request, "alleys/project.html", context)
