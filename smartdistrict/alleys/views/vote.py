"""Voting: a household online with its one-time code, and the meeting's votes entered by
the residential group head through the link the ward gave (or by the ward's officer,
views.manage). A household sees its own ballot and share, never another's vote."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from smartdistrict.alleys.models import Ballot, Choice, Vote
from smartdistrict.alleys.selectors.accounts import household_shares, split_of
from smartdistrict.alleys.services import ballots
from smartdistrict.alleys.views.access import public
from smartdistrict.core import ratelimits
from smartdistrict.core.clients import client_network
from smartdistrict.core.errors import DomainError, RateLimited

CHOICE_FIELD = "choice"


def _own_share(vote: Vote) -> int | None:
    proposal = vote.ballot.proposal
    try:
        rows = household_shares(proposal)
    except DomainError:
        return None
    return next((r.share_vnd for r in rows if r.household.id == vote.household_id), None)


def _count(request: HttpRequest) -> None:
    ratelimits.check(request, group="alleys:vote", key=client_network(request),
                     setting="ALLEYS_VOTE_RATES")


@never_cache
@require_http_methods(["GET", "POST"])
def vote(request: HttpRequest) -> HttpResponse:
    """Step 1: the code. Step 2: the household's ballot. Step 3: recorded."""
    context: dict = {"choices": Choice.choices, "nav": "vote"}
    if request.method == "GET":
        return render(request, "alleys/vote.html", context)
    code = request.POST.get("code", "")[:40]
    context["code"] = code
    try:
        _count(request)
        if request.POST.get("step") == "cast":
            try:
                cast = ballots.vote_cast_online(code=code,
                                                choice=request.POST.get(CHOICE_FIELD, ""))
            except DomainError as error:
                if error.field != "choice":
                    raise
                context["error"] = error.message  # no choice made: ask again
            else:
                context.update(done=True, proposal=cast.ballot.proposal)
                return render(request, "alleys/vote.html", context)
        found = ballots.vote_for_code(code)
    except RateLimited as error:
        context["error"] = error.message
        response = render(request, "alleys/vote.html", context, status=429)
        response["Retry-After"] = str(error.retry_after)
        return response
    except DomainError as error:
        context["error"] = error.message
        return render(request, "alleys/vote.html", context, status=400)
    proposal = found.ballot.proposal
    context.update(vote=found, proposal=proposal, alley=proposal.alley,
                   share=_own_share(found), split=split_of(proposal))
    return render(request, "alleys/vote.html", context)


def meeting_rows(ballot: Ballot) -> list[dict]:
    """Each household of the ballot and whether its vote is in (never which vote)."""
    votes = (Vote.objects.filter(ballot=ballot).select_related("household")
             .order_by("household__house_number", "household_id"))
    return [{"household": v.household, "recorded": bool(v.choice)} for v in votes]


def meeting_choices(request: HttpRequest, ballot: Ballot) -> dict[int, str]:
    """{household id: choice} from the meeting form's fields ``vote-<household id>``."""
    wanted = {}
    for key, value in request.POST.items():
        if key.startswith("vote-") and key[5:].isdigit() and value in Choice.values:
            wanted[int(key[5:])] = value
    return wanted


@public
@never_cache
@require_http_methods(["GET", "POST"])
def meeting(request: HttpRequest, key: str) -> HttpResponse:
    """The residential group head's entry of the meeting's votes (link from the ward)."""
    ballot = ballots.ballot_for_meeting_key(key)
    if request.method == "POST":
        try:
            recorded = ballots.votes_record_meeting(
                ballot=ballot, choices=meeting_choices(request, ballot), group_head_key=key)
        except DomainError as error:
            messages.error(request, str(error.message))
        else:
            messages.success(request, _("%(n)d votes recorded.") % {"n": recorded.recorded})
        return redirect(request.path)
    context = {"ballot": ballot, "proposal": ballot.proposal, "rows": meeting_rows(ballot),
               "choices": Choice.choices, "group_head": True}
    return render(request, "alleys/meeting.html", context)
