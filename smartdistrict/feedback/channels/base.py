"""What every notification channel understands: one message, two ways to fail.

A channel (e-mail, SMS, Zalo …) is any class with a ``name``, ``enabled()`` (its
settings are filled in), ``reaches(message)`` (it has an address for this recipient) and
``send(message)``. ``send`` either delivers, raises ``DeliveryRefused`` (it will never
work: an unknown number, a blocked user, outside Zalo's reply window — recorded, not
retried) or raises anything else (the gateway is down: the job queue tries again).
docs/channels.md describes the interface for other code that sends through channels.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, ClassVar, Protocol


class Kind:
    """What a message is for; a channel may decline some kinds (Zalo takes only the
    resident's updates about a report it received)."""

    STATUS = "status"  # a resident's report changed (received, resolved …)
    CODE = "code"  # a one-time code the resident asked for
    STAFF = "staff"  # a report for staff to act on
    ALERT = "alert"  # an area alert a resident subscribed to


@dataclass(frozen=True)
class Message:
    """One message to one recipient, with every address the sender knows for them.

    ``body`` is plain text (links written out); ``sms`` is a short version for channels
    that charge by length (default: the subject and the body's first line);
    ``report_code`` names the report the message is about, so a channel that knows
    residents by their report (Zalo) can find the conversation.
    """

    email: str = ""
    phone: str = ""
    subject: str = ""
    body: str = ""
    report_code: str = ""
    kind: str = Kind.STATUS
    sms: str = ""
    # A one-click unsubscribe URL (area alerts): e-mail carries it as List-Unsubscribe.
    unsubscribe: str = ""

    def as_data(self) -> dict[str, Any]:
        """Plain data for a job's arguments (``Message(**data)`` rebuilds it)."""
        return asdict(self)

    @property
    def short_text(self) -> str:
        if self.sms:
            return self.sms
        first_line = next((line.strip() for line in self.body.splitlines() if line.strip()), "")
        return f"{self.subject}: {first_line}" if self.subject and first_line else (
            self.subject or first_line
        )


class DeliveryRefused(Exception):
    """The channel will never deliver this message (recorded, not retried). ``code`` is
    the gateway's own reason (a Zalo error number, an HTTP status)."""

    def __init__(self, reason: str, *, code: str = "") -> None:
        super().__init__(reason)
        self.code = code


class Channel(Protocol):
    name: ClassVar[str]

    def enabled(self) -> bool:
        """Whether its settings are filled in (a channel without them is skipped)."""

    def reaches(self, message: Message) -> bool:
        """Whether it has an address for this message's recipient."""

    def send(self, message: Message) -> None:
        """Deliver now; DeliveryRefused for a lost cause, any other error to retry."""
