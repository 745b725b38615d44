""""My reports": a resident identifies with a one-time code sent to their e-mail (or
by SMS where a gateway is configured), then sees every report they sent with that
address, corrects their contact on all of them, or erases it.

No account is created: the address is the identity, proven by the code. The code is
six digits, kept only as a keyed digest, valid RESIDENT_CODE_MINUTES, used once, with
MAX_ATTEMPTS tries. Whether reports exist for an address is never said: the same answer
is given, and a code is sent only where there are reports (no mail to strangers).
Requests for codes are rate-limited per client address (core.ratelimits.resident_code).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput
from smartdistrict.core.text import clean_text
from smartdistrict.feedback.channels import (
    DeliveryRefused,
    Kind,
    Message,
    channel_named,
    send_on_commit,
)
from smartdistrict.feedback.channels.sms import e164
from smartdistrict.feedback.models import Report, ResidentCode
from smartdistrict.feedback.personal_data import reports_of_person
from smartdistrict.feedback.services.privacy import PurgeResult, reports_personal_data_erase
from smartdistrict.feedback.validation import email_clean, phone_clean

MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class Address:
    """Who the resident is: an e-mail address (lower case) or a phone number (+84…)."""

    kind: str  # "email" or "phone"
    value: str


def address_clean(raw: str) -> Address:
    """An e-mail address or a Vietnamese phone number, as the resident typed it."""
    raw = clean_text(raw or "").strip()
    if not raw:
        raise InvalidInput(_("Enter your e-mail address or phone number."), field="address",
                           code="address_required")
    if "@" in raw:
        return Address("email", email_clean(raw).lower())
    try:
        return Address("phone", e164(phone_clean(raw)))
    except (InvalidInput, DeliveryRefused):
        raise InvalidInput(_("Enter a valid e-mail address or a Vietnamese phone number."),
                           field="address", code="address_invalid") from None


def sms_available() -> bool:
    """Whether an SMS gateway is configured (channel_named gives enabled channels only)."""
    return channel_named("sms") is not None


def resident_reports(address: Address) -> QuerySet[Report]:
    """The reports sent with this address (newest first); by phone, whichever way the
    number was written (0912…, 84912…, +84912…)."""
    if address.kind == "email":
        found = reports_of_person(email=address.value)
    else:
        found = reports_of_person(phone=address.value)
    return found.order_by("-created_at")


def _digest(address: str, code: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"resident-code:{address}:{code}".encode(),
                    hashlib.sha256).hexdigest()


def resident_code_send(*, address: Address, now: dt.datetime | None = None) -> bool:
    """Send a one-time code to ``address`` if it sent reports; True if one was sent (the
    caller answers the same either way)."""
    if address.kind == "phone" and not sms_available():
        raise InvalidInput(_("Codes by SMS are not available here: use your e-mail address."),
                           field="address", code="sms_unavailable")
    if not resident_reports(address).exists():
        return False
    now = now or timezone.now()
    code = f"{secrets.randbelow(1_000_000):06d}"
    minutes = settings.RESIDENT_CODE_MINUTES
    with transaction.atomic():
        ResidentCode.objects.filter(address=address.value, used_at__isnull=True).update(
            used_at=now)  # one valid code at a time
        ResidentCode.objects.create(address=address.value, code_hash=_digest(address.value, code),
                                    created_at=now, expires_at=now + dt.timedelta(minutes=minutes))
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Your code for “my reports”")
            body = _("Your code is %(code)s. It is valid for %(minutes)d minutes. If you did "
                     "not ask for it, ignore this message.") % {"code": code, "minutes": minutes}
        if address.kind == "email":
            message = Message(email=address.value, subject=subject, body=body, kind=Kind.CODE)
            send_on_commit(message, via=["email"])
        else:
            message = Message(phone=address.value, subject=subject, body=body, kind=Kind.CODE,
                              sms=f"smartdistrict: {code}")
            send_on_commit(message, via=["sms"])
    return True


def resident_code_verify(*, address: Address, code: str, now: dt.datetime | None = None) -> None:
    """Accept the code (once) or refuse it with one clear error; a wrong try counts."""
    now = now or timezone.now()
    given = "".join(ch for ch in (code or "") if ch.isdigit())[:6]
    with transaction.atomic():
        stored = (ResidentCode.objects.select_for_update()
                  .filter(address=address.value, used_at__isnull=True, expires_at__gt=now)
                  .order_by("-created_at").first())
        accepted = (stored is not None and stored.attempts < MAX_ATTEMPTS
                    and hmac.compare_digest(stored.code_hash, _digest(address.value, given)))
        if accepted:
            stored.used_at = now
            stored.save(update_fields=["used_at"])
        elif stored is not None and stored.attempts < MAX_ATTEMPTS:
            ResidentCode.objects.filter(pk=stored.pk).update(attempts=stored.attempts + 1)
    if not accepted:
        raise InvalidInput(_("This code is wrong or has expired: ask for a new one."),
                           field="code", code="code_invalid")


@transaction.atomic
def resident_contact_update(*, address: Address, name: str, phone: str, email: str) -> int:
    """Correct the contact on every report of the resident; returns how many changed.
    The caller identifies the resident again by the new address if it changed."""
    name = clean_text(name or "").strip()[:120]
    phone = phone_clean(phone)
    email = email_clean(email)
    if not (phone or email):
        raise InvalidInput(_("Keep an e-mail address or a phone number, or erase your data "
                             "instead."), field="email", code="contact_required")
    return resident_reports(address).update(reporter_name=name, reporter_phone=phone,
                                            reporter_email=email)


def resident_data_erase(*, address: Address) -> PurgeResult:
    """Erase the resident's personal data from all their reports (as the retention purge
    does: contact, numbers in the texts, photos by PERSONAL_DATA_PHOTOS); the reports stay
    for the public record, anonymous."""
    ids = list(resident_reports(address).values_list("id", flat=True))
    return reports_personal_data_erase(report_ids=ids)
