"""What the e-mail and Zalo doors share: keeping what came in, choosing a category for a
free text, finding the place a resident wrote, and the report's link for the answer."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.core.errors import DomainError
from smartdistrict.feedback.models import Report
from smartdistrict.feedback.resident_token import resident_token
from smartdistrict.feedback.suggestions import current_suggester
from smartdistrict.geography.address import resolve_address
from smartdistrict.inbox.models import InboundMessage

# Below this probability the suggester's first choice is a guess: the fallback category
# (data: INTAKE_FALLBACK_CATEGORY) is routed to the ward's People's Committee instead.
SUGGESTION_FLOOR = 0.25
_PIECES = re.compile(r"[\n;]|(?<=[.!?])\s")


def inbound_keep(*, door: str, raw: bytes, sender: str = "", subject: str = "") -> InboundMessage:
    """Store a received message as it came, before anything is read from it: whatever
    happens next, nothing is lost."""
    return InboundMessage.objects.create(
        door=door, raw=raw, sender=sender[:254], subject=subject[:300],
        received_at=timezone.now(),
    )


def category_for_text(text: str) -> str:
    """The category a free text is most likely about (the platform's suggester), or the
    fallback category when the suggester is unsure; staff re-categorise as for any door."""
    suggestions = current_suggester().suggest(text, k=1) if text.strip() else []
    if suggestions and suggestions[0].score >= SUGGESTION_FLOOR:
        return suggestions[0].code
    return settings.INTAKE_FALLBACK_CATEGORY


def address_in(text: str) -> str:
    """The line or sentence of ``text`` that names a place the geography app resolves
    ("… Phường 13, Bình Thạnh" → that line); else the whole text, so that intake's
    refusal says what was not recognised."""
    for piece in _PIECES.split(text):
        piece = piece.strip(" ,.-")
        if len(piece) < 3 or len(piece) > 300:
            continue
        try:
            resolve_address(piece)
        except DomainError:
            continue
        return piece
    return text[:300]


def track_link(report: Report) -> str:
    """The resident's link to follow, rate and reopen their report."""
    return f"{settings.PUBLIC_BASE_URL}/track/{report.code}?token={resident_token(report)}"


def outcome_of(message: InboundMessage, outcome: str, *, reason: str = "",
               report: Report | None = None) -> InboundMessage:
    message.outcome, message.reason = outcome, reason[:2000]
    if report is not None:
        message.report = report
    message.save(update_fields=["outcome", "reason", "report", "sender", "subject",
                                "message_id", "reply_id"])
    return message




def inbound_personal_data_purge(*, report_ids: Sequence[int]) -> tuple[str, int]:
    """A PERSONAL_DATA_PURGE_HOOKS hook: the received messages of these reports (they hold
    the resident's address, words and photos as sent) lose their content and sender."""
    cleared = (
        InboundMessage.objects.filter(report_id__in=report_ids).exclude(raw=b"")
        .update(raw=b"", sender="", subject="")
    )
    return _("received e-mails and Zalo messages emptied"), cleared
