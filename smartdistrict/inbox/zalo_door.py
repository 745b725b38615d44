"""The Zalo door: a resident writes to the city's Official Account, and the conversation
becomes a report through feedback's one intake.

Zalo posts each event to the webhook (``inbox.views.zalo_webhook``) as JSON, signed in
the header ``X-ZEvent-Signature: mac=<hex>`` where the hex is
``sha256(app_id + raw body + timestamp + OA secret key)`` (``app_id`` and ``timestamp``
are the event's own fields). The events read here (docs/channels.md shows them whole):

    user_send_text      {"event_name": "user_send_text", "app_id": "…", "timestamp": "…",
                         "sender": {"id": "<user>"}, "recipient": {"id": "<OA>"},
                         "message": {"msg_id": "…", "text": "Ổ gà …"}}
    user_send_location  "message": {"msg_id": "…", "text": "…", "attachments": [{"type":
                         "location", "payload": {"coordinates": {"latitude": "10.80",
                         "longitude": "106.71"}}}]}
    user_send_image     "message": {"msg_id": "…", "text": "…", "attachments": [{"type":
                         "image", "payload": {"url": "https://…", "thumbnail": "…"}}]}

Someone who writes without following the OA sends ``anonymous_send_*`` events (with a
``message.conversation_id``); Zalo answers them by another path than the
customer-service message, one no source at hand documents. They are kept as received
(outcome "received, not yet handled") for staff to answer in Zalo's own OA chat, and not
made into reports (docs/channels.md).

A conversation (``ZaloConversation``) gathers text, a shared location and photos until it
has a text and a place (the location, or an address in the text the geography app
resolves); then it becomes one report and the resident is answered with its code. Later
messages of the conversation are added to that report. Every event is kept as received
(``InboundMessage``); a redelivered event (same ``msg_id``) is handled once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from smartdistrict.core.errors import DomainError
from smartdistrict.feedback.channels.base import DeliveryRefused
from smartdistrict.feedback.channels.zalo import ZaloChannel
from smartdistrict.feedback.models import Channel, ReportConversation
from smartdistrict.feedback.photos import MAX_PHOTOS, photo_limits
from smartdistrict.feedback.report_input import Field, IntakeRefused, Place, ReportInput
from smartdistrict.feedback.services.intake import report_create
from smartdistrict.feedback.services.residents import report_resident_message
from smartdistrict.inbox.common import (
    address_in,
    category_for_text,
    inbound_keep,
    outcome_of,
    track_link,
)
from smartdistrict.inbox.models import Door, InboundMessage, Outcome, ZaloConversation

log = logging.getLogger(__name__)

HANDLED = frozenset({"user_send_text", "user_send_location", "user_send_image"})
ANONYMOUS = "anonymous_"  # anonymous_send_text, anonymous_send_image, …


def signature_valid(raw: bytes, event: dict[str, Any], header: str) -> bool:
    """Whether ``header`` (X-ZEvent-Signature, with or without its ``mac=``) is Zalo's
    signature of this body for this OA: sha256(app_id + body + timestamp + secret)."""
    secret = settings.ZALO_OA_SECRET_KEY
    app_id = str(event.get("app_id") or "")
    if not secret or not app_id or (settings.ZALO_APP_ID and app_id != settings.ZALO_APP_ID):
        return False
    given = header.strip()
    if given.lower().startswith("mac="):
        given = given[4:].strip()
    timestamp = str(event.get("timestamp") or "")
    expected = hashlib.sha256(
        app_id.encode() + raw + timestamp.encode() + secret.encode()
    ).hexdigest()
    return hmac.compare_digest(given.lower(), expected)


def zalo_event_receive(raw: bytes, event: dict[str, Any]) -> InboundMessage:
    """Handle one verified event. Never raises: it is stored first, and a failure is
    recorded with it."""
    name = str(event.get("event_name") or "")
    user = str((event.get("sender") or {}).get("id") or "")[:100]
    message = event.get("message") if isinstance(event.get("message"), dict) else {}
    msg_id = str(message.get("msg_id") or "")[:300]
    if msg_id:
        seen = InboundMessage.objects.filter(door=Door.ZALO, message_id=msg_id).first()
        if seen is not None:
            return seen  # Zalo delivered it again
    stored = inbound_keep(door=Door.ZALO, raw=raw, sender=user, subject=name)
    stored.message_id = msg_id
    try:
        with translation.override(settings.LANGUAGE_CODE):
            _handle(stored, name, user, message)
    except Exception as error:  # kept for staff to see
        log.exception("Zalo intake failed for event %s", stored.pk)
        outcome_of(stored, Outcome.FAILED, reason=type(error).__name__)
    return stored


def _handle(stored: InboundMessage, name: str, user: str, message: dict) -> None:
    if name.startswith(ANONYMOUS):
        outcome_of(stored, Outcome.RECEIVED, reason=f"{name}: an anonymous sender is "
                   "not answered here; answer in Zalo's OA chat")
        return
    if name not in HANDLED or not user:
        outcome_of(stored, Outcome.IGNORED, reason=name or "no event_name")
        return
    text, point, urls = _contents(message)
    conversation = _conversation(user)
    if conversation.report is not None:
        _add_to_report(stored, conversation, text, urls)
        return
    if text:
        conversation.text = f"{conversation.text}\n{text}".strip()
    if point is not None:
        conversation.lat, conversation.lon = point
    conversation.photo_urls = (conversation.photo_urls + urls)[:MAX_PHOTOS]
    conversation.save()
    if not conversation.text:
        _say(user, _("Thank you. Please tell us in a few words what the problem is."))
        outcome_of(stored, Outcome.WAITING, reason="no text yet")
        return
    place = (Place(lat=conversation.lat, lon=conversation.lon)
             if conversation.lat is not None else Place(address=address_in(conversation.text)))
    try:
        report, _created = report_create(data=ReportInput(
            category=category_for_text(conversation.text),
            description=conversation.text,
            place=place,
            photos=_photos(conversation.photo_urls),
            channel=Channel.ZALO,
            idempotency_key=f"conversation-{conversation.pk}",
            client="zalo",
        ))
    except IntakeRefused as refused:
        if conversation.lat is None and all(e.field in (Field.PLACE, Field.ADDRESS)
                                            for e in refused.errors):
            _say(user, _("Thank you. Where is it? Share the location (in Zalo: + then "
                         "Location), or write the street and the ward."))
            outcome_of(stored, Outcome.WAITING, reason="no place yet")
            return
        reasons = "\n".join(f"- {error.message}" for error in refused.errors)
        _say(user, _("We could not take this as a report yet:") + "\n" + reasons)
        outcome_of(stored, Outcome.REFUSED,
                   reason=", ".join(f"{e.field}:{e.code}" for e in refused.errors))
        return
    conversation.report = report
    conversation.save(update_fields=["report"])
    ReportConversation.objects.get_or_create(report=report, channel=Channel.ZALO,
                                             defaults={"address": user})
    _say(user, _(
        "We have received your report %(code)s. It is with %(department)s, due by "
        "%(due)s. We will tell you here when it changes.\nFollow it: %(link)s\nTo add "
        "photos or details, send them here."
    ) % {"code": report.code, "department": report.department.name,
         "due": timezone.localtime(report.due_at).strftime("%H:%M %d/%m/%Y"),
         "link": track_link(report)})
    outcome_of(stored, Outcome.CREATED, report=report)


def _add_to_report(stored: InboundMessage, conversation: ZaloConversation, text: str,
                   urls: list[str]) -> None:
    report = conversation.report
    try:
        report_resident_message(report=report, text=text, photos=_photos(urls),
                                door=Door.ZALO)
    except DomainError as error:
        _say(conversation.user_id, _("We could not add this to report %(code)s: "
                                     "%(reason)s") % {"code": report.code,
                                                      "reason": error.message})
        outcome_of(stored, Outcome.REFUSED, reason=error.code, report=report)
        return
    conversation.save(update_fields=["updated_at"])
    _say(conversation.user_id, _("Added to your report %(code)s.") % {"code": report.code})
    outcome_of(stored, Outcome.ADDED, report=report)


def _contents(message: dict) -> tuple[str, tuple[Any, Any] | None, list[str]]:
    """The event's text, shared point and photo addresses."""
    text = str(message.get("text") or "").strip()
    point, urls = None, []
    for attachment in message.get("attachments") or []:
        if not isinstance(attachment, dict):
            continue
        payload = attachment.get("payload") if isinstance(attachment.get("payload"), dict) else {}
        if attachment.get("type") == "location":
            coordinates = payload.get("coordinates") or {}
            lat = coordinates.get("latitude", coordinates.get("lat"))
            lon = coordinates.get("longitude", coordinates.get("long"))
            if lat not in (None, "") and lon not in (None, ""):
                point = (lat, lon)
            text = ""  # a shared location's text is the place's name, not the problem
        elif attachment.get("type") == "image" and payload.get("url"):
            urls.append(str(payload["url"]))
    return text, point, urls


def _conversation(user: str) -> ZaloConversation:
    now = timezone.now()
    since = now - dt.timedelta(minutes=settings.ZALO_CONVERSATION_MINUTES)
    conversation = (ZaloConversation.objects.filter(user_id=user, updated_at__gte=since)
                    .select_related("report").order_by("-updated_at").first())
    if conversation is None:
        conversation = ZaloConversation(user_id=user, started_at=now)
    conversation.updated_at = now
    return conversation


def _photos(urls: list[str]) -> list[bytes]:
    """The photos behind ``urls`` (only from Zalo's content servers, ZALO_MEDIA_HOSTS, and
    at most the photo size limit each); one that cannot be fetched is left out."""
    photos = []
    limit = photo_limits().max_bytes
    for url in urls[:MAX_PHOTOS]:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        allowed = any(host == h or host.endswith("." + h) for h in settings.ZALO_MEDIA_HOSTS)
        if parts.scheme not in ("http", "https") or not allowed:
            log.warning("Zalo photo from a host that is not Zalo's was left out")
            continue
        try:
            with requests.get(url, timeout=settings.ZALO_TIMEOUT_SECONDS, stream=True) as got:
                got.raise_for_status()
                data = got.raw.read(limit + 1, decode_content=True)
        except requests.RequestException as error:
            log.warning("a Zalo photo could not be fetched (%s)", type(error).__name__)
            continue
        photos.append(data)  # one over the limit is refused by the photo pipeline
    return photos


def _say(user: str, text: str) -> None:
    """Answer in the conversation; an answer that cannot be sent never stops intake."""
    channel = ZaloChannel()
    if not channel.enabled():
        return
    try:
        channel.send_text(user, text)
    except DeliveryRefused:
        pass  # logged by the channel with Zalo's error number
    except requests.RequestException as error:
        log.warning("Zalo answer not sent (%s)", type(error).__name__)
