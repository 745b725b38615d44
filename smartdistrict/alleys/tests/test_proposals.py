"""Proposals through the services: the register, the split, exemptions, pledges,
payments with receipts, accounts, acceptance closing the alley's reports."""

from __future__ import annotations

import pytest

from smartdistrict.alleys.models import Alley, ShareKind, Standing, State
from smartdistrict.alleys.selectors.accounts import accounts_of, household_shares
from smartdistrict.alleys.services import ballots
from smartdistrict.alleys.services.households import (
    exemption_set,
    expense_record,
    household_save,
    payment_record,
    pledge_record,
)
from smartdistrict.alleys.services.proposals import (
    ItemInput,
    TransitionInput,
    estimate_set,
    proposal_transition,
    split_set,
)
from smartdistrict.alleys.services.register import alley_upsert
from smartdistrict.alleys.tests.conftest import BINH_QUOI_LINE, GIA_DINH_LINE, geojson
from smartdistrict.core.errors import InvalidInput, PermissionDenied
from smartdistrict.feedback.models import Status
from smartdistrict.feedback.tests.conftest import create_report

pytestmark = pytest.mark.django_db


def test_the_alleys_ward_comes_from_geography_and_its_length_from_the_line(alley):
    assert alley.unit.code == "26911"  # Bình Quới
    assert 140 < alley.length_m < 170
    assert alley.min_lon == pytest.approx(106.7412) and alley.max_lat == pytest.approx(10.8224)


def test_an_officer_registers_only_alleys_of_his_ward(make_alley, other_officer):
    with pytest.raises(PermissionDenied):
        make_alley(actor=other_officer)
    alley = make_alley(name="Hẻm 5 Phan Đăng Lưu", coords=GIA_DINH_LINE, actor=other_officer)
    assert alley.unit.code == "26944"


@pytest.mark.parametrize("geometry", [
    "", "{", '{"type": "Point", "coordinates": [106.74, 10.82]}', "LINESTRING (1 2)",
    "POLYGON ((0 0, 1 0, 1 1, 0 0))", geojson([(10.82, 106.74), (10.83, 106.75)]),
    geojson([(106.74, 10.82), (106.74, 10.82)]), geojson([(106.0, 10.0), (107.0, 11.0)]),
])
def test_a_bad_line_is_refused_with_a_reason(make_alley, geometry):
    with pytest.raises(InvalidInput) as refused:
        alley_upsert(name="Hẻm thử", geometry=geometry, check_actor=False)
    assert refused.value.field == "geometry"
    assert not Alley.objects.filter(name="Hẻm thử").exists()


def test_a_wkt_line_is_read_too(officer):
    wkt = "LINESTRING (" + ", ".join(f"{x} {y}" for x, y in BINH_QUOI_LINE) + ")"
    alley = alley_upsert(name="Hẻm WKT", geometry=wkt, actor=officer)
    assert '"LineString"' in alley.geometry


def test_households_are_consulted_only_when_the_split_adds_up(alley, add_households,
                                                               make_proposal, officer):
    add_households(alley, 3)
    proposal = make_proposal(alley, estimate=100_000_000, state_budget=50_000_000,
                             households=40_000_000)
    with pytest.raises(InvalidInput) as refused:
        proposal_transition(proposal=proposal, actor=officer,
                            change=TransitionInput(State.CONSULTATION))
    assert refused.value.code == "split_does_not_add_up"
    split_set(proposal=proposal, state_budget_vnd="60.000.000", households_vnd="40,000,000",
              sponsors_vnd=0, actor=officer)
    proposal = proposal_transition(proposal=proposal, actor=officer,
                                   change=TransitionInput(State.CONSULTATION))
    assert proposal.state == State.CONSULTATION
    with pytest.raises(InvalidInput):  # the estimate is frozen once households are asked
        estimate_set(proposal=proposal, actor=officer, items=[ItemInput("Khác", "1", 5)])


def test_the_estimate_is_the_sum_of_its_items(alley, make_proposal, officer):
    proposal = make_proposal(alley)
    proposal = estimate_set(proposal=proposal, actor=officer, items=[
        ItemInput("Bê tông xi măng mác 250", "120.5", 450_000, "m²"),
        ItemInput("Cống thoát nước D400", "60", 1_200_000, "m"),
    ])
    assert proposal.estimate_vnd == 54_225_000 + 72_000_000
    assert [i.amount_vnd for i in proposal.items.all()] == [54_225_000, 72_000_000]
    with pytest.raises(InvalidInput):
        estimate_set(proposal=proposal, actor=officer, items=[ItemInput("", "1", 1)])
    with pytest.raises(InvalidInput):
        estimate_set(proposal=proposal, actor=officer, items=[ItemInput("x", "-1", 1)])
    with pytest.raises(InvalidInput):
        estimate_set(proposal=proposal, actor=officer, items=[ItemInput("x", "1", "abc")])
    proposal.refresh_from_db()
    assert proposal.estimate_vnd == 126_225_000  # refused changes left it as it was


def test_exemptions_for_poor_and_policy_households(alley, add_households, make_proposal,
                                                   officer):
    households = add_households(alley, 5)
    household_save(alley=alley, household=households[1], house_number="12/2",
                   head_name="Chủ hộ số 2", standing=Standing.POOR, actor=officer)
    proposal = make_proposal(alley, estimate=100_000_000, state_budget=80_000_000,
                             households=20_000_000)
    exemption_set(proposal=proposal, household=households[1], kind=ShareKind.EXEMPT,
                  reason="Hộ nghèo theo danh sách của phường", actor=officer)
    exemption_set(proposal=proposal, household=households[2], kind=ShareKind.REDUCED,
                  reason="Gia đình chính sách", actor=officer)
    shares = {row.household.house_number: row.share_vnd for row in household_shares(proposal)}
    assert shares["12/2"] == 0
    assert shares["12/3"] == pytest.approx(shares["12/1"] / 2, abs=1000)  # thousands
    assert sum(shares.values()) == 20_000_000
    for full in ("12/1", "12/4", "12/5"):  # 20,000,000 / 3.5 full shares
        assert shares[full] == pytest.approx(5_714_286, abs=1000)
    exemption_set(proposal=proposal, household=households[2], kind=ShareKind.FULL,
                  reason="", actor=officer)
    assert {r.household.house_number: r.kind for r in household_shares(proposal)}["12/3"] == "full"
    for household in households:
        exemption_set(proposal=proposal, household=household, kind=ShareKind.EXEMPT,
                      reason="thử", actor=officer)
    with pytest.raises(InvalidInput) as all_exempt:
        proposal_transition(proposal=proposal, actor=officer,
                            change=TransitionInput(State.CONSULTATION))
    assert all_exempt.value.code == "all_exempt"


def approved(proposal, households, officer):
    if proposal.state == State.DRAFT:
        proposal = proposal_transition(proposal=proposal, actor=officer,
                                       change=TransitionInput(State.CONSULTATION))
    opened = ballots.ballot_open(proposal=proposal, actor=officer)
    ballots.votes_record_meeting(ballot=opened.ballot, actor=officer,
                                 choices={h.id: "yes" for h in households})
    ballots.ballot_close(ballot=opened.ballot, actor=officer)
    return proposal_transition(proposal=proposal, actor=officer, change=TransitionInput(
        State.APPROVED, decision_ref="15/QĐ-UBND", decision_date="2026-04-01"))


def test_pledges_payments_and_the_public_accounts(alley, add_households, make_proposal,
                                                  officer):
    households = add_households(alley, 4)
    household_save(alley=alley, household=households[0], house_number="12/1",
                   head_name="Nguyễn Thị Lan", name_public=True,
                   public_name="Gia đình bà Lan", actor=officer)
    proposal = make_proposal(alley, estimate=100_000_000, state_budget=50_000_000,
                             households=40_000_000, sponsors=10_000_000, consult=True)
    pledge_record(proposal=proposal, household=households[0], kind="money",
                  value_vnd=10_000_000, actor=officer)
    pledge_record(proposal=proposal, household=households[1], kind="land", land_m2="3.5",
                  value_vnd=0, description="Hiến 3,5 m² đất mở rộng hẻm", actor=officer)
    pledge_record(proposal=proposal, household=households[2], kind="labour",
                  value_vnd=1_500_000, description="5 ngày công", actor=officer)
    pledge_record(proposal=proposal, sponsor_name="Công ty Xây dựng Bình Quới",
                  kind="materials", value_vnd=10_000_000, description="Xi măng, cát",
                  actor=officer)
    with pytest.raises(InvalidInput):
        pledge_record(proposal=proposal, kind="money", value_vnd=5, actor=officer)
    with pytest.raises(InvalidInput):  # money before approval is not collected
        payment_record(proposal=proposal, household=households[0], amount_vnd=1,
                       actor=officer)
    proposal = approved(proposal, households, officer)
    first = payment_record(proposal=proposal, household=households[0],
                           amount_vnd="10.000.000", actor=officer)
    second = payment_record(proposal=proposal, household=households[3], amount_vnd=5_000_000,
                            method="transfer", actor=officer)
    assert first.receipt_number.endswith("-0001") and second.receipt_number.endswith("-0002")
    proposal = proposal_transition(proposal=proposal, actor=officer,
                                   change=TransitionInput(State.WORKS))
    expense_record(proposal=proposal, description="Tạm ứng nhà thầu", amount_vnd=12_000_000,
                   source="community", actor=officer)
    expense_record(proposal=proposal, description="Cống thoát nước", amount_vnd=30_000_000,
                   source="state", actor=officer)
    accounts = accounts_of(proposal)
    assert accounts.pledged_money_vnd == 10_000_000
    assert accounts.pledged_in_kind_vnd == 11_500_000 and accounts.land_m2 == 3.5
    assert accounts.received_vnd == 15_000_000 and accounts.paying_households == 2
    assert accounts.spent_state_vnd == 30_000_000 and accounts.spent_community_vnd == 12_000_000
    assert accounts.community_balance_vnd == 3_000_000
    assert accounts.collected_percent == 30.0
    # Named: only the household that agreed, by the name it chose (sponsor did not agree).
    assert accounts.named == ["Gia đình bà Lan"]


def test_accepting_the_works_resolves_the_alleys_open_reports(alley, add_households,
                                                             make_proposal, officer):
    households = add_households(alley, 3)
    near = create_report(category="hu-hong-duong", lat=10.82205, lon=106.7419,
                         description="Mặt hẻm lún sụt, nhiều ổ gà sâu.")[0]
    flooding = create_report(category="ngap-nuoc", lat=10.82225, lon=106.74235,
                             description="Hẻm ngập sâu mỗi khi mưa lớn.")[0]
    noise = create_report(category="tieng-on", lat=10.82205, lon=106.7419,
                          description="Karaoke mở rất to sau 23 giờ.")[0]
    far = create_report(category="hu-hong-duong", lat=10.8245, lon=106.7419,
                        description="Đường xa hẻm này bị vỡ mặt.")[0]
    proposal = approved(make_proposal(alley), households, officer)
    proposal = proposal_transition(proposal=proposal, actor=officer,
                                   change=TransitionInput(State.WORKS))
    with pytest.raises(InvalidInput):  # the acceptance minutes are needed
        proposal_transition(proposal=proposal, actor=officer,
                            change=TransitionInput(State.ACCEPTED))
    proposal = proposal_transition(proposal=proposal, actor=officer, change=TransitionInput(
        State.ACCEPTED, accepted_on="2026-06-30", acceptance_ref="BB nghiệm thu 03/2026"))
    assert proposal.progress_percent == 100
    for report in (near, flooding, noise, far):
        report.refresh_from_db()
    assert near.status == flooding.status == Status.RESOLVED
    assert noise.status == far.status == Status.NEW
    note = near.events.filter(to_status=Status.RESOLVED).get().note
    assert proposal.code.upper() in note and "30/06/2026" in note
    closed = proposal.events.get(kind="reports_closed").note
    assert near.code in closed and flooding.code in closed and far.code not in closed


def test_a_closed_proposal_needs_a_note(alley, add_households, make_proposal, officer):
    households = add_households(alley, 2)
    proposal = approved(make_proposal(alley), households, officer)
    for change in (TransitionInput(State.WORKS),
                   TransitionInput(State.ACCEPTED, acceptance_ref="BB 1")):
        proposal = proposal_transition(proposal=proposal, actor=officer, change=change)
    with pytest.raises(InvalidInput) as refused:
        proposal_transition(proposal=proposal, actor=officer, change=TransitionInput(State.CLOSED))
    assert refused.value.code == "note_required"
    with pytest.raises(InvalidInput):
        proposal_transition(proposal=proposal, actor=officer, change=TransitionInput(State.DRAFT))
