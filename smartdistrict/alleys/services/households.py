"""Writing households, the ward's exemptions, pledges, payments with receipts, expenses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.accounts.models import User
from smartdistrict.alleys import policy
from smartdistrict.alleys.models import (
    Alley,
    Exemption,
    Expense,
    ExpenseSource,
    Household,
    Payment,
    PaymentMethod,
    Pledge,
    PledgeKind,
    Proposal,
    ShareKind,
    Standing,
    State,
)
from smartdistrict.alleys.services.common import (
    amount,
    date_of,
    editable,
    locked,
    require_actor,
    text,
)
from smartdistrict.core.errors import InvalidInput


def _date(value: object, field: str) -> dt.date:
    """The date given, or today (a payment, a pledge: usually recorded on the day)."""
    return date_of(value, field=field) or timezone.localdate()


def _no_open_ballot(alley: Alley) -> None:
    """A ballot's list of households is fixed when it opens: none is added meanwhile."""
    from smartdistrict.alleys.models import Ballot

    if Ballot.objects.filter(proposal__alley=alley, closed_at__isnull=True).exists():
        raise InvalidInput(
            _("A ballot is open on this alley: its list of households is fixed until it "
              "closes."), field="household", code="ballot_open",
        )


@transaction.atomic
def household_save(
    *, alley: Alley, house_number: str, head_name: str, actor: User | None,
    phone: str = "", standing: str = Standing.ORDINARY, name_public: bool = False,
    public_name: str = "", household: Household | None = None, check_actor: bool = True,
) -> Household:
    """Add a household to the alley, or change ``household``."""
    if check_actor:
        require_actor(actor, alley.unit_id)
    if standing not in Standing.values:
        raise InvalidInput(_("Choose one of the listed values."), field="standing")
    number = text(house_number, field="house_number", required=True, limit=40)
    clash = Household.objects.filter(alley=alley, house_number=number)
    if household is not None:
        clash = clash.exclude(pk=household.pk)
    if clash.exists():
        raise InvalidInput(_("This house number is already listed on this alley."),
                           field="house_number", code="duplicate_house")
    if household is None:
        _no_open_ballot(alley)
        household = Household(alley=alley)
    elif household.alley_id != alley.id:
        raise InvalidInput(_("This household lives on another alley."), field="household")
    household.house_number = number
    household.head_name = text(head_name, field="head_name", required=True, limit=120)
    household.phone = text(phone, field="phone", limit=20)
    household.standing = standing
    household.name_public = bool(name_public)
    household.public_name = text(public_name, field="public_name", limit=120)
    household.save()
    return household


@transaction.atomic
def exemption_set(
    *, proposal: Proposal, household: Household, kind: str, reason: str, actor: User | None,
    check_actor: bool = True,
) -> Exemption | None:
    """The ward's decision on one household's share (``full`` removes an exemption)."""
    proposal = editable(proposal, actor=actor, states=frozenset({State.DRAFT}),
                        what=_("Exemptions"), check_actor=check_actor)
    if household.alley_id != proposal.alley_id:
        raise InvalidInput(_("This household lives on another alley."), field="household")
    if kind not in ShareKind.values:
        raise InvalidInput(_("Choose one of the listed values."), field="kind")
    if kind == ShareKind.FULL:
        Exemption.objects.filter(proposal=proposal, household=household).delete()
        return None
    exemption, _created = Exemption.objects.update_or_create(
        proposal=proposal, household=household,
        defaults={"kind": kind, "decided_by": actor,
                  "reason": text(reason, field="reason", required=True, limit=300)},
    )
    return exemption


def _giver(proposal: Proposal, household: Household | None, sponsor_name: str) -> str:
    """The sponsor's name when there is no household; one of the two is needed."""
    if household is not None:
        if household.alley_id != proposal.alley_id:
            raise InvalidInput(_("This household lives on another alley."), field="household")
        return ""
    name = text(sponsor_name, field="sponsor_name", limit=200)
    if not name:
        raise InvalidInput(_("Choose the household, or name the sponsor."), field="household")
    return name


@transaction.atomic
def pledge_record(
    *, proposal: Proposal, kind: str, actor: User | None, household: Household | None = None,
    sponsor_name: str = "", name_public: bool = False, value_vnd: object = 0,
    description: str = "", land_m2: object = None, pledged_on: object = None,
    check_actor: bool = True,
) -> Pledge:
    proposal = editable(proposal, actor=actor, states=policy.PLEDGE_STATES,
                        what=_("Pledges"), check_actor=check_actor)
    if kind not in PledgeKind.values:
        raise InvalidInput(_("Choose one of the listed values."), field="kind")
    sponsor = _giver(proposal, household, sponsor_name)
    value = amount(value_vnd, field="value_vnd", positive=kind == PledgeKind.MONEY)
    what = text(description, field="description", limit=300)
    if kind != PledgeKind.MONEY and not what and kind != PledgeKind.LAND:
        raise InvalidInput(_("Say what is pledged (e.g. “20 bags of cement”, “3 days of work”)."),
                           field="description")
    area = None
    if kind == PledgeKind.LAND:
        try:
            area = Decimal(str(land_m2).replace(",", "."))
        except InvalidOperation:
            raise InvalidInput(_("Give the land's area in m²."), field="land_m2") from None
        if not area.is_finite() or area <= 0 or area >= 100_000:
            raise InvalidInput(_("Give the land's area in m²."), field="land_m2")
    return Pledge.objects.create(
        proposal=proposal, household=household, sponsor_name=sponsor,
        name_public=bool(name_public) if household is None else False, kind=kind,
        value_vnd=value, description=what, land_m2=area,
        pledged_on=_date(pledged_on, "pledged_on"), recorded_by=actor,
    )


@transaction.atomic
def pledge_fulfil(*, pledge: Pledge, on: object, actor: User | None) -> Pledge:
    """Materials, labour or land delivered (money is fulfilled by payments)."""
    proposal = locked(pledge.proposal)
    require_actor(actor, proposal.alley.unit_id)
    if pledge.kind == PledgeKind.MONEY:
        raise InvalidInput(_("Record the payment instead: money is received with a receipt."),
                           field="pledge")
    pledge.fulfilled_on = _date(on, "fulfilled_on")
    pledge.save(update_fields=["fulfilled_on"])
    return pledge


@transaction.atomic
def payment_record(
    *, proposal: Proposal, amount_vnd: object, actor: User | None,
    household: Household | None = None, payer_name: str = "",
    method: str = PaymentMethod.CASH, received_on: object = None, note: str = "",
    check_actor: bool = True,
) -> Payment:
    """Money received; the receipt number is the proposal's next (PT-<code>-0001 …)."""
    proposal = editable(proposal, actor=actor, states=policy.PAYMENT_STATES,
                        what=_("Payments"), check_actor=check_actor)
    if method not in PaymentMethod.values:
        raise InvalidInput(_("Choose one of the listed values."), field="method")
    payer = _giver(proposal, household, payer_name)
    number = proposal.payments.count() + 1  # the proposal is locked: numbers follow
    return Payment.objects.create(
        proposal=proposal, household=household, payer_name=payer,
        amount_vnd=amount(amount_vnd, field="amount_vnd", positive=True), method=method,
        received_on=_date(received_on, "received_on"),
        receipt_number=f"PT-{proposal.code.upper()}-{number:04d}",
        note=text(note, field="note", limit=300), received_by=actor,
    )


@transaction.atomic
def expense_record(
    *, proposal: Proposal, description: str, amount_vnd: object, source: str,
    actor: User | None, payee: str = "", spent_on: object = None, document_ref: str = "",
    check_actor: bool = True,
) -> Expense:
    proposal = editable(proposal, actor=actor, states=policy.EXPENSE_STATES,
                        what=_("Expenses"), check_actor=check_actor)
    if source not in ExpenseSource.values:
        raise InvalidInput(_("Choose one of the listed values."), field="source")
    return Expense.objects.create(
        proposal=proposal, description=text(description, field="description", required=True,
                                            limit=300),
        payee=text(payee, field="payee", limit=200),
        amount_vnd=amount(amount_vnd, field="amount_vnd", positive=True), source=source,
        spent_on=_date(spent_on, "spent_on"),
        document_ref=text(document_ref, field="document_ref", limit=120), recorded_by=actor,
    )
