"""The resident's report form: the POST as feedback's ReportInput, and intake's errors
back at the form's fields.

Every rule is the feedback service's own: ``report_create`` checks the whole input and
refuses with every problem at once (IntakeRefused), so the resident sees each next to
its field. This module only translates: the form's names in, FORM_FIELDS out.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict

from smartdistrict.core.datetimes import with_site_offset
from smartdistrict.core.errors import DomainError
from smartdistrict.feedback.models import AttributeDatatype, Category, Channel
from smartdistrict.feedback.report_input import (
    Contact,
    Field,
    Place,
    ReportInput,
    Upload,
    question_of,
)
from smartdistrict.feedback.selectors import category_usable

TEXT_FIELDS = (
    "category", "description", "lat", "lon", "address",
    "reporter_name", "reporter_phone", "reporter_email",
)
KEY_PREFIX = "portal-"
# Where the form shows an error about each of intake's fields (answers to a category's
# questions: question_field; anything else: at the top of the form).
FORM_FIELDS: dict[Field, str] = {
    Field.CATEGORY: "category",
    Field.DESCRIPTION: "description",
    Field.PLACE: "location",
    Field.LAT: "location",
    Field.LON: "location",
    Field.ADDRESS: "address",
    Field.NAME: "reporter_name",
    Field.PHONE: "reporter_phone",
    Field.EMAIL: "reporter_email",
    Field.PHOTOS: "photos",
    Field.CHANNEL: "form",
}


def question_field(category_code: str, question_code: str) -> str:
    """The form field of one extra question: categories may reuse question codes."""
    return f"q-{category_code}-{question_code}"


def new_idempotency_key() -> str:
    return KEY_PREFIX + uuid.uuid4().hex


@dataclass
class ReportDraft:
    """What the resident typed, exactly as typed (for re-display), plus the form's key."""

    values: dict[str, str]
    answers: dict[str, Any]  # form field name → raw value (a list for multi-value answers)
    idempotency_key: str
    nearby_seen: str = ""
    errors: dict[str, str] = field(default_factory=dict)
    error_codes: dict[str, str] = field(default_factory=dict)  # beside each message

    @classmethod
    def blank(cls) -> ReportDraft:
        return cls(values=dict.fromkeys(TEXT_FIELDS, ""), answers={},
                   idempotency_key=new_idempotency_key())

    @classmethod
    def from_post(cls, data: QueryDict) -> ReportDraft:
        values = {name: data.get(name, "").strip() for name in TEXT_FIELDS}
        values["description"] = data.get("description", "")  # keep the resident's lines
        answers: dict[str, Any] = {}
        for name in data:
            if name.startswith("q-"):
                items = [v for v in data.getlist(name) if v.strip()]
                answers[name] = items if len(items) > 1 else (items[0] if items else "")
        key = data.get("idempotency_key", "")
        if not key.startswith(KEY_PREFIX) or len(key) > 100:
            key = new_idempotency_key()
        return cls(values=values, answers=answers, idempotency_key=key,
                   nearby_seen=data.get("nearby_seen", ""))

    @property
    def point(self) -> tuple[float, float] | None:
        """The pin, when both coordinates are valid numbers."""
        try:
            return float(self.values["lat"]), float(self.values["lon"])
        except ValueError:
            return None

    def answers_for(self, category: Category) -> dict[str, Any]:
        """Answers to ``category``'s questions, by question code, in the service's types
        (a date and time typed without an offset is read as local time)."""
        answers: dict[str, Any] = {}
        for question in category.attributes.all():
            raw = self.answers.get(question_field(category.code, question.code), "")
            if raw in ("", []):
                continue
            if question.datatype == AttributeDatatype.MULTIVALUELIST and isinstance(raw, str):
                raw = [raw]
            if question.datatype == AttributeDatatype.DATETIME and isinstance(raw, str):
                raw = with_site_offset(raw)
            answers[question.code] = raw
        return answers

    def selected(self, name: str) -> list[str]:
        """Chosen values of a question field, for re-display of lists and checkboxes."""
        raw = self.answers.get(name, "")
        return raw if isinstance(raw, list) else [raw]

    def report_input(self, photos: list[Upload]) -> ReportInput:
        """What the resident typed as feedback's ReportInput. Intake asks about open
        reports of the kind nearby unless the resident has seen them for this category."""
        values = self.values
        category = category_usable(values["category"]) if values["category"] else None
        return ReportInput(
            category=values["category"],
            description=values["description"],
            place=Place(lat=values["lat"] or None, lon=values["lon"] or None,
                        address=values["address"]),
            contact=Contact(name=values["reporter_name"], phone=values["reporter_phone"],
                            email=values["reporter_email"]),
            answers=self.answers_for(category) if category else {},
            photos=photos,
            channel=Channel.WEB,
            idempotency_key=self.idempotency_key,
            ask_about_duplicates=self.nearby_seen != values["category"],
        )

    def add_error(self, error: DomainError) -> None:
        """Show ``error`` at its field (the first error found for a field stays)."""
        name = self.error_field(error)
        if name not in self.errors:
            self.errors[name] = str(error.message)
            self.error_codes[name] = error.code

    def error_field(self, error: DomainError) -> str:
        """The form field that shows ``error`` (intake's field names → this form's)."""
        question = question_of(error.field)
        if question is not None:
            return question_field(self.values["category"], question)
        return FORM_FIELDS.get(error.field or "", "form")
