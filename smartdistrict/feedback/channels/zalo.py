"""Zalo Official Account messages: status updates to residents whose report came in by
Zalo, and the Zalo door's answers in the conversation.

Zalo's "send a customer-service message" API (OA API v3.0, as documented at
developers.zalo.me and used by Zalo's own SDKs, zaloplatform/zalo-java-sdk):

    POST {ZALO_API_URL}/v3.0/oa/message/cs
    access_token: {the OA access token, feedback.channels.zalo_token}
    Content-Type: application/json

    {"recipient": {"user_id": "<the resident's id for this OA>"},
     "message": {"text": "..."}}

    → 200 {"error": 0, "message": "Success", "data": {"message_id": "...", "user_id": "..."}}
    → 200 {"error": -213, "message": "..."}   a refusal: the error number says why

A customer-service message may only be sent within Zalo's window after the resident last
wrote to the OA; outside it (or to a user who blocked the OA, or with a wrong token) Zalo
answers an error number, which is refused for good and logged with its number. HTTP 429,
5xx and network errors are retried by the job queue. Error -216 (the access token is
invalid or expired) renews the token once (``zalo_token_refresh``) and sends once more.
"""

from __future__ import annotations

import logging

import requests
from django.conf import settings

from smartdistrict.core.text import clean_text
from smartdistrict.feedback.channels.base import DeliveryRefused, Kind, Message
from smartdistrict.feedback.channels.zalo_token import zalo_access_token, zalo_token_refresh
from smartdistrict.feedback.models import Channel, ReportConversation

log = logging.getLogger(__name__)

MAX_TEXT = 2000  # Zalo's limit for a text message
SEND_PATH = "/v3.0/oa/message/cs"
TOKEN_INVALID = -216  # Zalo: the access token is invalid or has expired


def zalo_text(message: Message) -> str:
    """The subject and the body as one plain text, within Zalo's length."""
    text = "\n\n".join(part for part in (message.subject, message.body.strip()) if part)
    text = clean_text(text)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 3].rstrip() + "..."


class ZaloChannel:
    name = "zalo"

    def enabled(self) -> bool:
        """From settings alone (no query): a token to seed with, or the app's secret key
        that renews the tokens an operator stored with `smartdistrict zalo_token`."""
        return bool(settings.ZALO_OA_ACCESS_TOKEN or settings.ZALO_OA_REFRESH_TOKEN
                    or settings.ZALO_APP_SECRET_KEY)

    def user_of(self, message: Message) -> str:
        """The Zalo user following the message's report ("" for none)."""
        if message.kind != Kind.STATUS or not message.report_code:
            return ""
        return ReportConversation.objects.filter(
            report__code=message.report_code, channel=Channel.ZALO
        ).values_list("address", flat=True).first() or ""

    def reaches(self, message: Message) -> bool:
        return bool(self.user_of(message))

    def send(self, message: Message) -> None:
        user_id = self.user_of(message)
        if not user_id:
            raise DeliveryRefused("no Zalo conversation for this report", code="no_user")
        self.send_text(user_id, zalo_text(message))

    def send_text(self, user_id: str, text: str) -> str:
        """Send ``text`` to ``user_id``; returns Zalo's message id. A refused access token
        is renewed once and the message sent once more with the new one."""
        token = zalo_access_token()
        answer, error = self._post(token, user_id, text)
        if error == TOKEN_INVALID:
            renewed = zalo_token_refresh(spent=token).access_token
            if renewed and renewed != token:
                answer, error = self._post(renewed, user_id, text)
        if error != 0:
            # The number only: the text and the user are the resident's.
            log.warning("Zalo refused a message (error %s)", error)
            raise DeliveryRefused(f"Zalo answered error {error}", code=str(error))
        return str((answer.get("data") or {}).get("message_id", ""))

    def _post(self, token: str, user_id: str, text: str) -> tuple[dict, int | str]:
        """One send: Zalo's answer and its error number (0 when sent; the HTTP status
        when the answer has none)."""
        response = requests.post(
            settings.ZALO_API_URL.rstrip("/") + SEND_PATH,
            json={"recipient": {"user_id": user_id}, "message": {"text": text[:MAX_TEXT]}},
            headers={"access_token": token},
            timeout=settings.ZALO_TIMEOUT_SECONDS,
        )
        if response.status_code == 429 or response.status_code >= 500:
            response.raise_for_status()  # the job queue tries again
        try:
            answer = response.json()
        except ValueError:
            answer = {}
        if not isinstance(answer, dict):
            answer = {}
        error = answer.get("error")
        if response.status_code != 200 and error in (None, 0):
            error = response.status_code
        try:
            return answer, int(error)
        except (TypeError, ValueError):
            return answer, str(error)
