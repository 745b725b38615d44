"""What every alleys service shares: the actor check, the proposal lock, the timeline."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.accounts.models import User
from smartdistrict.alleys import policy
from smartdistrict.alleys.models import EventKind, Proposal, ProposalEvent, State
from smartdistrict.core.errors import InvalidInput, PermissionDenied
from smartdistrict.core.text import clean_text


def require_actor(actor: User | None, unit_id: int) -> User:
    """``actor`` if he or she may act on the ward ``unit_id``; PermissionDenied otherwise."""
    if actor is None or not policy.can_act(actor, unit_id):
        raise PermissionDenied(
            _("Only the ward's officers (or an administrator) can change this alley's "
              "proposals."),
            code="not_your_ward",
        )
    return actor


def locked(proposal: Proposal) -> Proposal:
    """The proposal re-read and locked for the rest of the transaction (with its alley)."""
    return Proposal.objects.select_for_update().select_related("alley").get(pk=proposal.pk)


def require_state(proposal: Proposal, states: frozenset[str], what: str) -> None:
    if proposal.state not in states:
        raise InvalidInput(
            _("%(what)s cannot be changed while the proposal is “%(state)s”.")
            % {"what": what, "state": State(proposal.state).label},
            field="state", code="wrong_state",
        )


def editable(
    proposal: Proposal, *, actor: User | None, states: frozenset[str], what: str,
    check_actor: bool = True,
) -> Proposal:
    """The proposal locked, once ``actor`` may act on its ward (unless loading data,
    ``check_actor=False``) and its state lets ``what`` change (policy's *_STATES)."""
    proposal = locked(proposal)
    if check_actor:
        require_actor(actor, proposal.alley.unit_id)
    require_state(proposal, states, what)
    return proposal


def text(value: str | None, *, field: str, required: bool = False, limit: int = 4000) -> str:
    """Cleaned text (NFC, legacy encodings repaired); a clear error when required and empty."""
    cleaned = clean_text(value or "").strip()
    if required and not cleaned:
        raise InvalidInput(_("This field is required."), field=field)
    if len(cleaned) > limit:
        raise InvalidInput(_("At most %(limit)d characters.") % {"limit": limit}, field=field)
    return cleaned


def date_of(value: object, *, field: str) -> dt.date | None:
    """A date from an ISO string (as date inputs send it) or a date; None when empty."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InvalidInput(_("Enter a valid date."), field=field) from None


def amount(value: object, *, field: str, positive: bool = False) -> int:
    """Whole đồng from a number or text such as “1.500.000” or “1,500,000”."""
    if isinstance(value, bool):
        raise InvalidInput(_("Enter an amount in đồng."), field=field)
    if isinstance(value, int):
        number = value
    else:
        raw = str(value if value is not None else "").strip().replace(".", "").replace(",", "")
        raw = raw.replace(" ", "").removesuffix("đ").removesuffix("VND")
        if not raw.isdigit():
            raise InvalidInput(_("Enter an amount in đồng (digits only)."), field=field)
        number = int(raw)
    if number < 0 or (positive and number == 0):
        raise InvalidInput(_("The amount must be more than 0.") if positive
                           else _("The amount cannot be negative."), field=field)
    if number > 10**15:
        raise InvalidInput(_("This amount is too large."), field=field)
    return number


def event(
    proposal: Proposal, kind: str, *, actor: User | None = None, note: str = "",
    public: bool = True, from_state: str = "", to_state: str = "",
) -> ProposalEvent:
    return ProposalEvent.objects.create(
        proposal=proposal, kind=kind, actor=actor, note=note, public=public,
        from_state=from_state, to_state=to_state, created_at=timezone.now(),
    )


__all__ = ["EventKind", "amount", "date_of", "editable", "event", "locked", "require_actor",
           "require_state", "text"]
