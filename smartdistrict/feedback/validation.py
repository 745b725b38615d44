"""Intake validation: each check raises InvalidInput naming the field, in the user's language."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput, NotFound
from smartdistrict.core.text import clean_text
from smartdistrict.feedback.config_cache import config
from smartdistrict.feedback.models import AttributeDatatype, Category, CategoryAttribute
from smartdistrict.geography.address import AddressNotResolved, resolve_address
from smartdistrict.geography.index import UnitRecord
from smartdistrict.geography.selectors import lookup_point, validate_point

DESCRIPTION_MIN = 10
DESCRIPTION_MAX = 4000
_PHONE = re.compile(r"^(?:\+?84|0)\d{8,10}$")


def category_active(code_or_category: str | Category) -> Category:
    if isinstance(code_or_category, Category):
        category = code_or_category
    else:
        category = config().categories.get(str(code_or_category))
    if category is None or not category.active:
        raise InvalidInput(
            _("Choose a category from the list: this one does not exist or is not in use."),
            field="category", code="category_invalid",
        )
    return category


def description_clean(text: str | None) -> str:
    text = clean_text(text or "").strip()
    if len(text) < DESCRIPTION_MIN:
        raise InvalidInput(
            _("Describe the problem in at least %(n)d characters.") % {"n": DESCRIPTION_MIN},
            field="description", code="too_short",
        )
    if len(text) > DESCRIPTION_MAX:
        raise InvalidInput(
            _("The description is too long (at most %(n)d characters).") % {"n": DESCRIPTION_MAX},
            field="description", code="too_long",
        )
    return text


def ward_of(
    *, lat: Any, lon: Any, address: str, date: dt.date
) -> tuple[UnitRecord, float | None, float | None]:
    """The ward of a report on its date: by point when there is one, else by address."""
    if lat not in (None, "") or lon not in (None, ""):
        lat_f, lon_f = validate_point(lat, lon)
        try:
            found = lookup_point(lat_f, lon_f, date)
        except NotFound as error:
            raise InvalidInput(str(error.message), field="location", code=error.code) from None
        if found.ward is None:  # only possible for dates before the 2025 reform
            raise InvalidInput(str(found.note), field="location", code="ambiguous_ward")
        return found.ward, lat_f, lon_f
    if address.strip():
        try:
            match = resolve_address(address, date)
        except AddressNotResolved as error:
            raise InvalidInput(
                str(error.message), field="address", code=error.code,
                candidates=error.extra.get("candidates", []),
            ) from None
        return match.unit, None, None
    raise InvalidInput(
        _("Place a pin on the map or type the address."), field="location", code="required"
    )


def contact_clean(
    *, name: str, phone: str, email: str, category: Category
) -> tuple[str, str, str]:
    name = clean_text(name or "").strip()[:120]
    phone = re.sub(r"[\s.\-()]", "", phone or "")
    email = (email or "").strip()
    if phone and not _PHONE.match(phone):
        raise InvalidInput(
            _("Enter a Vietnamese phone number, e.g. 0912345678."), field="reporter_phone"
        )
    if email:
        try:
            if len(email) > 254:
                raise ValidationError("too long")
            validate_email(email)
        except ValidationError:
            raise InvalidInput(_("Enter a valid e-mail address."), field="reporter_email") from None
    if not category.anonymous_allowed and not (phone or email):
        raise InvalidInput(
            _("This category needs a phone number or an e-mail to contact you."),
            field="reporter_phone", code="contact_required",
        )
    return name, phone, email


def _attribute_value(attribute: CategoryAttribute, raw: Any) -> Any:
    field = f"attribute[{attribute.code}]"
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
            value = dt.datetime.fromisoformat(str(raw))
        except ValueError:
            raise InvalidInput(_("Enter a date and time (ISO 8601)."), field=field) from None
        if value.tzinfo is None:
            raise InvalidInput(_("Give the time with its UTC offset, e.g. +07:00."), field=field)
        return value.isoformat()
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


def attributes_clean(category: Category, answers: dict[str, Any] | None) -> dict[str, Any]:
    """Answers to the category's extra questions: required ones present, each of its type."""
    answers = {k: v for k, v in (answers or {}).items() if v not in (None, "", [])}
    questions = {a.code: a for a in category.attributes.all()}
    unknown = sorted(set(answers) - set(questions))
    if unknown:
        raise InvalidInput(
            _("This category has no question “%(code)s”.") % {"code": unknown[0]},
            field=f"attribute[{unknown[0]}]", code="unknown_attribute",
        )
    cleaned: dict[str, Any] = {}
    for code, question in questions.items():
        if code not in answers:
            if question.required:
                raise InvalidInput(
                    _("Please answer: %(question)s") % {"question": question.description},
                    field=f"attribute[{code}]", code="required",
                )
            continue
        cleaned[code] = _attribute_value(question, answers[code])
    return cleaned
