"""Notification channels: e-mail, SMS, and any other listed in NOTIFICATION_CHANNELS.

The interface other code uses (docs/channels.md):

    from smartdistrict.feedback.channels import Kind, Message, send, send_on_commit

    send(Message(phone="0912345678", subject="…", body="…", sms="Ma xac thuc: 123456",
                 kind=Kind.CODE), via=["sms"])

``send`` returns the names of the channels that took the message; ``send_on_commit``
queues it as a job after the transaction commits.
"""

from smartdistrict.feedback.channels.base import Channel, DeliveryRefused, Kind, Message
from smartdistrict.feedback.channels.registry import (
    all_channels,
    channel_named,
    enabled_channels,
)
from smartdistrict.feedback.channels.sending import (
    channel_retry,
    channels_send,
    send,
    send_on_commit,
)

__all__ = [
    "Channel",
    "DeliveryRefused",
    "Kind",
    "Message",
    "all_channels",
    "channel_named",
    "channel_retry",
    "channels_send",
    "enabled_channels",
    "send",
    "send_on_commit",
]
