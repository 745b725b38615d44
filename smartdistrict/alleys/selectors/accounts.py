"""A proposal's money: each household's share, and the public accounts (aggregated).

The public accounts give totals only: pledged by kind, received, spent by source, and
the names of the households and sponsors that agreed to be named, never an amount next
to a name that did not agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from smartdistrict.alleys.models import (
    Exemption,
    Expense,
    ExpenseSource,
    Household,
    Payment,
    Pledge,
    PledgeKind,
    Proposal,
    ShareKind,
)
from smartdistrict.alleys.money import Split, share_out
from smartdistrict.core.errors import InvalidInput


def split_of(proposal: Proposal) -> Split:
    return Split(proposal.estimate_vnd, proposal.state_budget_vnd, proposal.households_vnd,
                 proposal.sponsors_vnd)


@dataclass(frozen=True)
class ShareRow:
    household: Household
    kind: str  # ShareKind
    reason: str
    share_vnd: int


def household_shares(proposal: Proposal, households: list[Household] | None = None
                     ) -> list[ShareRow]:
    """What each household of the alley owes of the households' part, after the ward's
    exemptions (two queries). Raises InvalidInput when every household is exempt but the
    households' part is not zero."""
    if households is None:
        households = list(proposal.alley.household_records.order_by("house_number", "id"))
    exemptions = {e.household_id: e for e in Exemption.objects.filter(proposal=proposal)}
    reduced = Fraction(proposal.reduced_share_percent, 100)
    kinds, weights = [], []
    for household in households:
        exemption = exemptions.get(household.id)
        kind = exemption.kind if exemption else ShareKind.FULL
        kinds.append((kind, exemption.reason if exemption else ""))
        weights.append({ShareKind.FULL: Fraction(1), ShareKind.REDUCED: reduced,
                        ShareKind.EXEMPT: Fraction(0)}[kind])
    try:
        amounts = share_out(proposal.households_vnd, weights)
    except ValueError:
        raise InvalidInput(
            _("Every household is exempt, yet the households' part is not zero: change the "
              "split or the exemptions."), field="households_vnd", code="all_exempt",
        ) from None
    return [ShareRow(h, k, r, a) for h, (k, r), a in zip(households, kinds, amounts, strict=True)]


@dataclass
class Accounts:
    split: Split
    pledged_money_vnd: int = 0
    pledged_in_kind_vnd: int = 0  # estimated value of materials, labour and land
    pledged_by_kind: dict[str, int] = field(default_factory=dict)
    land_m2: float = 0.0
    pledging_households: int = 0
    households: int = 0
    received_vnd: int = 0
    received_from_households_vnd: int = 0
    received_from_sponsors_vnd: int = 0
    paying_households: int = 0
    spent_state_vnd: int = 0
    spent_community_vnd: int = 0
    named: list[str] = field(default_factory=list)  # those who agreed to be named

    @property
    def pledged_vnd(self) -> int:
        return self.pledged_money_vnd + self.pledged_in_kind_vnd

    @property
    def spent_vnd(self) -> int:
        return self.spent_state_vnd + self.spent_community_vnd

    @property
    def community_balance_vnd(self) -> int:
        """Money collected and not yet spent."""
        return self.received_vnd - self.spent_community_vnd

    @property
    def collected_percent(self) -> float:
        """Money received against what households and sponsors are to give."""
        due = self.split.households_vnd + self.split.sponsors_vnd
        return round(100 * self.received_vnd / due, 1) if due else 0.0


def accounts_of(proposal: Proposal) -> Accounts:
    """The public accounts (seven queries, whatever the number of households)."""
    result = Accounts(split=split_of(proposal))
    for row in (Pledge.objects.filter(proposal=proposal).order_by().values("kind")
                .annotate(value=Sum("value_vnd"), land=Sum("land_m2"))):
        result.pledged_by_kind[row["kind"]] = row["value"] or 0
        if row["kind"] == PledgeKind.MONEY:
            result.pledged_money_vnd += row["value"] or 0
        else:
            result.pledged_in_kind_vnd += row["value"] or 0
        if row["kind"] == PledgeKind.LAND:
            result.land_m2 = float(row["land"] or 0)
    pledges = Pledge.objects.filter(proposal=proposal)
    result.pledging_households = pledges.exclude(household=None).values("household").distinct(
    ).count()
    result.households = proposal.alley.household_records.count()
    paid = Payment.objects.filter(proposal=proposal).aggregate(
        total=Sum("amount_vnd"), households=Sum("amount_vnd", filter=Q(household__isnull=False)),
        payers=Count("household", distinct=True),
    )
    result.received_vnd = paid["total"] or 0
    result.received_from_households_vnd = paid["households"] or 0
    result.received_from_sponsors_vnd = result.received_vnd - result.received_from_households_vnd
    result.paying_households = paid["payers"] or 0
    spent = Expense.objects.filter(proposal=proposal).aggregate(
        state=Sum("amount_vnd", filter=Q(source=ExpenseSource.STATE)),
        community=Sum("amount_vnd", filter=Q(source=ExpenseSource.COMMUNITY)),
    )
    result.spent_state_vnd = spent["state"] or 0
    result.spent_community_vnd = spent["community"] or 0
    result.named = named_givers(proposal)
    return result


def named_givers(proposal: Proposal) -> list[str]:
    """Households and sponsors who pledged or paid and agreed to be named (two queries)."""
    names: set[str] = set()
    rows = (
        Pledge.objects.filter(proposal=proposal)
        .filter(Q(household__name_public=True) | Q(household__isnull=True, name_public=True))
        .values_list("household__public_name", "household__head_name", "sponsor_name")
    )
    paid = (
        Payment.objects.filter(proposal=proposal, household__name_public=True)
        .values_list("household__public_name", "household__head_name", "payer_name")
    )
    for public_name, head_name, sponsor in [*rows, *paid]:
        names.add(public_name or head_name or sponsor)
    return sorted(n for n in names if n)
