"""The resident's report form: reading the POST, and checking it field by field.

Every rule is the feedback service's own: ``check`` calls the same validation functions
that ``report_create`` calls, one field at a time, so the resident sees every problem at
once next to its field instead of one per submission. ``report_create`` then checks
everything again (and the photos' pixels), so nothing here can let a bad report through.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils import timezone

from smartdistrict.core.errors import DomainError
from smartdistrict.feedback import validation
from smartdistrict.feedback.models import AttributeDatatype, Category

TEXT_FIELDS = (
    "category", "description", "lat", "lon", "address",
    "reporter_name", "reporter_phone", "reporter_email",
)
KEY_PREFIX = "portal-"
# Where an error the service names by a field of its own is shown on the form.
SERVICE_FIELDS = {
    "location": "location", "address": "address", "category": "category",
    "description": "description", "reporter_name": "reporter_name",
    "reporter_phone": "reporter_phone", "reporter_email": "reporter_email",
    "photos": "photos", "lat": "location", "lon": "location",
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
                raw = _with_local_offset(raw)
            answers[question.code] = raw
        return answers

    def selected(self, name: str) -> list[str]:
        """Chosen values of a question field, for re-display of lists and checkboxes."""
        raw = self.answers.get(name, "")
        return raw if isinstance(raw, list) else [raw]

    def add_error(self, error: DomainError, category: Category | None = None) -> None:
        self.errors.setdefault(self.error_field(error, category), str(error.message))

    def error_field(self, error: DomainError, category: Category | None) -> str:
        name = error.field or ""
        if name.startswith("attribute[") and category is not None:
            return question_field(category.code, name[len("attribute["):].rstrip("]"))
        return SERVICE_FIELDS.get(name, "form")


def _with_local_offset(text: str) -> str:
    """``2026-01-31T08:00`` (what a browser's date-time field sends) → with +07:00."""
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return text  # the service names the error
    if value.tzinfo is None:
        value = timezone.make_aware(value)
    return value.isoformat()


def check(draft: ReportDraft, *, date: dt.date) -> Category | None:
    """Check every field with the service's rules; record each error on ``draft``.

    Returns the chosen category when it is valid (the nearby check and the questions
    need it)."""
    category = None
    try:
        category = validation.category_active(draft.values["category"])
    except DomainError as error:
        draft.add_error(error)
    try:
        validation.description_clean(draft.values["description"])
    except DomainError as error:
        draft.add_error(error)
    try:
        validation.ward_of(lat=draft.values["lat"], lon=draft.values["lon"],
                           address=draft.values["address"], date=date)
    except DomainError as error:
        draft.add_error(error)
    # The phone's and the e-mail's formats separately (the service stops at the first),
    # then whether the category needs one of them.
    anyone = Category(anonymous_allowed=True)
    name = draft.values["reporter_name"]
    phone, email = draft.values["reporter_phone"], draft.values["reporter_email"]
    for contact in ({"phone": phone, "email": ""}, {"phone": "", "email": email},
                    {"phone": phone, "email": email, "category": category or anyone}):
        try:
            validation.contact_clean(name=name, **{"category": anyone, **contact})
        except DomainError as error:
            draft.add_error(error, category)
    if category is not None:
        try:
            validation.attributes_clean(category, draft.answers_for(category))
        except DomainError as error:
            draft.add_error(error, category)
    return category
