"""Rows of the proposal lists (public and staff), with money received, in fixed queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet, Sum

from smartdistrict.alleys.models import Payment, Pledge, Proposal
from smartdistrict.alleys.money import Split

PAGE_SIZE = 50


@dataclass(frozen=True)
class ProposalRow:
    proposal: Proposal
    pledged_vnd: int
    received_vnd: int

    @property
    def split(self) -> Split:
        p = self.proposal
        return Split(p.estimate_vnd, p.state_budget_vnd, p.households_vnd, p.sponsors_vnd)


def rows_for(proposals: list[Proposal]) -> list[ProposalRow]:
    """The proposals with each one's pledges and receipts (two queries for any number)."""
    ids = [p.id for p in proposals]
    pledged = dict(Pledge.objects.filter(proposal_id__in=ids).order_by()
                   .values_list("proposal_id").annotate(v=Sum("value_vnd")))
    received = dict(Payment.objects.filter(proposal_id__in=ids).order_by()
                    .values_list("proposal_id").annotate(v=Sum("amount_vnd")))
    return [ProposalRow(p, pledged.get(p.id) or 0, received.get(p.id) or 0) for p in proposals]


def proposal_rows(proposals: QuerySet[Proposal], page: object = 1
                  ) -> tuple[Page, list[ProposalRow]]:
    """One page of ``proposals`` with their money: four queries (count, page, pledges,
    payments) however long the page."""
    found = Paginator(proposals, PAGE_SIZE).get_page(page)
    return found, rows_for(list(found.object_list))
