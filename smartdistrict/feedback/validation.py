"""The rules a new report must meet, checked once for every door.

``report_input_clean`` checks a ``ReportInput`` and returns it cleaned (the category, the
ward, the typed answers …) or raises ``IntakeRefused`` listing every problem found, each
an ``InvalidInput`` naming its ``Field`` with a code, in the user's language. A problem
that makes a later check meaningless (no category: no questions to answer) skips that
check only.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.core import datetimes
from smartdistrict.core.datetimes import MomentError, aware_utc
from smartdistrict.core.errors import DomainError, InvalidInput, NotFound
from smartdistrict.core.text import clean_text
from smartdistrict.feedback.models import (
    DESCRIPTION_MIN_DEFAULT,
    AttributeDatatype,
    Category,
    CategoryAttribute,
    Channel,
)
from smartdistrict.feedback.photos import read_uploads
from smartdistrict.feedback.report_input import (
    Field,
    IntakeRefused,
    Place,
    ReportInput,
    answer_field,
)
from smartdistrict.feedback.selectors import category_usable
from smartdistrict.geography.address import AddressNotResolved, resolve_address
from smartdistrict.geography.index import UnitRecord
from smartdistrict.geography.selectors import lookup_point, validate_point

DESCRIPTION_MIN = DESCRIPTION_MIN_DEFAULT
DESCRIPTION_MAX = 4000
NAME_MAX = 120
ADDRESS_MAX = 300
_PHONE = re.compile(r"^(?:\+?84|0)\d{8,10}$")

# Channels through which only staff enter reports on a resident's behalf.
STAFF_CHANNELS = frozenset({Channel.HOTLINE, Channel.RADIO, Channel.STAFF})
# Reports the platform files itself (environment alerts); never accepted from outside.
SYSTEM_CHANNELS = frozenset({Channel.SENSOR})

T = TypeVar("T")


@dataclass(frozen=True)
class CleanReport:
    """A ReportInput that met every rule, in the types the report is stored with."""

    category: Category
    description: str
    ward: UnitRecord
    lat: float | None
    lon: float | None
    address: str
    name: str
    phone: str
    email: str
    answers: dict[str, Any]
    photos: list[bytes]


def report_input_clean(data: ReportInput, *, date: dt.date) -> CleanReport:
    """``data`` checked against every rule on ``date`` (the ward of a place depends on
    the date), or IntakeRefused with every problem found."""
    errors: list[DomainError] = []

    def check(rule: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        try:
            return rule(*args, **kwargs)
        except IntakeRefused as refused:
            errors.extend(refused.errors)
        except DomainError as error:
            errors.append(error)
        return None

    check(channel_check, data)
    category = check(category_clean, data.category)
    description = check(description_clean, data.description, category)
    place = check(ward_of, data.place, date=date)
    phone = check(phone_clean, data.contact.phone)
    email = check(email_clean, data.contact.email)
    if category is not None and phone is not None and email is not None:
        check(contact_required, category, phone=phone, email=email)
    answers = check(attributes_clean, category, data.answers) if category is not None else {}
    photos = check(read_uploads, data.photos)
    if errors:
        raise IntakeRefused(errors)
    ward, lat, lon = place
    return CleanReport(
        category=category, description=description, ward=ward, lat=lat, lon=lon,
        address=clean_text(data.place.address or "").strip()[:ADDRESS_MAX],
        name=clean_text(data.contact.name or "").strip()[:NAME_MAX], phone=phone,
        email=email, answers=answers, photos=photos,
    )


def channel_check(data: ReportInput) -> None:
    """A known channel; the platform's own only from the platform, the staff ones only
    from staff."""
    if data.channel not in Channel.values or (data.channel in SYSTEM_CHANNELS) != data.system:
        raise InvalidInput(_("Unknown channel."), field=Field.CHANNEL, code="channel_invalid")
    actor = data.entered_by
    if data.channel in STAFF_CHANNELS and not (actor and (actor.role or actor.is_superuser)):
        raise InvalidInput(
            _("Only staff can enter reports received by phone, radio or in person."),
            field=Field.CHANNEL, code="channel_staff_only",
        )


def category_clean(code_or_category: str | Category | None) -> Category:
    """The category chosen, if it exists and is in use (feedback.selectors decides)."""
    if code_or_category in (None, ""):
        raise InvalidInput(_("Choose a category from the list."), field=Field.CATEGORY,
                           code="required")
    category = category_usable(code_or_category)
    if category is None:
        raise InvalidInput(
            _("Choose a category from the list: this one does not exist or is not in use."),
            field=Field.CATEGORY, code="category_invalid",
        )
    return category


def description_minimum(category: Category | None) -> int:
    """The shortest description a report of ``category`` may have: the category's own
    (its data may say 0: a photo-and-pin or an Open311 app report with only the place and
    the answers is enough), else the common one."""
    return category.description_min if category is not None else DESCRIPTION_MIN


def description_clean(text: str | None, category: Category | None = None) -> str:
    text = clean_text(text or "").strip()
    minimum = description_minimum(category)
    if len(text) < minimum:
        raise InvalidInput(
            _("Describe the problem in at least %(n)d characters.") % {"n": minimum},
            field=Field.DESCRIPTION, code="too_short",
        )
    if len(text) > DESCRIPTION_MAX:
        raise InvalidInput(
            _("The description is too long (at most %(n)d characters).") % {"n": DESCRIPTION_MAX},
            field=Field.DESCRIPTION, code="too_long",
        )
    return text


def ward_of(place: Place, *, date: dt.date) -> tuple[UnitRecord, float | None, float | None]:
    """The ward of a report on its date: by point when there is one, else by address."""
    if place.lat not in (None, "") or place.lon not in (None, ""):
        lat_f, lon_f = validate_point(place.lat, place.lon)
        try:
            found = lookup_point(lat_f, lon_f, date)
        except NotFound as error:
            raise InvalidInput(str(error.message), field=Field.PLACE, code=error.code) from None
        if found.ward is None:  # only possible for dates before the 2025 reform
            raise InvalidInput(str(found.note), field=Field.PLACE, code="ambiguous_ward")
        return found.ward, lat_f, lon_f
    address = place.address or ""
    if address.strip():
        try:
            match = resolve_address(address, date)
        except AddressNotResolved as error:
            raise InvalidInput(
                str(error.message), field=Field.ADDRESS, code=error.code,
                candidates=error.extra.get("candidates", []),
            ) from None
        return match.unit, None, None
    raise InvalidInput(
        _("Place a pin on the map or type the address."), field=Field.PLACE, code="required"
    )


def phone_clean(phone: str | None) -> str:
    """A Vietnamese phone number without its spaces, dots and dashes ("" if none)."""
    phone = re.sub(r"[\s.\-()]", "", phone or "")
    if phone and not _PHONE.match(phone):
        raise InvalidInput(_("Enter a Vietnamese phone number, e.g. 0912345678."),
                           field=Field.PHONE, code="phone_invalid")
    return phone


def email_clean(email: str | None) -> str:
    email = (email or "").strip()
    if email:
        try:
            if len(email) > 254:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            raise InvalidInput(_("Enter a valid e-mail address."), field=Field.EMAIL,
                               code="email_invalid") from None
    return email


def contact_required(category: Category, *, phone: str, email: str) -> None:
    if not category.anonymous_allowed and not (phone or email):
        raise InvalidInput(
            _("This category needs a phone number or an e-mail to contact you."),
            field=Field.PHONE, code="contact_required",
        )


def _attribute_value(attribute: CategoryAttribute, raw: Any) -> Any:
    field = answer_field(attribute.code)
    keys = {v["key"] for v in attribute.values}
    kind = attribute.datatype
    if kind == AttributeDatatype.NUMBER:
        try:
            number = float(raw)
        except (TypeError, ValueError):
            raise InvalidInput(_("Enter a number."), field=field) from None
        if not math.isfinite(number):
            raise InvalidInput(_("Enter a number."), field=field)
        return number
    if kind == AttributeDatatype.DATETIME:
        try:
            moment = aware_utc(str(raw))
        except MomentError as error:
            if error.reason == datetimes.NAIVE:
                raise InvalidInput(_("Give the time with its UTC offset, e.g. +07:00."),
                                   field=field) from None
            raise InvalidInput(_("Enter a date and time (ISO 8601)."), field=field) from None
        return timezone.localtime(moment).isoformat()  # the same instant, in the site's zone
    if kind == AttributeDatatype.SINGLEVALUELIST:
        if str(raw) not in keys:
            raise InvalidInput(_("Choose one of the listed values."), field=field)
        return str(raw)
    if kind == AttributeDatatype.MULTIVALUELIST:
        values = raw if isinstance(raw, list | tuple) else [raw]
        if not values or any(str(v) not in keys for v in values):
            raise InvalidInput(_("Choose among the listed values."), field=field)
        return [str(v) for v in values]
    limit = 300 if kind == AttributeDatatype.STRING else DESCRIPTION_MAX
    text = clean_text(str(raw)).strip()
    if len(text) > limit:
        raise InvalidInput(_("This answer is too long."), field=field)
    return text


def attributes_clean(category: Category, answers: Mapping[str, Any] | None) -> dict[str, Any]:
    """Answers to the category's extra questions: required ones present, each of its type
    (IntakeRefused naming every question at fault)."""
    answers = {k: v for k, v in (answers or {}).items() if v not in (None, "", [])}
    questions = {a.code: a for a in category.attributes.all()}
    errors: list[DomainError] = [
        InvalidInput(_("This category has no question “%(code)s”.") % {"code": code},
                     field=answer_field(code), code="unknown_attribute")
        for code in sorted(set(answers) - set(questions))
    ]
    cleaned: dict[str, Any] = {}
    for code, question in questions.items():
        if code not in answers:
            if question.required:
                errors.append(InvalidInput(
                    _("Please answer: %(question)s") % {"question": question.description},
                    field=answer_field(code), code="required",
                ))
            continue
        try:
            cleaned[code] = _attribute_value(question, answers[code])
        except InvalidInput as error:
            errors.append(error)
    if errors:
        raise IntakeRefused(errors)
    return cleaned
