"""A public alley project whose households include one that did not agree to be named,
for the site-wide privacy walk (feedback/tests/test_privacy.py) and the alleys tests."""

from __future__ import annotations

import json

from smartdistrict.accounts.models import User
from smartdistrict.alleys.models import Proposal, State
from smartdistrict.alleys.services import ballots, households, proposals
from smartdistrict.alleys.services.register import alley_upsert

LINE = [(106.7412, 10.8219), (106.7420, 10.8221), (106.7426, 10.8224)]  # in Bình Quới
NAMED = "Gia đình ông Đồng Ý"


def project_with_a_private_household(*, name: str, phone: str, officer: User) -> Proposal:
    """Approved, with money from the private household and from one named with consent."""
    alley = alley_upsert(name="Hẻm riêng tư 1", actor=officer,
                         geometry=json.dumps({"type": "LineString", "coordinates": LINE}))
    private = households.household_save(alley=alley, house_number="1/1", head_name=name,
                                        phone=phone, actor=officer)
    consenting = households.household_save(alley=alley, house_number="1/2", actor=officer,
                                           head_name="Người Đồng Ý", name_public=True,
                                           public_name=NAMED)
    proposal = proposals.proposal_create(alley=alley, title="Nâng cấp hẻm riêng tư",
                                         scope="Bê tông hóa mặt hẻm.", actor=officer)
    proposals.estimate_set(proposal=proposal, actor=officer,
                           items=[proposals.ItemInput("Bê tông", "1", 20_000_000)])
    proposals.split_set(proposal=proposal, state_budget_vnd=10_000_000,
                        households_vnd=10_000_000, sponsors_vnd=0, actor=officer)
    proposal = proposals.proposal_transition(
        proposal=proposal, actor=officer, change=proposals.TransitionInput(State.CONSULTATION))
    for household in (private, consenting):
        households.pledge_record(proposal=proposal, household=household, kind="money",
                                 value_vnd=5_000_000, actor=officer)
    opened = ballots.ballot_open(proposal=proposal, actor=officer)
    ballots.votes_record_meeting(ballot=opened.ballot, actor=officer,
                                 choices={private.id: "no", consenting.id: "yes"})
    ballots.ballot_close(ballot=opened.ballot, actor=officer)
    ballots.ballot_open(proposal=proposal, actor=officer, online=True)  # round 2, open
    return proposal
