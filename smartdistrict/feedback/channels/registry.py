"""Which channels exist: a list of classes in settings (NOTIFICATION_CHANNELS), not
import side effects. Each decides from its own settings whether it is enabled."""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from smartdistrict.feedback.channels.base import Channel


@cache
def _instances(paths: tuple[str, ...]) -> tuple[Channel, ...]:
    return tuple(import_string(path)() for path in paths)


def all_channels() -> tuple[Channel, ...]:
    """Every listed channel, enabled or not, in the listed order."""
    return _instances(tuple(settings.NOTIFICATION_CHANNELS))


def enabled_channels() -> list[Channel]:
    """The listed channels whose settings are filled in, in the listed order."""
    return [channel for channel in all_channels() if channel.enabled()]


def channel_named(name: str) -> Channel | None:
    """The enabled channel called ``name`` ("email", "sms", "zalo"), else None."""
    return next((c for c in enabled_channels() if c.name == name), None)
