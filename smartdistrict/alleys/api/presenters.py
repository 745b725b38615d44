"""Plain dicts for the API's answers (shapes in api/schemas.py)."""

from __future__ import annotations

import json

from django.conf import settings

from smartdistrict.alleys.models import Alley, Proposal
from smartdistrict.alleys.selectors.accounts import Accounts
from smartdistrict.alleys.selectors.listing import ProposalRow
from smartdistrict.alleys.selectors.proposals import BallotView
from smartdistrict.alleys.selectors.register import Candidate, Condition


def ward(unit) -> dict:
    return {"code": unit.code, "name": unit.name}


def alley(a: Alley) -> dict:
    return {
        "code": a.code, "name": a.name, "ward": ward(a.unit), "geometry": json.loads(a.geometry),
        "length_m": a.length_m, "width_m": float(a.width_m) if a.width_m is not None else None,
        "surface": a.surface, "drainage": a.drainage, "flooding": a.flooding,
        "lighting": a.lighting, "households": a.households, "illustrative": a.illustrative,
    }


def alley_condition(c: Condition) -> dict:
    return {**alley(c.alley), "condition": {
        "months": settings.ALLEYS_CONDITION_MONTHS, "distance_m": settings.ALLEYS_REPORT_DISTANCE_M,
        "reports": c.count, "open": c.open_count, "per_100m": c.per_100m,
        "per_household": c.per_household, "by_category": dict(c.by_category),
    }}


def _split(p: Proposal) -> dict:
    return {"estimate_vnd": p.estimate_vnd, "state_budget_vnd": p.state_budget_vnd,
            "households_vnd": p.households_vnd, "sponsors_vnd": p.sponsors_vnd,
            "adds_up": p.estimate_vnd > 0 and p.split_total_vnd == p.estimate_vnd}


def _project(p: Proposal, pledged: int, received: int) -> dict:
    return {
        "code": p.code, "title": p.title, "state": p.state, "alley": p.alley.name,
        "alley_code": p.alley.code, "ward": ward(p.alley.unit), "split": _split(p),
        "pledged_vnd": pledged, "received_vnd": received,
        "progress_percent": p.progress_percent, "illustrative": p.illustrative,
    }


def project(row: ProposalRow) -> dict:
    return _project(row.proposal, row.pledged_vnd, row.received_vnd)


def _ballot(view: BallotView | None) -> dict | None:
    if view is None:
        return None
    t, shown = view.tally, view.show_result
    return {
        "number": view.ballot.number, "open": view.ballot.is_open, "eligible": t.eligible,
        "voted": t.voted, "threshold_percent": float(t.threshold_percent), "needed": t.needed,
        "yes": t.yes if shown else None, "no": t.no if shown else None,
        "abstain": t.abstain if shown else None,
        "passed": view.ballot.passed if shown else None,
    }


def accounts(p: Proposal, a: Accounts, ballot: BallotView | None) -> dict:
    return {
        **_project(p, a.pledged_vnd, a.received_vnd),
        "scope": p.scope, "planned_start": p.planned_start, "planned_end": p.planned_end,
        "decision_ref": p.decision_ref, "decision_date": p.decision_date,
        "accepted_on": p.accepted_on, "acceptance_ref": p.acceptance_ref,
        "ballot": _ballot(ballot),
        "money": {
            "pledged_money_vnd": a.pledged_money_vnd, "pledged_in_kind_vnd": a.pledged_in_kind_vnd,
            "land_m2": a.land_m2, "received_vnd": a.received_vnd,
            "spent_state_vnd": a.spent_state_vnd, "spent_community_vnd": a.spent_community_vnd,
            "community_balance_vnd": a.community_balance_vnd, "households": a.households,
            "paying_households": a.paying_households,
        },
        "named": a.named,
        "board": [{"name": m.name, "role": m.role, "represents": m.represents}
                  for m in p.board.all()],
        "photos": [settings.PUBLIC_BASE_URL.rstrip("/") + photo.image.url
                   for photo in p.photos.all()],
    }


def candidate(c: Candidate) -> dict:
    return {
        "rank": c.rank, "alley": c.alley.name, "alley_code": c.alley.code,
        "ward": ward(c.alley.unit), "length_m": c.alley.length_m,
        "households": c.alley.households, "reports": c.condition.count,
        "open": c.condition.open_count, "per_100m": c.condition.per_100m,
        "per_household": c.condition.per_household,
        "latest_proposal": c.proposal.code if c.proposal else None,
        "latest_state": c.proposal.state if c.proposal else None,
    }
