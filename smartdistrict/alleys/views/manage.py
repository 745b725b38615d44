"""The ward officer's page of one proposal, its actions, receipts and meeting entry."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from smartdistrict.alleys import models, policy
from smartdistrict.alleys.models import Payment, Proposal, State
from smartdistrict.alleys.selectors.accounts import accounts_of, household_shares, split_of
from smartdistrict.alleys.selectors.proposals import proposal_for, tally_of
from smartdistrict.alleys.views.access import staff_required
from smartdistrict.alleys.views.actions import ACTIONS
from smartdistrict.alleys.views.vote import meeting_rows
from smartdistrict.core.errors import DomainError

BLANK_ITEMS = 3


def _shares(proposal: Proposal) -> tuple[list, str]:
    try:
        return household_shares(proposal), ""
    except DomainError as error:
        return [], str(error.message)


@staff_required
@require_GET
def manage(request: HttpRequest, code: str) -> HttpResponse:
    proposal = proposal_for(request.user, code)
    alley = proposal.alley
    shares, shares_error = _shares(proposal)
    exemptions = {e.household_id: e for e in proposal.exemptions.all()}
    ballot_list = [(b, tally_of(b)) for b in proposal.ballots.order_by("-number")]
    open_ballot = next((b for b, _t in ballot_list if b.is_open), None)
    items = list(proposal.items.all())
    context = {
        "proposal": proposal, "alley": alley, "split": split_of(proposal),
        "items": items, "blank_items": range(len(items) + 1, len(items) + 1 + BLANK_ITEMS),
        "shares": shares, "shares_error": shares_error, "exemptions": exemptions,
        "households": [row.household for row in shares]
        or list(alley.household_records.order_by("house_number")),
        "pledges": list(proposal.pledges.select_related("household")),
        "payments": list(proposal.payments.select_related("household")),
        "expenses": list(proposal.expenses.all()),
        "accounts": accounts_of(proposal), "ballots": ballot_list, "open_ballot": open_ballot,
        "meeting": meeting_rows(open_ballot) if open_ballot else [],
        "targets": sorted(policy.allowed_targets(proposal.state)),
        "may_act": policy.can_act(request.user, alley.unit_id),
        "events": list(proposal.events.all()), "board": list(proposal.board.all()),
        "photos": list(proposal.photos.all()),
        "State": State, "choices": models.Choice.choices,
        "share_kinds": models.ShareKind.choices, "pledge_kinds": models.PledgeKind.choices,
        "methods": models.PaymentMethod.choices, "sources": models.ExpenseSource.choices,
        "board_roles": models.BoardRole.choices, "represents": models.Represents.choices,
        "policy": policy, "nav": "staff",
    }
    return render(request, "alleys/manage.html", context)


@staff_required
@require_POST
def act(request: HttpRequest, code: str, action: str) -> HttpResponse:
    handler = ACTIONS.get(action)
    if handler is None:
        raise Http404()
    proposal = proposal_for(request.user, code)
    anchor = action.split("-")[0]
    try:
        result = handler(request, proposal)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        if isinstance(result, HttpResponse):
            return result
        message, anchor = result
        if "|" in anchor:  # the receipt to open next
            anchor, follow = anchor.split("|", 1)
            messages.success(request, message)
            return redirect(follow)
        messages.success(request, message)
    return redirect(reverse("alleys:manage", kwargs={"code": proposal.code}) + f"#{anchor}")


@staff_required
@require_GET
def receipt(request: HttpRequest, code: str, number: str) -> HttpResponse:
    """The receipt (phiếu thu) of one payment, to print and hand over."""
    proposal = proposal_for(request.user, code)
    payment = get_object_or_404(Payment.objects.select_related("household", "received_by"),
                                proposal=proposal, receipt_number=number)
    return render(request, "alleys/receipt.html", {"proposal": proposal, "payment": payment,
                                                   "alley": proposal.alley})
