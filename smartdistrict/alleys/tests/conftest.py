"""Fixtures of the alleys tests: an alley in Bình Quới, its households, a proposal ready
for the households, the ward's officer (all made through the services)."""

from __future__ import annotations

import json

import pytest

from smartdistrict.accounts.models import User
from smartdistrict.alleys.models import State
from smartdistrict.alleys.services.households import household_save
from smartdistrict.alleys.services.proposals import (
    ItemInput,
    TransitionInput,
    estimate_set,
    proposal_create,
    proposal_transition,
    split_set,
)
from smartdistrict.alleys.services.register import alley_upsert

# A short alley near the centre of phường Bình Quới (lon, lat), about 150 m long.
BINH_QUOI_LINE = [(106.7412, 10.8219), (106.7420, 10.8221), (106.7426, 10.8224)]
GIA_DINH_LINE = [(106.6985, 10.7980), (106.6995, 10.7984)]


def geojson(coords) -> str:
    return json.dumps({"type": "LineString", "coordinates": coords})


@pytest.fixture
def officer(db) -> User:
    return User.objects.get(username="canbo.binhquoi")


@pytest.fixture
def other_officer(db) -> User:
    return User.objects.get(username="canbo.giadinh")


@pytest.fixture
def make_alley(db, officer):
    def make(name="Hẻm 12 Bình Quới", coords=None, actor=None, **extra):
        return alley_upsert(name=name, geometry=geojson(coords or BINH_QUOI_LINE),
                            actor=actor or officer, **extra)

    return make


@pytest.fixture
def alley(make_alley):
    return make_alley(households=10, width_m="2.5", surface="earth")


@pytest.fixture
def add_households(officer):
    def add(alley, count: int, *, start: int = 1, **extra):
        return [
            household_save(alley=alley, house_number=f"12/{n}", head_name=f"Chủ hộ số {n}",
                           phone=f"09000000{n:02d}", actor=officer, **extra)
            for n in range(start, start + count)
        ]

    return add


@pytest.fixture
def make_proposal(officer):
    """A proposal with one item of ``estimate`` đồng and the split given."""

    def make(alley, *, estimate=100_000_000, state_budget=60_000_000, households=40_000_000,
             sponsors=0, consult=False):
        proposal = proposal_create(alley=alley, title=f"Nâng cấp {alley.name}",
                                   scope="Bê tông hóa mặt hẻm, làm cống thoát nước.",
                                   actor=officer)
        proposal = estimate_set(proposal=proposal, actor=officer, items=[
            ItemInput("Bê tông mặt hẻm", "1", estimate, "trọn gói")])
        proposal = split_set(proposal=proposal, state_budget_vnd=state_budget,
                             households_vnd=households, sponsors_vnd=sponsors, actor=officer)
        if consult:
            proposal = proposal_transition(
                proposal=proposal, actor=officer, change=TransitionInput(State.CONSULTATION))
        return proposal

    return make


SECRET_HOUSEHOLD = {"head_name": "Trương Thị Kín Đáo", "phone": "0987654321"}


@pytest.fixture
def project_in_works(alley, add_households, make_proposal, officer):
    """A project in works: 6 households (one named with consent, one secret), a passed
    ballot, pledges, two payments, an expense, a board member."""
    from smartdistrict.alleys.services import ballots, households, works

    people = add_households(alley, 4)
    secret = household_save(alley=alley, house_number="12/99", actor=officer,
                            **SECRET_HOUSEHOLD)
    named = household_save(alley=alley, house_number="12/50", head_name="Nguyễn Thị Lan",
                           name_public=True, public_name="Gia đình bà Lan", actor=officer)
    people += [secret, named]
    proposal = make_proposal(alley, consult=True)
    households.pledge_record(proposal=proposal, household=secret, kind="money",
                             value_vnd=9_000_000, actor=officer)
    households.pledge_record(proposal=proposal, household=named, kind="money",
                             value_vnd=7_000_000, actor=officer)
    opened = ballots.ballot_open(proposal=proposal, actor=officer)
    ballots.votes_record_meeting(ballot=opened.ballot, actor=officer,
                                 choices={h.id: "yes" for h in people[:5]})
    ballots.ballot_close(ballot=opened.ballot, actor=officer)
    proposal = proposal_transition(proposal=proposal, actor=officer, change=TransitionInput(
        State.APPROVED, decision_ref="21/QĐ-UBND", decision_date="2026-02-10"))
    households.payment_record(proposal=proposal, household=secret, amount_vnd=9_000_000,
                              actor=officer)
    households.payment_record(proposal=proposal, household=named, amount_vnd=7_000_000,
                              actor=officer)
    works.board_member_add(proposal=proposal, name="Lê Văn Giám Sát", role="head",
                           represents="front", actor=officer)
    proposal = proposal_transition(proposal=proposal, actor=officer,
                                   change=TransitionInput(State.WORKS))
    households.expense_record(proposal=proposal, description="Tạm ứng nhà thầu",
                              amount_vnd=5_000_000, source="community", actor=officer)
    return proposal
