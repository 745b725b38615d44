"""Reads of proposals: the public list and page, staff lists within scope, ballots."""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from smartdistrict.accounts.models import User
from smartdistrict.accounts.selectors import Scope, scope_for
from smartdistrict.alleys.ballot_rule import Tally
from smartdistrict.alleys.models import Ballot, Choice, Proposal, ProposalEvent, State
from smartdistrict.core.errors import NotFound


def public_proposals(*, unit_id: int | None = None) -> QuerySet[Proposal]:
    """Every proposal past its draft, newest first (its alley and ward joined)."""
    found = (Proposal.objects.exclude(state=State.DRAFT)
             .select_related("alley", "alley__unit").order_by("-created_at", "-id"))
    if unit_id is not None:
        found = found.filter(alley__unit_id=unit_id)
    return found


def public_proposal(code: str) -> Proposal:
    proposal = (
        public_proposals().filter(code=code)
        .prefetch_related("items", "board", "photos",
                          Prefetch("events", ProposalEvent.objects.filter(public=True)
                                   .order_by("created_at", "id"), to_attr="public_events"))
        .first()
    )
    if proposal is None:
        raise NotFound()
    return proposal


def proposals_in(scope: Scope) -> QuerySet[Proposal]:
    return scope.filter(
        Proposal.objects.select_related("alley", "alley__unit").order_by("-created_at", "-id"),
        unit_field="alley__unit",
    )


def proposal_for(user: User, code: str) -> Proposal:
    proposal = (
        proposals_in(scope_for(user)).filter(code=code)
        .prefetch_related("items", "board", "photos", "events")
        .first()
    )
    if proposal is None:
        raise NotFound()
    return proposal


def tally_of(ballot: Ballot) -> Tally:
    """The counts of one ballot (one query)."""
    counts = ballot.votes.aggregate(
        eligible=Count("id"), yes=Count("id", filter=Q(choice=Choice.YES)),
        no=Count("id", filter=Q(choice=Choice.NO)),
        abstain=Count("id", filter=Q(choice=Choice.ABSTAIN)),
    )
    return Tally(threshold_percent=ballot.threshold_percent, **counts)


@dataclass(frozen=True)
class BallotView:
    ballot: Ballot
    tally: Tally

    @property
    def show_result(self) -> bool:
        """Totals are shown once the ballot closes; while open, only how many voted."""
        return not self.ballot.is_open


def latest_ballot(proposal: Proposal) -> BallotView | None:
    ballot = proposal.ballots.order_by("-number").first()
    return BallotView(ballot, tally_of(ballot)) if ballot else None


def proposals_geojson(proposals: list[Proposal], *, language: str = "vi") -> dict:
    """The alleys of ``proposals`` as a FeatureCollection for the maps."""
    features = []
    for proposal in proposals:
        alley = proposal.alley
        features.append({
            "type": "Feature",
            "geometry": json.loads(alley.geometry),
            "properties": {
                "code": proposal.code, "alley": alley.name, "title": proposal.title,
                "state": proposal.state, "state_label": str(State(proposal.state).label),
                "ward": (alley.unit.name_en or alley.unit.name) if language.startswith("en")
                else alley.unit.name,
                "approximate": alley.location_approximate,
            },
        })
    return {"type": "FeatureCollection", "features": features}


def latest_tallies(proposal_ids: list[int]) -> dict[int, Tally]:
    """The tally of each proposal's latest ballot (two queries for any number)."""
    latest: dict[int, Ballot] = {}
    for ballot in Ballot.objects.filter(proposal_id__in=proposal_ids).order_by(
            "proposal_id", "-number"):
        latest.setdefault(ballot.proposal_id, ballot)
    by_ballot = {b.id: b for b in latest.values()}
    counts = (
        Ballot.objects.filter(id__in=list(by_ballot)).values("id").annotate(
            eligible=Count("votes"), yes=Count("votes", filter=Q(votes__choice=Choice.YES)),
            no=Count("votes", filter=Q(votes__choice=Choice.NO)),
            abstain=Count("votes", filter=Q(votes__choice=Choice.ABSTAIN)))
    )
    return {
        by_ballot[row["id"]].proposal_id: Tally(
            eligible=row["eligible"], yes=row["yes"], no=row["no"], abstain=row["abstain"],
            threshold_percent=by_ballot[row["id"]].threshold_percent)
        for row in counts
    }
