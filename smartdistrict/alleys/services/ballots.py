"""The households' ballot: open, vote (meeting or one-time code), close, reopen.

One-time codes and the group head's meeting link are random, handed over once and kept
only as keyed hashes (HMAC-SHA256 with the deployment's SECRET_KEY): a copy of the
database cannot vote. A household votes once per ballot; its choice is never shown to
anyone else (pages and the API show only totals, and those only once the ballot closes).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from smartdistrict.accounts.models import User
from smartdistrict.alleys import policy
from smartdistrict.alleys.ballot_rule import Tally
from smartdistrict.alleys.models import (
    Ballot,
    Channel,
    Choice,
    EventKind,
    Household,
    Proposal,
    Vote,
)
from smartdistrict.alleys.selectors.proposals import tally_of
from smartdistrict.alleys.services.common import date_of, editable, event, require_actor, text
from smartdistrict.core.errors import InvalidInput, NotFound

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud, typed by hand
CODE_LENGTH = 8


def _keyed_hash(kind: str, raw: str) -> str:
    key = f"smartdistrict.alleys.{kind}:{settings.SECRET_KEY}".encode()
    return hmac.new(key, raw.encode(), hashlib.sha256).hexdigest()


def normalise_code(raw: str) -> str:
    return re.sub(r"[^A-Z0-9]", "", (raw or "").upper())


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


@dataclass(frozen=True)
class IssuedCode:
    """A household's one-time code, to hand over now: it is not kept."""

    household: Household
    code: str


@dataclass(frozen=True)
class Opened:
    ballot: Ballot
    codes: list[IssuedCode]
    meeting_key: str  # the group head's link key, shown once ("" when not asked for)


@transaction.atomic
def ballot_open(
    *, proposal: Proposal, actor: User | None, online: bool = False,
    meeting_date: object = None, group_head_name: str = "", meeting_link: bool = False,
    check_actor: bool = True,
) -> Opened:
    """A new round listing every household of the alley now; codes when ``online``."""
    proposal = editable(proposal, actor=actor, states=policy.BALLOT_STATES,
                        what=_("The ballot"), check_actor=check_actor)
    if proposal.ballots.filter(closed_at__isnull=True).exists():
        raise InvalidInput(_("A ballot is already open."), field="ballot", code="ballot_open")
    households = list(proposal.alley.household_records.order_by("house_number", "id"))
    if not households:
        raise InvalidInput(_("List the households along the alley first."), field="households")
    number = (proposal.ballots.aggregate(n=Max("number"))["n"] or 0) + 1
    meeting_key = secrets.token_urlsafe(24) if meeting_link else ""
    ballot = Ballot.objects.create(
        proposal=proposal, number=number, online=online,
        threshold_percent=Decimal(str(settings.ALLEYS_APPROVAL_PERCENT)).quantize(Decimal("0.01")),
        meeting_date=date_of(meeting_date, field="meeting_date"),
        group_head_name=text(group_head_name, field="group_head_name", limit=120),
        meeting_key_hash=_keyed_hash("meeting", meeting_key) if meeting_key else "",
        opened_at=timezone.now(), opened_by=actor,
    )
    codes = []
    votes = []
    for household in households:
        code = _new_code() if online else ""
        if code:
            codes.append(IssuedCode(household, code))
        votes.append(Vote(ballot=ballot, household=household,
                          code_hash=_keyed_hash("vote", normalise_code(code)) if code else ""))
    Vote.objects.bulk_create(votes)
    event(proposal, EventKind.BALLOT, actor=actor,
          note=_("Households' ballot no. %(number)d opened for %(count)d households%(online)s.")
          % {"number": number, "count": len(households),
             "online": _(", online with one-time codes") if online else ""})
    return Opened(ballot, codes, meeting_key)


@transaction.atomic
def code_reissue(*, vote: Vote, actor: User | None) -> IssuedCode:
    """A new code for a household that lost its own (the old one stops working)."""
    ballot = Ballot.objects.select_for_update().select_related("proposal__alley").get(
        pk=vote.ballot_id)
    require_actor(actor, ballot.proposal.alley.unit_id)
    vote = Vote.objects.select_for_update().select_related("household").get(pk=vote.pk)
    if not ballot.online or not ballot.is_open or vote.choice:
        raise InvalidInput(_("This household cannot be given a new code."), field="vote")
    code = _new_code()
    vote.code_hash = _keyed_hash("vote", normalise_code(code))
    vote.save(update_fields=["code_hash"])
    return IssuedCode(vote.household, code)


def ballot_for_meeting_key(key: str) -> Ballot:
    """The open ballot whose group-head link carries ``key``; NotFound otherwise."""
    ballot = (
        Ballot.objects.select_related("proposal__alley")
        .filter(meeting_key_hash=_keyed_hash("meeting", key or ""), closed_at__isnull=True)
        .exclude(meeting_key_hash="").first()
    )
    if ballot is None:
        raise NotFound(_("This link is not valid, or the ballot has closed."))
    return ballot


@dataclass(frozen=True)
class Recorded:
    recorded: int
    already: int  # households whose vote was already in: left as they were


@transaction.atomic
def votes_record_meeting(
    *, ballot: Ballot, choices: Mapping[int, str], actor: User | None = None,
    group_head_key: str = "",
) -> Recorded:
    """Votes given at the meeting, by household id. Entered by a ward officer, or by the
    residential group head through the meeting link (``group_head_key``)."""
    ballot = Ballot.objects.select_for_update().select_related("proposal__alley").get(
        pk=ballot.pk)
    if group_head_key:
        if ballot.meeting_key_hash != _keyed_hash("meeting", group_head_key):
            raise NotFound(_("This link is not valid, or the ballot has closed."))
        label = _("residential group head %(name)s") % {"name": ballot.group_head_name}
        actor = None
    else:
        actor = require_actor(actor, ballot.proposal.alley.unit_id)
        label = actor.get_full_name() or actor.username
    if not ballot.is_open:
        raise InvalidInput(_("The ballot is closed."), field="ballot", code="ballot_closed")
    wanted = {int(h): c for h, c in choices.items() if c}
    if any(c not in Choice.values for c in wanted.values()):
        raise InvalidInput(_("Choose one of the listed values."), field="choice")
    votes = list(Vote.objects.select_for_update().filter(ballot=ballot,
                                                         household_id__in=list(wanted)))
    if len(votes) != len(wanted):
        raise InvalidInput(_("A household is not on this ballot's list."), field="household")
    now, recorded, already = timezone.now(), 0, 0
    for vote in votes:
        if vote.choice:
            already += 1
            continue
        vote.choice = wanted[vote.household_id]
        vote.channel, vote.recorded_at = Channel.MEETING, now
        vote.recorded_by, vote.recorded_by_label = actor, label
        vote.save(update_fields=["choice", "channel", "recorded_at", "recorded_by",
                                 "recorded_by_label"])
        recorded += 1
    return Recorded(recorded, already)


def vote_for_code(code: str) -> Vote:
    """The vote slot a one-time code opens (for the voting page); a clear error otherwise."""
    vote = (
        Vote.objects.select_related("ballot__proposal__alley", "household")
        .filter(code_hash=_keyed_hash("vote", normalise_code(code)))
        .exclude(code_hash="").first()
    )
    if vote is None or len(normalise_code(code)) != CODE_LENGTH:
        raise InvalidInput(_("This code is not valid. Check it against your slip."),
                           field="code", code="code_invalid")
    if not vote.ballot.is_open:
        raise InvalidInput(_("This ballot is closed."), field="code", code="ballot_closed")
    if vote.choice:
        raise InvalidInput(_("Your household has already voted with this code."),
                           field="code", code="code_used")
    return vote


@transaction.atomic
def vote_cast_online(*, code: str, choice: str) -> Vote:
    if choice not in Choice.values:
        raise InvalidInput(_("Choose in favour, against or no opinion."), field="choice")
    found = vote_for_code(code)
    vote = Vote.objects.select_for_update().get(pk=found.pk)
    ballot = Ballot.objects.select_for_update().get(pk=vote.ballot_id)
    if vote.choice or not ballot.is_open:  # a second tab, or closed meanwhile
        raise InvalidInput(_("Your household has already voted with this code."),
                           field="code", code="code_used")
    vote.choice, vote.channel, vote.recorded_at = choice, Channel.ONLINE, timezone.now()
    vote.save(update_fields=["choice", "channel", "recorded_at"])
    return vote


def _result_note(tally: Tally) -> str:
    verdict = _("passed") if tally.passed else _("not passed")
    return _(
        "Ballot closed: %(yes)d of %(eligible)d households in favour (%(share)s%%), %(no)d "
        "against, %(abstain)d without opinion, %(missing)d did not vote. Needed: more than "
        "%(threshold)s%% of all households (%(needed)d). Result: %(verdict)s."
    ) % {
        "yes": tally.yes, "eligible": tally.eligible,
        "share": number_format(tally.yes_percent, decimal_pos=1),
        "no": tally.no, "abstain": tally.abstain, "missing": tally.not_voted,
        "threshold": f"{tally.threshold_percent.normalize():f}", "needed": tally.needed,
        "verdict": verdict,
    }


@transaction.atomic
def ballot_close(*, ballot: Ballot, actor: User | None, check_actor: bool = True) -> Tally:
    ballot = Ballot.objects.select_for_update().select_related("proposal__alley").get(
        pk=ballot.pk)
    if check_actor:
        require_actor(actor, ballot.proposal.alley.unit_id)
    if not ballot.is_open:
        raise InvalidInput(_("The ballot is closed."), field="ballot", code="ballot_closed")
    tally = tally_of(ballot)
    ballot.closed_at, ballot.passed = timezone.now(), tally.passed
    ballot.save(update_fields=["closed_at", "passed"])
    event(ballot.proposal, EventKind.BALLOT, actor=actor, note=_result_note(tally))
    return tally


@transaction.atomic
def ballot_reopen(*, ballot: Ballot, reason: str, actor: User | None) -> Ballot:
    """Let the households that have not voted vote (e.g. a ballot for those absent from
    the meeting); the votes already in stay. Only the latest round, while consulting."""
    ballot = Ballot.objects.select_for_update().select_related("proposal__alley").get(
        pk=ballot.pk)
    proposal = editable(ballot.proposal, actor=actor, states=policy.BALLOT_STATES,
                        what=_("The ballot"))
    if ballot.is_open:
        raise InvalidInput(_("The ballot is open."), field="ballot", code="ballot_open")
    if proposal.ballots.filter(number__gt=ballot.number).exists():
        raise InvalidInput(_("Only the latest ballot can be reopened."), field="ballot")
    reason = text(reason, field="reason", required=True, limit=500)
    ballot.closed_at, ballot.passed = None, None
    ballot.reopened += 1
    ballot.save(update_fields=["closed_at", "passed", "reopened"])
    event(proposal, EventKind.BALLOT, actor=actor,
          note=_("Ballot no. %(number)d reopened: %(reason)s")
          % {"number": ballot.number, "reason": reason})
    return ballot
