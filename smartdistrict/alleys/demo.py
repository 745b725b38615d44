"""Demo content of the alley programme, from data/demo.json (see data/SOURCES.md).

Every alley, household and amount is illustrative and marked so. Each proposal is taken
through the same services the ward's pages call, as far as its state in the file (draft,
consultation with a ballot open, approved, works, accepted, not approved), so the demo
obeys every rule the app enforces. ``seed_alleys()`` is idempotent: an alley that already
has a proposal is left as it is.
"""

from __future__ import annotations

import io
import json
import random
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from PIL import Image, ImageDraw

from smartdistrict.accounts.models import Role, User
from smartdistrict.alleys.geometry import read_line
from smartdistrict.alleys.models import Alley, Household, Proposal, State
from smartdistrict.alleys.selectors.accounts import household_shares
from smartdistrict.alleys.services import ballots, households, proposals, works
from smartdistrict.alleys.services.register import alley_upsert
from smartdistrict.feedback.photos import process_photo
from smartdistrict.feedback.report_input import Place, ReportInput
from smartdistrict.feedback.services.intake import report_create

DATA = Path(__file__).resolve().parent / "data" / "demo.json"


@dataclass(frozen=True)
class Seeded:
    alleys: int
    proposals: int
    households: int


def _actor() -> User:
    """The demo's acting officer: an administrator (acts in every ward)."""
    user = User.objects.filter(role=Role.ADMINISTRATOR, is_active=True).order_by("id").first()
    if user is None:
        user = User.objects.filter(is_superuser=True, is_active=True).order_by("id").first()
    if user is None:
        raise RuntimeError("seed_alleys needs an administrator account: run seed_demo first")
    return user


def _households(alley: Alley, count: int, names: dict, rng: random.Random,
                actor: User) -> list[Household]:
    existing = list(alley.household_records.order_by("id"))
    if existing:
        return existing
    number = alley.name.split()[1] if len(alley.name.split()) > 1 else "1"
    made = []
    for n in range(1, count + 1):
        family, given = rng.choice(names["family_names"]), rng.choice(names["given_names"])
        head = f"{family} {rng.choice(['Văn', 'Thị', 'Minh', 'Ngọc'])} {given}"
        consent = n % 4 == 1
        made.append(households.household_save(
            alley=alley, house_number=f"{number}/{n}", head_name=head,
            phone=f"09{rng.randrange(10**7, 10**8)}", actor=actor, name_public=consent,
            public_name=f"Gia đình {head} (minh họa)" if consent else "",
            check_actor=False,
        ))
    return made


def _photo(seed: int) -> bytes:
    """A plain drawn picture standing in for a photo of the works (no real place)."""
    rng = random.Random(seed)
    image = Image.new("RGB", (960, 640), (150, 150, 145))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(960), rng.randrange(640)
        shade = rng.randrange(120, 200)
        draw.rectangle([x, y, x + rng.randrange(20, 120), y + rng.randrange(5, 40)],
                       fill=(shade, shade, shade - 5))
    draw.rectangle([0, 560, 960, 640], fill=(90, 90, 90))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def _pledges(proposal: Proposal, spec: dict, people: list[Household], actor: User,
             rng: random.Random) -> list[tuple[Household | None, int]]:
    """Pledges as the file says; returns the money pledged, by giver."""
    shares = {r.household.id: r.share_vnd for r in household_shares(proposal)}
    share_of = {"all_money": 1.0, "most_money": 0.8, "some_money": 0.45, "few_money": 0.3}
    portion = share_of.get(spec.get("pledges", ""), 0.0)
    money = []
    for household in people:
        due = shares.get(household.id, 0)
        if due and (portion == 1.0 or rng.random() < portion):
            households.pledge_record(proposal=proposal, household=household, kind="money",
                                     value_vnd=due, actor=actor, check_actor=False)
            money.append((household, due))
    for index, area, what in spec.get("land", []):
        households.pledge_record(proposal=proposal, household=people[index - 1], kind="land",
                                 land_m2=area, description=what, value_vnd=0, actor=actor,
                                 check_actor=False)
    sponsor = spec.get("sponsor")
    if sponsor:
        name, value, what, public, kind = sponsor
        households.pledge_record(proposal=proposal, sponsor_name=name, name_public=public,
                                 kind=kind, value_vnd=value, description=what, actor=actor,
                                 check_actor=False)
        if kind == "money":
            money.append((None, value))
    return money


def _vote(proposal: Proposal, spec: dict, people: list[Household], actor: User) -> None:
    votes = spec["ballot"]
    opened = ballots.ballot_open(proposal=proposal, actor=actor, online=votes["online"],
                                 group_head_name="Tổ trưởng tổ dân phố (minh họa)",
                                 check_actor=False)
    choices = (["yes"] * votes["yes"] + ["no"] * votes["no"] + ["abstain"] * votes["abstain"])
    ballots.votes_record_meeting(ballot=opened.ballot, actor=actor,
                                 choices={h.id: c for h, c in zip(people, choices,
                                                                  strict=False)})
    if not votes.get("open"):
        ballots.ballot_close(ballot=opened.ballot, actor=actor, check_actor=False)


def _residents_reports(alley: Alley, reports: list) -> None:
    """Illustrative residents' reports on the alley, which its acceptance will resolve."""
    lat, lon = read_line(alley.geometry).middle
    for category, text in reports:
        report_create(data=ReportInput(
            category=category, description=text,
            place=Place(lat=lat, lon=lon, address=f"{alley.name} (minh họa)"),
        ))


def _move(proposal: Proposal, to: str, actor: User, **extra) -> Proposal:
    return proposals.proposal_transition(
        proposal=proposal, actor=actor, change=proposals.TransitionInput(to=to, **extra))


def _proposal(alley: Alley, spec: dict, people: list[Household], actor: User,
              rng: random.Random) -> Proposal:
    proposal = proposals.proposal_create(
        alley=alley, title=spec["title"], scope=spec["scope"], actor=actor,
        planned_start=spec.get("planned_start"), planned_end=spec.get("planned_end"),
        illustrative=True, check_actor=False)
    proposals.estimate_set(proposal=proposal, actor=actor, check_actor=False, items=[
        proposals.ItemInput(description, quantity, price, unit)
        for description, unit, quantity, price in spec["items"]])
    state_budget, by_households, sponsors = spec["split"]
    proposals.split_set(proposal=proposal, state_budget_vnd=state_budget,
                        households_vnd=by_households, sponsors_vnd=sponsors, actor=actor,
                        check_actor=False)
    for index, kind, reason in spec.get("exemptions", []):
        households.exemption_set(proposal=proposal, household=people[index - 1], kind=kind,
                                 reason=reason, actor=actor, check_actor=False)
    target = spec["state"]
    if target == State.DRAFT:
        return proposal
    proposal = _move(proposal, State.CONSULTATION, actor)
    money = _pledges(proposal, spec, people, actor, rng)
    _vote(proposal, spec, people, actor)
    if target == State.CONSULTATION:
        return proposal
    if target == State.REJECTED:
        return _move(proposal, State.REJECTED, actor, note=spec["rejected"])
    ref, date = spec["decision"]
    proposal = _move(proposal, State.APPROVED, actor, decision_ref=ref, decision_date=date)
    for name, role, represents in spec.get("board", []):
        works.board_member_add(proposal=proposal, name=name, role=role, represents=represents,
                               actor=actor, check_actor=False)
    paid_share = {"all": 1.0, "most": 0.75, "some": 0.3}.get(spec.get("paid", ""), 0.0)
    for household, amount in money[: round(len(money) * paid_share)]:
        households.payment_record(
            proposal=proposal, household=household, amount_vnd=amount, actor=actor,
            payer_name="" if household else spec["sponsor"][0], check_actor=False)
    if target == State.APPROVED:
        return proposal
    proposal = _move(proposal, State.WORKS, actor, works_started_on=spec.get("planned_start"))
    for description, source, amount in spec.get("expenses", []):
        households.expense_record(proposal=proposal, description=description, source=source,
                                  amount_vnd=amount, actor=actor, check_actor=False)
    proposals.progress_record(proposal=proposal, percent=spec.get("progress", 0),
                              note="", actor=actor)
    if spec.get("photos"):
        works.photo_add(proposal=proposal, actor=actor, check_actor=False,
                        caption="Ảnh minh họa tiến độ thi công",
                        photos=[process_photo(_photo(n)) for n in range(spec["photos"])])
    if target == State.WORKS:
        return proposal
    _residents_reports(alley, spec.get("reports", []))
    accepted_on, acceptance_ref = spec["acceptance"]
    return _move(proposal, State.ACCEPTED, actor, accepted_on=accepted_on,
                 acceptance_ref=acceptance_ref)


@transaction.atomic
def seed_alleys(seed: int = 16) -> Seeded:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    actor = _actor()
    rng = random.Random(seed)
    made_proposals = 0
    for item in data["alleys"]:
        alley = alley_upsert(
            code=item["code"], name=item["name"],
            geometry=json.dumps({"type": "LineString", "coordinates": item["line"]}),
            width_m=item.get("width_m"), surface=item.get("surface", ""),
            drainage=item.get("drainage", ""), flooding=item.get("flooding", ""),
            lighting=item.get("lighting", ""), households=item.get("households", 0),
            note="Hẻm minh họa cho bản demo (vị trí vẽ tay, không phải số liệu thật).",
            location_approximate=True, illustrative=True, check_actor=False,
        )
        people = _households(alley, item.get("households", 0), data, rng, actor)
        if item.get("proposal") and not alley.proposals.exists():
            _proposal(alley, item["proposal"], people, actor, rng)
            made_proposals += 1
    return Seeded(
        alleys=Alley.objects.filter(illustrative=True).count(), proposals=made_proposals,
        households=Household.objects.filter(alley__illustrative=True).count(),
    )
