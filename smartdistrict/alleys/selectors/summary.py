"""The programme in figures, for the dashboard's panel (which reads it; nothing here
knows the dashboard): proposals by state, and the money from residents and sponsors
against the state budget, for the projects going ahead."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum

from smartdistrict.accounts.selectors import Scope
from smartdistrict.alleys import policy
from smartdistrict.alleys.models import Payment, Pledge, Proposal, State


@dataclass
class ProgrammeSummary:
    by_state: list[tuple[str, str, int]] = field(default_factory=list)  # (state, label, count)
    going_ahead: int = 0
    resident_funded: int = 0  # going ahead without state budget
    state_budget_vnd: int = 0
    households_vnd: int = 0
    sponsors_vnd: int = 0
    pledged_vnd: int = 0  # money and in-kind pledged, all non-draft proposals
    received_vnd: int = 0
    length_m: float = 0.0

    @property
    def total(self) -> int:
        return sum(count for _s, _l, count in self.by_state)

    @property
    def residents_vnd(self) -> int:
        return self.households_vnd + self.sponsors_vnd

    @property
    def residents_percent(self) -> float:
        planned = self.residents_vnd + self.state_budget_vnd
        return round(100 * self.residents_vnd / planned, 1) if planned else 0.0


def programme_summary(scope: Scope) -> ProgrammeSummary:
    """Four queries, whatever the number of proposals."""
    proposals = scope.filter(Proposal.objects.all(), unit_field="alley__unit")
    summary = ProgrammeSummary()
    counts = dict(proposals.order_by().values_list("state").annotate(n=Count("id")))
    summary.by_state = [(state.value, str(state.label), counts.get(state.value, 0))
                        for state in State]
    ahead = proposals.filter(state__in=policy.GOING_AHEAD).aggregate(
        n=Count("id"), state=Sum("state_budget_vnd"), households=Sum("households_vnd"),
        sponsors=Sum("sponsors_vnd"), length=Sum("alley__length_m"),
        resident_funded=Count("id", filter=Q(state_budget_vnd=0)),
    )
    summary.going_ahead = ahead["n"] or 0
    summary.resident_funded = ahead["resident_funded"] or 0
    summary.state_budget_vnd = ahead["state"] or 0
    summary.households_vnd = ahead["households"] or 0
    summary.sponsors_vnd = ahead["sponsors"] or 0
    summary.length_m = round(ahead["length"] or 0.0)
    public = proposals.exclude(state=State.DRAFT)
    summary.pledged_vnd = Pledge.objects.filter(proposal__in=public).aggregate(
        v=Sum("value_vnd"))["v"] or 0
    summary.received_vnd = Payment.objects.filter(proposal__in=public).aggregate(
        v=Sum("amount_vnd"))["v"] or 0
    return summary


__all__ = ["ProgrammeSummary", "programme_summary"]
