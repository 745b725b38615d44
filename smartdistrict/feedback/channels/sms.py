"""SMS through a generic JSON-over-HTTP gateway (most Vietnamese brand-name SMS providers
and aggregators offer one; an adapter for another API is a class beside this one).

The request (docs/channels.md, "SMS gateway"):

    POST {SMS_GATEWAY_URL}
    Authorization: Bearer {SMS_GATEWAY_TOKEN}
    Content-Type: application/json
    Idempotency-Key: {reference}

    {"to": "+84912345678", "text": "...", "sender": "{SMS_SENDER}", "reference": "..."}

Any 2xx is delivered. 408, 425, 429 and 5xx, timeouts and connection errors are retried by
the job queue; any other 4xx is refused for good (a wrong number or a wrong token will not
get better by trying again) and logged. ``reference`` is derived from the message, so a
retried message carries the same one and the gateway can drop the second copy.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata

import requests
from django.conf import settings

from smartdistrict.core.text import clean_text
from smartdistrict.feedback.channels.base import DeliveryRefused, Message

log = logging.getLogger(__name__)

RETRIED_STATUSES = frozenset({408, 425, 429})
_ASCII_TABLE = {ord("đ"): "d", ord("Đ"): "D"}


def e164(phone: str) -> str:
    """A Vietnamese number as +84…: "0912 345 678", "84912345678" and "+84912345678"
    all give "+84912345678"; anything else is refused."""
    digits = re.sub(r"[\s.\-()]", "", phone or "")
    if digits.startswith("+"):
        digits = digits[1:]
    elif digits.startswith("0"):
        digits = "84" + digits[1:]
    if not re.fullmatch(r"84\d{8,10}", digits):
        raise DeliveryRefused("not a Vietnamese phone number", code="phone_invalid")
    return "+" + digits


def sms_text(text: str, *, ascii_only: bool, limit: int) -> str:
    """The text as the gateway gets it: without diacritics when the brand-name route
    demands it (most Vietnamese ones do; a text with marks also costs 70 characters a
    part instead of 160), one line, at most ``limit`` characters."""
    text = " ".join(clean_text(text).split())
    if ascii_only:
        text = unicodedata.normalize("NFD", text.translate(_ASCII_TABLE))
        text = "".join(c for c in text if not unicodedata.combining(c))
        text = text.encode("ascii", "ignore").decode()
    if len(text) > limit:
        text = text[: max(limit - 3, 0)].rstrip() + "..."
    return text


class HttpSmsGateway:
    name = "sms"

    def enabled(self) -> bool:
        return bool(settings.SMS_GATEWAY_URL)

    def reaches(self, message: Message) -> bool:
        return bool(message.phone)

    def request_body(self, message: Message) -> dict[str, str]:
        text = sms_text(message.short_text, ascii_only=settings.SMS_ASCII_ONLY,
                        limit=settings.SMS_MAX_LENGTH)
        to = e164(message.phone)
        reference = hashlib.sha256(f"{to}\n{text}\n{message.report_code}".encode()).hexdigest()
        return {"to": to, "text": text, "sender": settings.SMS_SENDER,
                "reference": reference[:32]}

    def send(self, message: Message) -> None:
        body = self.request_body(message)
        headers = {"Idempotency-Key": body["reference"]}
        if settings.SMS_GATEWAY_TOKEN:
            headers["Authorization"] = f"Bearer {settings.SMS_GATEWAY_TOKEN}"
        response = requests.post(settings.SMS_GATEWAY_URL, json=body, headers=headers,
                                 timeout=settings.SMS_TIMEOUT_SECONDS)
        status = response.status_code
        if 200 <= status < 300:
            return
        if status in RETRIED_STATUSES or status >= 500:
            response.raise_for_status()  # the job queue tries again
        # Never log the number or the text: they are the resident's.
        log.warning("SMS gateway refused a message (HTTP %s)", status)
        raise DeliveryRefused(f"SMS gateway answered HTTP {status}", code=str(status))
