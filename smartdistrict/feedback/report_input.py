"""One description of a new report, whatever door it came through.

The portal's form, the hotline form, the REST API, Open311 — and any later channel
(e-mail, Zalo) — each translate their wire format into a ``ReportInput`` and hand it to
``feedback.services.intake.report_create``; every rule is checked there
(``feedback.validation.report_input_clean``). A refusal is one typed error,
``IntakeRefused``, listing each problem as an ``InvalidInput`` with a ``code`` and the
``Field`` it names; a door maps those names back to its own in one place
(docs/architecture.md, "Adding a channel").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from django.utils.translation import gettext_lazy

from smartdistrict.core.errors import DomainError, InvalidInput
from smartdistrict.feedback.models import Category, Channel

if TYPE_CHECKING:
    from smartdistrict.accounts.models import User
    from smartdistrict.feedback.models import Report


class Field(StrEnum):
    """The names an intake error gives the part of the input at fault (REST uses them as
    they are; other doors map them to their own names)."""

    CATEGORY = "category"
    DESCRIPTION = "description"
    PLACE = "location"  # the place as a whole: missing, outside the city, ambiguous
    LAT = "lat"
    LON = "lon"
    ADDRESS = "address"
    NAME = "reporter_name"
    PHONE = "reporter_phone"
    EMAIL = "reporter_email"
    ANSWER = "attribute"  # one per question: answer_field(code) is "attribute[code]"
    PHOTOS = "photos"
    CHANNEL = "channel"


def answer_field(question_code: str) -> str:
    """The field an error about the answer to one of the category's questions names."""
    return f"{Field.ANSWER}[{question_code}]"


def question_of(field_name: str | None) -> str | None:
    """The question code of an ``attribute[code]`` field name, else None."""
    prefix = f"{Field.ANSWER}["
    if field_name and field_name.startswith(prefix) and field_name.endswith("]"):
        return field_name[len(prefix):-1]
    return None


class Upload(Protocol):
    """An uploaded file as Django gives it: its size is known before it is read."""

    size: int

    def read(self) -> bytes: ...


@dataclass(frozen=True)
class Place:
    """Where the problem is: a point, an address, or both (the point decides the ward).
    Coordinates are kept as sent (text or numbers): checking them is intake's job."""

    lat: Any = None
    lon: Any = None
    address: str = ""


@dataclass(frozen=True)
class Contact:
    """How to reach the resident (never shown publicly)."""

    name: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class ReportInput:
    """A new report as a door received it, before any rule is checked.

    ``client`` names the submitting client when its idempotency keys need a scope of their
    own (Open311: ``open311:<key id>``); ``entered_by`` is the staff member typing the
    report in on a resident's behalf (hotline, radio); ``system`` is True only when the
    platform files it itself (channel ``sensor``). ``ask_about_duplicates`` asks intake to
    stop with ``PossibleDuplicates`` when open reports of the kind are close by (the
    portal offers them to the resident first; a resent form says it has seen them).
    """

    category: str | Category
    description: str = ""
    place: Place = field(default_factory=Place)
    contact: Contact = field(default_factory=Contact)
    answers: Mapping[str, Any] = field(default_factory=dict)
    photos: Sequence[bytes | Upload] = ()
    channel: str = Channel.WEB
    idempotency_key: str | None = None
    client: str = ""
    entered_by: User | None = None
    system: bool = False
    ask_about_duplicates: bool = False

    @property
    def scoped_key(self) -> str | None:
        """The idempotency key within its client's scope (None: no key)."""
        key = str(self.idempotency_key or "").strip()
        if not key:
            return None
        return f"{self.client}:{key}" if self.client else key


class IntakeRefused(InvalidInput):
    """Every problem found in one ReportInput. It reads as its first problem (field, code,
    message), so a door answering one error at a time needs nothing more; ``errors``
    holds them all, in the order of the form (category, text, place, contact, answers,
    photos)."""

    def __init__(self, errors: Sequence[DomainError]):
        if not errors:
            raise ValueError("IntakeRefused needs at least one error")
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(first.message, field=first.field, code=first.code, **first.extra)
        self.status_code = first.status_code

    @classmethod
    def of(cls, error: DomainError) -> IntakeRefused:
        return error if isinstance(error, IntakeRefused) else cls([error])


class PossibleDuplicates(DomainError):
    """Open reports of the same kind close by, found before storing a report that asked
    about them (``ask_about_duplicates``); nothing was stored."""

    status_code = 409
    code = "possible_duplicates"
    default_message = gettext_lazy(
        "Reports of this kind are already open close by: if one of them is your problem, "
        "support it; otherwise send yours again."
    )

    def __init__(self, nearby: list[Report]):
        self.nearby = nearby
        super().__init__(field=Field.PLACE, codes=[r.code for r in nearby])
