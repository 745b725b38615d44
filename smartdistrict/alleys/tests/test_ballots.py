"""The households' ballot through the services: meeting and online votes, the threshold
on all households, households that did not vote, reopening, and approval."""

from __future__ import annotations

import pytest
from django.test import override_settings

from smartdistrict.alleys.models import Ballot, Choice, State, Vote
from smartdistrict.alleys.services import ballots
from smartdistrict.alleys.services.proposals import TransitionInput, proposal_transition
from smartdistrict.core.errors import InvalidInput, NotFound, PermissionDenied

pytestmark = pytest.mark.django_db


@pytest.fixture
def consulting(alley, add_households, make_proposal):
    households = add_households(alley, 10)
    return make_proposal(alley, consult=True), households


def meeting(ballot, households, choices, officer):
    return ballots.votes_record_meeting(
        ballot=ballot, actor=officer,
        choices={h.id: c for h, c in zip(households, choices, strict=False)},
    )


def test_exactly_half_does_not_pass_and_one_more_does(consulting, officer):
    proposal, households = consulting
    opened = ballots.ballot_open(proposal=proposal, actor=officer)
    meeting(opened.ballot, households, ["yes"] * 5 + ["no"] * 5, officer)
    result = ballots.ballot_close(ballot=opened.ballot, actor=officer)
    assert (result.yes, result.eligible, result.passed) == (5, 10, False)

    second = ballots.ballot_open(proposal=proposal, actor=officer).ballot
    assert second.number == 2
    meeting(second, households, ["yes"] * 6 + ["no"] * 4, officer)
    assert ballots.ballot_close(ballot=second, actor=officer).passed
    second.refresh_from_db()
    assert second.passed is True and second.threshold_percent == 50


def test_households_that_stay_away_count_as_not_in_favour(consulting, officer):
    proposal, households = consulting
    opened = ballots.ballot_open(proposal=proposal, actor=officer)
    # 5 of the 6 present approve: a large majority of those present, half of all.
    meeting(opened.ballot, households[:6], ["yes"] * 5 + ["no"], officer)
    result = ballots.ballot_close(ballot=opened.ballot, actor=officer)
    assert result.not_voted == 4 and not result.passed
    proposal.refresh_from_db()
    note = proposal.events.filter(kind="ballot").last().note
    assert "4 did not vote" in note or "4 hộ không biểu quyết" in note


def test_a_reopened_ballot_keeps_its_votes_and_takes_the_missing_ones(consulting, officer):
    proposal, households = consulting
    opened = ballots.ballot_open(proposal=proposal, actor=officer, online=True)
    assert len(opened.codes) == 10 and all(len(c.code) == 9 for c in opened.codes)
    meeting(opened.ballot, households[:5], ["yes"] * 5, officer)
    assert not ballots.ballot_close(ballot=opened.ballot, actor=officer).passed
    with pytest.raises(InvalidInput):  # closed: codes do not work
        ballots.vote_cast_online(code=opened.codes[7].code, choice="yes")

    with pytest.raises(InvalidInput):
        ballots.ballot_reopen(ballot=opened.ballot, reason="", actor=officer)
    ballots.ballot_reopen(ballot=opened.ballot, reason="Phát phiếu cho hộ vắng họp.",
                          actor=officer)
    codes = {c.household.id: c.code for c in opened.codes}
    # A household that voted at the meeting cannot vote again online.
    with pytest.raises(InvalidInput) as used:
        ballots.vote_cast_online(code=codes[households[0].id], choice="no")
    assert used.value.code == "code_used"
    ballots.vote_cast_online(code=codes[households[5].id].lower().replace("-", " "),
                             choice="yes")
    result = ballots.ballot_close(ballot=opened.ballot, actor=officer)
    assert (result.yes, result.passed) == (6, True)
    ballot = Ballot.objects.get(pk=opened.ballot.pk)
    assert ballot.reopened == 1 and ballot.passed is True
    assert Vote.objects.get(ballot=ballot, household=households[0]).choice == Choice.YES


def test_a_code_votes_once_and_wrong_codes_say_so(consulting, officer):
    proposal, _households = consulting
    opened = ballots.ballot_open(proposal=proposal, actor=officer, online=True)
    code = opened.codes[0].code
    ballots.vote_cast_online(code=code, choice="abstain")
    with pytest.raises(InvalidInput) as again:
        ballots.vote_cast_online(code=code, choice="yes")
    assert again.value.code == "code_used"
    with pytest.raises(InvalidInput) as wrong:
        ballots.vote_cast_online(code="AAAA-AAAA", choice="yes")
    assert wrong.value.code == "code_invalid"
    with pytest.raises(InvalidInput):
        ballots.vote_cast_online(code=opened.codes[1].code, choice="maybe")
    # Only hashes are stored.
    assert not Vote.objects.filter(code_hash__icontains=code.replace("-", "")).exists()


def test_a_reissued_code_replaces_the_lost_one(consulting, officer):
    proposal, _households = consulting
    opened = ballots.ballot_open(proposal=proposal, actor=officer, online=True)
    vote = Vote.objects.get(ballot=opened.ballot, household=opened.codes[2].household)
    new = ballots.code_reissue(vote=vote, actor=officer)
    with pytest.raises(InvalidInput):
        ballots.vote_cast_online(code=opened.codes[2].code, choice="yes")
    ballots.vote_cast_online(code=new.code, choice="yes")


def test_the_group_heads_link_enters_meeting_votes(consulting, officer):
    proposal, households = consulting
    opened = ballots.ballot_open(proposal=proposal, actor=officer, meeting_link=True,
                                 group_head_name="Trần Văn Tổ")
    assert opened.meeting_key
    found = ballots.ballot_for_meeting_key(opened.meeting_key)
    recorded = ballots.votes_record_meeting(
        ballot=found, group_head_key=opened.meeting_key,
        choices={households[0].id: "yes", households[1].id: "no"})
    assert recorded.recorded == 2
    again = ballots.votes_record_meeting(ballot=found, group_head_key=opened.meeting_key,
                                         choices={households[0].id: "no"})
    assert (again.recorded, again.already) == (0, 1)  # a vote is not changed
    vote = Vote.objects.get(ballot=found, household=households[0])
    assert vote.choice == "yes" and "Trần Văn Tổ" in vote.recorded_by_label
    with pytest.raises(NotFound):
        ballots.votes_record_meeting(ballot=found, group_head_key="wrong",
                                     choices={households[2].id: "yes"})
    ballots.ballot_close(ballot=found, actor=officer)
    with pytest.raises(NotFound):
        ballots.ballot_for_meeting_key(opened.meeting_key)


def test_approval_needs_a_passed_ballot_and_the_wards_decision(consulting, officer):
    proposal, households = consulting
    change = TransitionInput(State.APPROVED, decision_ref="Số 12/QĐ-UBND",
                             decision_date="2026-03-02")
    with pytest.raises(InvalidInput) as early:
        proposal_transition(proposal=proposal, change=change, actor=officer)
    assert early.value.code == "ballot_not_passed"
    opened = ballots.ballot_open(proposal=proposal, actor=officer)
    meeting(opened.ballot, households, ["yes"] * 8, officer)
    with pytest.raises(InvalidInput):  # still open
        proposal_transition(proposal=proposal, change=change, actor=officer)
    ballots.ballot_close(ballot=opened.ballot, actor=officer)
    with pytest.raises(InvalidInput):  # no decision number
        proposal_transition(proposal=proposal, actor=officer,
                            change=TransitionInput(State.APPROVED, decision_date="2026-03-02"))
    proposal = proposal_transition(proposal=proposal, change=change, actor=officer)
    assert proposal.state == State.APPROVED and proposal.decision_ref == "Số 12/QĐ-UBND"


@override_settings(ALLEYS_APPROVAL_PERCENT=75)
def test_the_threshold_is_a_setting(consulting, officer):
    proposal, households = consulting
    opened = ballots.ballot_open(proposal=proposal, actor=officer)
    meeting(opened.ballot, households, ["yes"] * 7, officer)
    result = ballots.ballot_close(ballot=opened.ballot, actor=officer)
    assert result.threshold_percent == 75 and result.needed == 8 and not result.passed


def test_no_household_is_added_while_a_ballot_is_open(consulting, officer, add_households):
    proposal, _households = consulting
    ballots.ballot_open(proposal=proposal, actor=officer)
    with pytest.raises(InvalidInput):
        add_households(proposal.alley, 1, start=50)


def test_another_wards_officer_cannot_run_the_ballot(consulting, other_officer):
    proposal, _households = consulting
    with pytest.raises(PermissionDenied):
        ballots.ballot_open(proposal=proposal, actor=other_officer)


def test_a_revised_plan_needs_a_new_ballot(consulting, officer, add_households):
    proposal, households = consulting
    opened = ballots.ballot_open(proposal=proposal, actor=officer)
    meeting(opened.ballot, households, ["yes"] * 10, officer)
    ballots.ballot_close(ballot=opened.ballot, actor=officer)
    proposal = proposal_transition(proposal=proposal, actor=officer, change=TransitionInput(
        State.DRAFT, note="Sửa dự toán theo góp ý của các hộ."))
    proposal = proposal_transition(proposal=proposal, actor=officer,
                                   change=TransitionInput(State.CONSULTATION))
    change = TransitionInput(State.APPROVED, decision_ref="Số 3/QĐ-UBND",
                             decision_date="2026-05-02")
    with pytest.raises(InvalidInput) as stale:  # the old ballot voted on the old plan
        proposal_transition(proposal=proposal, change=change, actor=officer)
    assert stale.value.code == "ballot_not_passed"
    added = add_households(proposal.alley, 1, start=70)
    second = ballots.ballot_open(proposal=proposal, actor=officer).ballot
    meeting(second, [*households, *added], ["yes"] * 11, officer)
    ballots.ballot_close(ballot=second, actor=officer)
    assert proposal_transition(proposal=proposal, change=change, actor=officer).state == "approved"


def test_households_added_after_the_ballot_must_be_asked(consulting, officer, add_households):
    proposal, households = consulting
    opened = ballots.ballot_open(proposal=proposal, actor=officer)
    meeting(opened.ballot, households, ["yes"] * 10, officer)
    ballots.ballot_close(ballot=opened.ballot, actor=officer)
    add_households(proposal.alley, 1, start=80)
    with pytest.raises(InvalidInput) as outdated:
        proposal_transition(proposal=proposal, actor=officer, change=TransitionInput(
            State.APPROVED, decision_ref="Số 4/QĐ-UBND", decision_date="2026-05-02"))
    assert outdated.value.code == "ballot_outdated"
