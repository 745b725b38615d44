"""Optional error reporting to any Sentry-protocol service (Sentry, GlitchTip, …).

Initialised from the settings only when ``SENTRY_DSN`` is set. Residents' data stays home:
no request bodies, cookies or user details are sent (``send_default_pii`` off, bodies
never), and each event is tagged with the request id so it can be matched to log lines.
This module imports no Django (the settings call it).
"""

from __future__ import annotations

from typing import Any

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration
from sentry_sdk.integrations.huey import HueyIntegration
from sentry_sdk.integrations.logging import LoggingIntegration

from smartdistrict.core.observability import logs


def _tag_request_id(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    request_id = logs.current_request_id()
    if request_id:
        event.setdefault("tags", {})[logs.REQUEST_ID_KEY] = request_id
    return event


def sentry_init(
    *, dsn: str, environment: str = "", release: str = "", traces_sample_rate: float = 0.0
) -> None:
    """Start reporting unhandled errors (web and jobs) and ERROR log lines to ``dsn``."""
    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        release=release or None,
        traces_sample_rate=traces_sample_rate,
        send_default_pii=False,
        max_request_body_size="never",
        before_send=_tag_request_id,
        integrations=[DjangoIntegration(), HueyIntegration(), LoggingIntegration()],
    )
