"""The demo: illustrative alleys in the five Bình Thạnh wards, proposals in different
states through the services, one fully funded by residents; loading twice adds nothing."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from smartdistrict.alleys.demo import seed_alleys
from smartdistrict.alleys.models import Alley, Ballot, Proposal, State
from smartdistrict.alleys.money import Split
from smartdistrict.alleys.policy import GOING_AHEAD

pytestmark = pytest.mark.django_db


def test_the_demo_covers_the_five_wards_and_the_states(capsys):
    call_command("seed_alleys")
    assert "illustrative" in capsys.readouterr().out
    alleys = Alley.objects.select_related("unit")
    assert {a.unit.code for a in alleys} == {"26905", "26911", "26929", "26944", "26956"}
    assert all(a.illustrative and a.location_approximate for a in alleys)
    proposals = Proposal.objects.all()
    assert all(p.illustrative for p in proposals)
    assert {p.state for p in proposals} == {
        State.DRAFT, State.CONSULTATION, State.APPROVED, State.WORKS, State.ACCEPTED,
        State.REJECTED}
    funded = [p for p in proposals.filter(state__in=GOING_AHEAD)
              if Split(p.estimate_vnd, p.state_budget_vnd, p.households_vnd,
                       p.sponsors_vnd).resident_funded]
    assert [p.alley.name for p in funded] == ["Hẻm 74 Nguyễn Khuyến"]
    assert funded[0].estimate_vnd == 110_000_000 and funded[0].state == State.ACCEPTED
    closed = funded[0].events.get(kind="reports_closed").note  # its reports were resolved
    assert closed.count("HCM-") == 2
    assert Ballot.objects.filter(closed_at__isnull=True).count() == 1  # Gia Định is voting
    works = proposals.get(state=State.WORKS)
    assert works.photos.count() == 2 and works.progress_percent == 60
    before = (Alley.objects.count(), Proposal.objects.count())
    seed_alleys()
    assert (Alley.objects.count(), Proposal.objects.count()) == before
