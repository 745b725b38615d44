"""REST endpoints of the alley programme under /api/v1/alleys/: thin wrappers over the
app's selectors and services, in the OpenAPI schema. Public reads give what the public
pages give (totals, consenting names only); the ranking is for staff; a household votes
with its one-time code."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from smartdistrict.accounts.selectors import Scope, scope_for
from smartdistrict.alleys import policy
from smartdistrict.alleys.api import presenters, schemas
from smartdistrict.alleys.models import Alley
from smartdistrict.alleys.selectors.accounts import accounts_of
from smartdistrict.alleys.selectors.listing import rows_for
from smartdistrict.alleys.selectors.proposals import (
    latest_ballot,
    public_proposal,
    public_proposals,
)
from smartdistrict.alleys.selectors.register import alleys_in, candidates, conditions
from smartdistrict.alleys.services.ballots import vote_cast_online
from smartdistrict.core import ratelimits
from smartdistrict.core.clients import client_network
from smartdistrict.core.errors import InvalidInput, NotFound, PermissionDenied
from smartdistrict.core.parsers import FormBodyParser, JSONBodyParser
from smartdistrict.geography.models import Unit

WARD = OpenApiParameter("ward", OpenApiTypes.STR, description="a ward's code (e.g. 26911)")


def _ward_id(request: Request) -> int | None:
    code = str(request.query_params.get("ward", "")).strip()[:40]
    if not code:
        return None
    unit = Unit.objects.filter(code=code).values_list("id", flat=True).first()
    if unit is None:
        raise InvalidInput(_("No administrative unit has this code."), field="ward")
    return unit


class Page(LimitOffsetPagination):
    default_limit = 50
    max_limit = 200


class AlleyListView(APIView):
    @extend_schema(operation_id="alleys_register_list", parameters=[WARD],
                   responses={200: schemas.AlleyPageOut, **schemas.errors(400)})
    def get(self, request: Request) -> Response:
        """The alley register (public streets; no household is named)."""
        found = alleys_in(Scope(everything=True)).order_by("code")
        ward = _ward_id(request)
        if ward is not None:
            found = found.filter(unit_id=ward)
        paginator = Page()
        page = paginator.paginate_queryset(found, request, view=self)
        return paginator.get_paginated_response([presenters.alley(a) for a in page])


class AlleyDetailView(APIView):
    @extend_schema(operation_id="alleys_register_detail",
                   responses={200: schemas.AlleyConditionOut, **schemas.errors(404)})
    def get(self, request: Request, code: str) -> Response:
        """One alley with its line and the residents' reports near it (counts)."""
        alley = Alley.objects.select_related("unit").filter(code=code[:80]).first()
        if alley is None:
            raise NotFound(_("No alley has this code."))
        return Response(presenters.alley_condition(conditions([alley])[0]))


class ProjectListView(APIView):
    @extend_schema(operation_id="alleys_projects_list", parameters=[WARD],
                   responses={200: schemas.ProjectPageOut, **schemas.errors(400)})
    def get(self, request: Request) -> Response:
        """Proposals past their draft, newest first, with their split and money."""
        paginator = Page()
        page = paginator.paginate_queryset(public_proposals(unit_id=_ward_id(request)), request,
                                           view=self)
        return paginator.get_paginated_response([presenters.project(r) for r in rows_for(page)])


class ProjectDetailView(APIView):
    @extend_schema(operation_id="alleys_projects_detail",
                   responses={200: schemas.AccountsOut, **schemas.errors(404)})
    def get(self, request: Request, code: str) -> Response:
        """A project's public accounts: totals, the households' decision once counted,
        the board, and only the names of those who agreed to be named."""
        proposal = public_proposal(code[:40])
        return Response(presenters.accounts(proposal, accounts_of(proposal),
                                            latest_ballot(proposal)))


class CandidateListView(APIView):
    @extend_schema(operation_id="alleys_candidates_list", parameters=[WARD],
                   responses={200: schemas.CandidateOut(many=True), **schemas.errors(400, 403)})
    def get(self, request: Request) -> Response:
        """Staff: alleys in the caller's scope ranked by residents' reports per 100 m."""
        if not policy.is_staff(request.user):
            raise PermissionDenied(_("Log in as staff to do this."), code="not_authenticated")
        ranked = candidates(scope_for(request.user), unit_id=_ward_id(request))
        return Response([presenters.candidate(c) for c in ranked[:500]])


class VoteThrottle(BaseThrottle):
    def allow_request(self, request, view) -> bool:
        if request.method == "POST":
            ratelimits.check(request, group="alleys:vote", key=client_network(request),
                             setting="ALLEYS_VOTE_RATES")
        return True


class VoteView(APIView):
    parser_classes = [JSONBodyParser, FormBodyParser]
    throttle_classes = [VoteThrottle]

    @extend_schema(operation_id="alleys_votes_create", request=schemas.VoteIn,
                   responses={201: schemas.VoteOut, **schemas.errors(400, 429)})
    def post(self, request: Request) -> Response:
        """A household's vote with its one-time code (once; the choice is never shown)."""
        data = request.data if hasattr(request.data, "get") else {}
        code, choice = data.get("code", ""), data.get("choice", "")
        if not isinstance(code, str) or not isinstance(choice, str):
            raise InvalidInput(_("Give the code and the choice as text."), field="code")
        vote = vote_cast_online(code=code, choice=choice)
        return Response({"recorded": True, "project": vote.ballot.proposal.code}, status=201)

