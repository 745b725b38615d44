"""The ward officer's actions on a proposal: each reads its form and calls one service.

Every handler returns the message to show and the section of the page to return to, or
a page of its own (the one-time codes, shown once). Services check the rules and the
officer's ward; their refusals are shown as messages by views.manage.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from smartdistrict.alleys.models import BoardMember, Household, Pledge, Proposal, Vote
from smartdistrict.alleys.services import ballots, households, proposals, works
from smartdistrict.alleys.views.vote import meeting_choices
from smartdistrict.core.errors import InvalidInput
from smartdistrict.feedback.photo_budget import process_photos
from smartdistrict.feedback.photos import read_uploads

Result = tuple[str, str] | HttpResponse
MAX_ITEMS = 40


def _household(request: HttpRequest, proposal: Proposal, field: str = "household"
               ) -> Household | None:
    raw = request.POST.get(field, "")
    if not raw:
        return None
    if not raw.isdigit():
        raise InvalidInput(_("Choose the household."), field=field)
    return get_object_or_404(Household, pk=int(raw), alley_id=proposal.alley_id)


def plan(request: HttpRequest, proposal: Proposal) -> Result:
    post = request.POST
    proposals.proposal_plan_update(
        proposal=proposal, actor=request.user, title=post.get("title", ""),
        scope=post.get("scope", ""), planned_start=post.get("planned_start", ""),
        planned_end=post.get("planned_end", ""),
        reduced_share_percent=post.get("reduced_share_percent", "50"))
    return _("The plan is saved."), "plan"


def estimate(request: HttpRequest, proposal: Proposal) -> Result:
    post = request.POST
    items = []
    for n in range(1, MAX_ITEMS + 1):
        description = post.get(f"item-{n}-description", "").strip()
        quantity = post.get(f"item-{n}-quantity", "").strip()
        price = post.get(f"item-{n}-unit_price_vnd", "").strip()
        if description or quantity or price:
            items.append(proposals.ItemInput(description, quantity or "0", price or "0",
                                             post.get(f"item-{n}-unit", "")))
    proposals.estimate_set(proposal=proposal, items=items, actor=request.user)
    return _("The estimate is saved."), "estimate"


def split(request: HttpRequest, proposal: Proposal) -> Result:
    post = request.POST
    proposals.split_set(proposal=proposal, actor=request.user,
                        state_budget_vnd=post.get("state_budget_vnd", ""),
                        households_vnd=post.get("households_vnd", ""),
                        sponsors_vnd=post.get("sponsors_vnd", ""))
    return _("The split is saved."), "estimate"


def exemption(request: HttpRequest, proposal: Proposal) -> Result:
    household = _household(request, proposal)
    if household is None:
        raise InvalidInput(_("Choose the household."), field="household")
    households.exemption_set(proposal=proposal, household=household, actor=request.user,
                             kind=request.POST.get("kind", ""),
                             reason=request.POST.get("reason", ""))
    return _("The household's share is decided."), "households"


def transition(request: HttpRequest, proposal: Proposal) -> Result:
    post = request.POST
    change = proposals.TransitionInput(
        to=post.get("to", ""), note=post.get("note", ""),
        decision_ref=post.get("decision_ref", ""), decision_date=post.get("decision_date", ""),
        works_started_on=post.get("works_started_on", ""),
        accepted_on=post.get("accepted_on", ""), acceptance_ref=post.get("acceptance_ref", ""),
    )
    moved = proposals.proposal_transition(proposal=proposal, change=change, actor=request.user)
    return _("The proposal is now “%(state)s”.") % {"state": moved.get_state_display()}, "state"


def pledge(request: HttpRequest, proposal: Proposal) -> Result:
    post = request.POST
    households.pledge_record(
        proposal=proposal, actor=request.user, household=_household(request, proposal),
        sponsor_name=post.get("sponsor_name", ""), name_public=post.get("name_public") == "on",
        kind=post.get("kind", ""), value_vnd=post.get("value_vnd", "") or "0",
        description=post.get("description", ""), land_m2=post.get("land_m2", ""),
        pledged_on=post.get("pledged_on", ""))
    return _("The pledge is recorded."), "money"


def pledge_delivered(request: HttpRequest, proposal: Proposal) -> Result:
    raw = request.POST.get("pledge", "")
    found = get_object_or_404(Pledge, pk=int(raw) if raw.isdigit() else 0, proposal=proposal)
    households.pledge_fulfil(pledge=found, on=request.POST.get("on", ""), actor=request.user)
    return _("The delivery is recorded."), "money"


def payment(request: HttpRequest, proposal: Proposal) -> Result:
    post = request.POST
    paid = households.payment_record(
        proposal=proposal, actor=request.user, household=_household(request, proposal),
        payer_name=post.get("payer_name", ""), amount_vnd=post.get("amount_vnd", ""),
        method=post.get("method", "cash"), received_on=post.get("received_on", ""),
        note=post.get("note", ""))
    receipt = reverse("alleys:receipt", kwargs={"code": proposal.code,
                                                "number": paid.receipt_number})
    return _("Payment received: receipt %(number)s.") % {"number": paid.receipt_number}, (
        f"money|{receipt}")


def expense(request: HttpRequest, proposal: Proposal) -> Result:
    post = request.POST
    households.expense_record(
        proposal=proposal, actor=request.user, description=post.get("description", ""),
        amount_vnd=post.get("amount_vnd", ""), source=post.get("source", ""),
        payee=post.get("payee", ""), spent_on=post.get("spent_on", ""),
        document_ref=post.get("document_ref", ""))
    return _("The expense is recorded."), "money"


def ballot_open(request: HttpRequest, proposal: Proposal) -> Result:
    post = request.POST
    opened = ballots.ballot_open(
        proposal=proposal, actor=request.user, online=post.get("online") == "on",
        meeting_date=post.get("meeting_date", ""),
        group_head_name=post.get("group_head_name", ""),
        meeting_link=post.get("meeting_link") == "on")
    if not opened.codes and not opened.meeting_key:
        return _("The ballot is open."), "ballot"
    link = (request.build_absolute_uri(reverse("alleys:meeting",
                                               kwargs={"key": opened.meeting_key}))
            if opened.meeting_key else "")
    return render(request, "alleys/codes.html", {
        "proposal": proposal, "ballot": opened.ballot, "codes": opened.codes,
        "meeting_link": link, "vote_url": request.build_absolute_uri(reverse("alleys:vote")),
    })


def ballot_meeting(request: HttpRequest, proposal: Proposal) -> Result:
    ballot = get_object_or_404(proposal.ballots, closed_at__isnull=True)
    recorded = ballots.votes_record_meeting(ballot=ballot, actor=request.user,
                                            choices=meeting_choices(request, ballot))
    message = _("%(n)d votes recorded.") % {"n": recorded.recorded}
    if recorded.already:
        message += " " + _("%(n)d households had already voted: their votes are unchanged.") % {
            "n": recorded.already}
    return message, "ballot"


def ballot_close(request: HttpRequest, proposal: Proposal) -> Result:
    ballot = get_object_or_404(proposal.ballots, closed_at__isnull=True)
    tally = ballots.ballot_close(ballot=ballot, actor=request.user)
    return (_("Ballot closed: passed.") if tally.passed else _("Ballot closed: not passed.")), (
        "ballot")


def ballot_reopen(request: HttpRequest, proposal: Proposal) -> Result:
    ballot = proposal.ballots.order_by("-number").first()
    if ballot is None:
        raise InvalidInput(_("There is no ballot to reopen."), field="ballot")
    ballots.ballot_reopen(ballot=ballot, actor=request.user,
                          reason=request.POST.get("reason", ""))
    return _("The ballot is open again for the households that have not voted."), "ballot"


def code_reissue(request: HttpRequest, proposal: Proposal) -> Result:
    household = _household(request, proposal)
    vote = get_object_or_404(Vote, ballot__proposal=proposal, ballot__closed_at__isnull=True,
                             household=household)
    issued = ballots.code_reissue(vote=vote, actor=request.user)
    return render(request, "alleys/codes.html", {
        "proposal": proposal, "ballot": vote.ballot, "codes": [issued],
        "vote_url": request.build_absolute_uri(reverse("alleys:vote")),
    })


def progress(request: HttpRequest, proposal: Proposal) -> Result:
    proposals.progress_record(proposal=proposal, actor=request.user,
                              percent=request.POST.get("percent", ""),
                              note=request.POST.get("note", ""))
    return _("The progress is recorded."), "works"


def photos(request: HttpRequest, proposal: Proposal) -> Result:
    processed = process_photos(read_uploads(request.FILES.getlist("photos")))
    works.photo_add(proposal=proposal, photos=processed, actor=request.user,
                    caption=request.POST.get("caption", ""),
                    taken_on=request.POST.get("taken_on", ""))
    return _("The photos are added."), "works"


def board_add(request: HttpRequest, proposal: Proposal) -> Result:
    works.board_member_add(proposal=proposal, actor=request.user,
                           name=request.POST.get("name", ""),
                           role=request.POST.get("role", ""),
                           represents=request.POST.get("represents", ""))
    return _("The board member is added."), "board"


def board_remove(request: HttpRequest, proposal: Proposal) -> Result:
    raw = request.POST.get("member", "")
    member = get_object_or_404(BoardMember, pk=int(raw) if raw.isdigit() else 0,
                               proposal=proposal)
    works.board_member_remove(member=member, actor=request.user)
    return _("The board member is removed."), "board"


ACTIONS: dict[str, Callable[[HttpRequest, Proposal], Result]] = {
    "plan": plan, "estimate": estimate, "split": split, "exemption": exemption,
    "transition": transition, "pledge": pledge, "pledge-delivered": pledge_delivered,
    "payment": payment, "expense": expense, "ballot-open": ballot_open,
    "ballot-meeting": ballot_meeting, "ballot-close": ballot_close,
    "ballot-reopen": ballot_reopen, "code-reissue": code_reissue, "progress": progress,
    "photos": photos, "board-add": board_add, "board-remove": board_remove,
}
