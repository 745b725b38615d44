"""Writing proposals: the plan, the estimate and its split, and the moves between states.

Each rule lives here once: the split must add up to the estimate before households are
consulted; approval needs the households' ballot passed and the ward's decision; the
estimate is frozen once households are consulted (a new plan goes back to draft).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.accounts.models import User
from smartdistrict.alleys import policy
from smartdistrict.alleys.formats import grouped
from smartdistrict.alleys.models import (
    Alley,
    Ballot,
    EstimateItem,
    EventKind,
    Proposal,
    State,
)
from smartdistrict.alleys.money import item_amount
from smartdistrict.alleys.selectors.accounts import household_shares, split_of
from smartdistrict.alleys.services.common import (
    amount,
    date_of,
    editable,
    event,
    locked,
    require_actor,
    text,
)
from smartdistrict.core.errors import InvalidInput


@dataclass(frozen=True)
class ItemInput:
    description: str
    quantity: object
    unit_price_vnd: object
    unit: str = ""


def _next_code(year: int) -> str:
    prefix = f"hem-{year}-"
    last = (
        Proposal.objects.filter(code__startswith=prefix).order_by("-code")
        .values_list("code", flat=True).first()
    )
    tail = last.removeprefix(prefix) if last else ""
    number = int(tail) + 1 if tail.isdigit() else 1
    return f"{prefix}{number:03d}"


def _date(value: object, field: str) -> dt.date | None:
    return date_of(value, field=field)


def _percent(value: object, field: str) -> int:
    try:
        number = int(str(value))
    except ValueError:
        raise InvalidInput(_("Enter a whole percentage from 0 to 100."), field=field) from None
    if not 0 <= number <= 100:
        raise InvalidInput(_("Enter a whole percentage from 0 to 100."), field=field)
    return number


def _dates_in_order(start: dt.date | None, end: dt.date | None) -> None:
    if start and end and end < start:
        raise InvalidInput(_("The end cannot come before the start."), field="planned_end")


@transaction.atomic
def proposal_create(
    *, alley: Alley, title: str, scope: str, actor: User | None,
    planned_start: object = None, planned_end: object = None, illustrative: bool = False,
    check_actor: bool = True,
) -> Proposal:
    if check_actor:
        require_actor(actor, alley.unit_id)
    start, end = _date(planned_start, "planned_start"), _date(planned_end, "planned_end")
    _dates_in_order(start, end)
    values = {
        "alley": alley, "title": text(title, field="title", required=True, limit=300),
        "scope": text(scope, field="scope", required=True), "planned_start": start,
        "planned_end": end, "illustrative": illustrative, "created_by": actor,
    }
    year = timezone.localdate().year
    for _attempt in range(5):
        try:
            with transaction.atomic():
                proposal = Proposal.objects.create(code=_next_code(year), **values)
            break
        except IntegrityError:  # another officer took the number a moment ago
            continue
    else:
        raise InvalidInput(_("Please try again."), code="busy")
    event(proposal, EventKind.CREATED, actor=actor, to_state=State.DRAFT, public=False)
    return proposal


@transaction.atomic
def proposal_plan_update(
    *, proposal: Proposal, actor: User | None, title: str, scope: str,
    planned_start: object = None, planned_end: object = None, reduced_share_percent: object = 50,
) -> Proposal:
    proposal = editable(proposal, actor=actor, states=policy.ESTIMATE_STATES,
                        what=_("The plan"))
    start, end = _date(planned_start, "planned_start"), _date(planned_end, "planned_end")
    _dates_in_order(start, end)
    proposal.title = text(title, field="title", required=True, limit=300)
    proposal.scope = text(scope, field="scope", required=True)
    proposal.planned_start, proposal.planned_end = start, end
    proposal.reduced_share_percent = _percent(reduced_share_percent, "reduced_share_percent")
    proposal.save()
    return proposal


def _quantity(value: object, field: str) -> Decimal:
    try:
        quantity = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise InvalidInput(_("Enter a quantity."), field=field) from None
    if not quantity.is_finite() or quantity <= 0 or quantity >= Decimal("1e10"):
        raise InvalidInput(_("The quantity must be more than 0."), field=field)
    return quantity.quantize(Decimal("0.01"))


@transaction.atomic
def estimate_set(
    *, proposal: Proposal, items: Sequence[ItemInput], actor: User | None,
    check_actor: bool = True,
) -> Proposal:
    """Replace the line items; the estimate is their sum."""
    proposal = editable(proposal, actor=actor, states=policy.ESTIMATE_STATES,
                        what=_("The estimate"), check_actor=check_actor)
    rows = []
    for position, item in enumerate(items, start=1):
        field = f"items-{position}"
        quantity = _quantity(item.quantity, f"{field}-quantity")
        price = amount(item.unit_price_vnd, field=f"{field}-unit_price_vnd", positive=True)
        rows.append(EstimateItem(
            proposal=proposal, position=position,
            description=text(item.description, field=f"{field}-description", required=True,
                             limit=300),
            unit=text(item.unit, field=f"{field}-unit", limit=20), quantity=quantity,
            unit_price_vnd=price, amount_vnd=item_amount(quantity, price),
        ))
    if not rows:
        raise InvalidInput(_("List at least one item of the estimate."), field="items")
    proposal.items.all().delete()
    EstimateItem.objects.bulk_create(rows)
    proposal.estimate_vnd = sum(row.amount_vnd for row in rows)
    proposal.save(update_fields=["estimate_vnd", "updated_at"])
    event(proposal, EventKind.ESTIMATE, actor=actor, public=False,
          note=_("Estimate: %(total)s đồng in %(items)d items.")
          % {"total": grouped(proposal.estimate_vnd),
             "items": len(rows)})
    return proposal


@transaction.atomic
def split_set(
    *, proposal: Proposal, state_budget_vnd: object, households_vnd: object,
    sponsors_vnd: object, actor: User | None, check_actor: bool = True,
) -> Proposal:
    """Set who pays what. It may differ from the estimate while drafting; the proposal
    cannot go to the households until it adds up."""
    proposal = editable(proposal, actor=actor, states=policy.ESTIMATE_STATES,
                        what=_("The split"), check_actor=check_actor)
    proposal.state_budget_vnd = amount(state_budget_vnd, field="state_budget_vnd")
    proposal.households_vnd = amount(households_vnd, field="households_vnd")
    proposal.sponsors_vnd = amount(sponsors_vnd, field="sponsors_vnd")
    proposal.save(update_fields=["state_budget_vnd", "households_vnd", "sponsors_vnd",
                                 "updated_at"])
    return proposal


def _latest_ballot(proposal: Proposal) -> Ballot | None:
    return proposal.ballots.order_by("-number").first()


def _check_ready_for_households(proposal: Proposal) -> None:
    split = split_of(proposal)
    if not split.adds_up:
        raise InvalidInput(
            _("The split (%(total)s đồng) must add up to the estimate (%(estimate)s đồng).")
            % {"total": grouped(split.total_vnd),
               "estimate": grouped(split.estimate_vnd)},
            field="split", code="split_does_not_add_up",
        )
    if not proposal.alley.household_records.exists():
        raise InvalidInput(_("List the households along the alley first."), field="households")
    household_shares(proposal)  # raises when every household is exempt


def _check_no_open_ballot(proposal: Proposal) -> None:
    if proposal.ballots.filter(closed_at__isnull=True).exists():
        raise InvalidInput(_("Close the households' ballot first."), field="ballot",
                           code="ballot_open")


def _approve(proposal: Proposal, decision_ref: str, decision_date: object, note: str) -> None:
    """The households' approval of THIS plan: the latest ballot, opened since the plan last
    went to them, closed and passed, listing every household of the alley."""
    ballot = _latest_ballot(proposal)
    if (ballot is None or ballot.is_open or not ballot.passed
            or (proposal.consulted_at and ballot.opened_at < proposal.consulted_at)):
        raise InvalidInput(
            _("The households have not approved this proposal: a closed ballot that passed "
              "is needed."), field="ballot", code="ballot_not_passed",
        )
    if ballot.votes.count() != proposal.alley.household_records.count():
        raise InvalidInput(
            _("Households were added to the alley after the ballot opened: open a new ballot "
              "so that they are asked too."), field="ballot", code="ballot_outdated",
        )
    _check_ready_for_households(proposal)
    proposal.decision_ref = text(decision_ref, field="decision_ref", required=True, limit=120)
    proposal.decision_date = _date(decision_date, "decision_date")
    if proposal.decision_date is None:
        raise InvalidInput(_("Give the date of the ward's decision."), field="decision_date")
    proposal.decision_note = note


@dataclass(frozen=True)
class TransitionInput:
    to: str
    note: str = ""
    decision_ref: str = ""
    decision_date: object = None
    works_started_on: object = None
    accepted_on: object = None
    acceptance_ref: str = ""


@transaction.atomic
def proposal_transition(
    *, proposal: Proposal, change: TransitionInput, actor: User | None,
) -> Proposal:
    """Move the proposal to ``change.to``, checking what that state needs."""
    proposal = locked(proposal)
    actor = require_actor(actor, proposal.alley.unit_id)
    to = change.to
    if to not in State.values:
        raise InvalidInput(_("Unknown state."), field="to")
    if to not in policy.allowed_targets(proposal.state):
        raise InvalidInput(
            _("A proposal that is “%(from)s” cannot become “%(to)s”.")
            % {"from": State(proposal.state).label, "to": State(to).label},
            field="to", code="illegal_transition",
        )
    note = text(change.note, field="note")
    if to == State.CONSULTATION:
        _check_ready_for_households(proposal)
        proposal.consulted_at = timezone.now()
    elif to == State.APPROVED:
        _approve(proposal, change.decision_ref, change.decision_date, note)
    elif to in (State.REJECTED, State.DRAFT, State.CLOSED):
        if not note:
            raise InvalidInput(_("Say why (it goes in the public timeline)."), field="note",
                               code="note_required")
        _check_no_open_ballot(proposal)
        if to == State.REJECTED:
            proposal.decision_ref = text(change.decision_ref, field="decision_ref", limit=120)
            proposal.decision_date = _date(change.decision_date, "decision_date")
            proposal.decision_note = note
    elif to == State.WORKS:
        proposal.works_started_on = (_date(change.works_started_on, "works_started_on")
                                     or timezone.localdate())
    elif to == State.ACCEPTED:
        from smartdistrict.alleys.services.works import accept_works

        accept_works(proposal, actor=actor, accepted_on=change.accepted_on,
                     acceptance_ref=change.acceptance_ref, note=note)
    from_state = proposal.state
    proposal.state = to
    proposal.save()
    event(proposal, EventKind.TRANSITION, actor=actor, note=note, from_state=from_state,
          to_state=to, public=to != State.DRAFT or from_state != State.DRAFT)
    if to == State.ACCEPTED:
        from smartdistrict.alleys.services.works import close_alley_reports

        close_alley_reports(proposal, actor=actor)
    return proposal


@transaction.atomic
def progress_record(
    *, proposal: Proposal, percent: object, note: str, actor: User | None,
) -> Proposal:
    proposal = editable(proposal, actor=actor, states=policy.PROGRESS_STATES,
                        what=_("The progress"))
    proposal.progress_percent = _percent(percent, "percent")
    proposal.save(update_fields=["progress_percent", "updated_at"])
    event(proposal, EventKind.PROGRESS, actor=actor,
          note=_("Works %(percent)d%% done.") % {"percent": proposal.progress_percent}
          + (f" {text(note, field='note')}" if note else ""))
    return proposal
