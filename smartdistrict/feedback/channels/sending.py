"""Sending a message through every channel that reaches its recipient.

``send`` tries each channel now; one that fails is retried by a job (five times, five
minutes apart) without holding up the others; one that refuses for good is logged and
left. ``send_on_commit`` queues the whole sending as a job once the caller's transaction
commits (never for a rolled-back change), for code that runs inside a request.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction
from huey.contrib.djhuey import db_task

from smartdistrict.feedback.channels.base import DeliveryRefused, Message
from smartdistrict.feedback.channels.registry import channel_named, enabled_channels

log = logging.getLogger(__name__)


def send(message: Message, *, via: Iterable[str] | None = None) -> list[str]:
    """Send ``message`` through every enabled channel (or only those named in ``via``)
    that reaches its recipient. Returns the names of the channels that took it (sent, or
    queued for another try); an empty list means nobody could be reached."""
    wanted = set(via) if via is not None else None
    taken = []
    for channel in enabled_channels():
        if wanted is not None and channel.name not in wanted:
            continue
        if not channel.reaches(message):
            continue
        try:
            channel.send(message)
        except DeliveryRefused as refusal:
            # No address or text in the log: they are the resident's.
            log.warning("channel %s refused a %s message (%s)", channel.name, message.kind,
                        refusal.code or refusal)
            continue
        except Exception as error:  # one failing channel must not stop the others
            log.warning("channel %s failed for a %s message (%s); retrying later",
                        channel.name, message.kind, type(error).__name__)
            channel_retry(channel.name, message.as_data())
        taken.append(channel.name)
    return taken


def send_on_commit(message: Message, *, via: Iterable[str] | None = None) -> None:
    """Queue ``send(message, via=via)`` as a job once the current transaction commits."""
    data, names = message.as_data(), (list(via) if via is not None else None)
    transaction.on_commit(lambda: channels_send(data, names))


@db_task(retries=3, retry_delay=60)
def channels_send(data: dict, via: list[str] | None = None) -> list[str]:
    return send(Message(**data), via=via)


@db_task(retries=5, retry_delay=300)
def channel_retry(name: str, data: dict) -> None:
    """One more try of one channel for one message (raises so the queue tries again)."""
    channel = channel_named(name)
    message = Message(**data)
    if channel is None or not channel.reaches(message):
        return
    try:
        channel.send(message)
    except DeliveryRefused as refusal:
        log.warning("channel %s refused a %s message on retry (%s)", name, message.kind,
                    refusal.code or refusal)
