"""The SMTP listener of the e-mail door (aiosmtpd): every message it accepts is handed to
``email_door.mail_receive`` and stored before the listener answers 250, so a message is
either kept here or still with the sending server (which retries after a 451).

The database is used from one worker thread (the ORM is synchronous; SQLite takes one
writer at a time), never from the listener's event loop.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import close_old_connections, connections

from smartdistrict.inbox.email_door import mail_receive

log = logging.getLogger(__name__)


def _receive(raw: bytes, envelope_sender: str) -> None:
    close_old_connections()
    try:
        mail_receive(raw, envelope_sender=envelope_sender)
    finally:
        close_old_connections()


class IntakeHandler:
    """aiosmtpd handler: accepts any recipient (the mail exchanger in front decides which
    addresses reach us) and hands each message to the e-mail door."""

    def __init__(self) -> None:
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="smtp-intake")

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content or b""
        if isinstance(raw, str):
            raw = raw.encode("utf-8", "surrogateescape")
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self.executor, _receive, raw, envelope.mail_from or "")
        except Exception:  # the database is unreachable: the sender keeps it and retries
            log.exception("e-mail intake could not store a message")
            return "451 4.3.0 Temporary failure, please try again later"
        return "250 2.0.0 Message accepted"

    def close(self) -> None:
        """Close the worker thread's database connection, then the thread."""
        self.executor.submit(connections.close_all).result()
        self.executor.shutdown(wait=True)


def intake_listener(host: str | None = None, port: int | None = None) -> Controller:
    """A listener (not started) on ``host``:``port`` (default the EMAIL_INTAKE_ settings);
    ``start()`` runs it in its own thread, ``stop()`` ends it."""
    return Controller(
        IntakeHandler(),
        hostname=host or settings.EMAIL_INTAKE_HOST,
        port=port if port is not None else settings.EMAIL_INTAKE_PORT,
        server_hostname=settings.EMAIL_INTAKE_ADDRESS.rpartition("@")[2] or None,
        data_size_limit=settings.EMAIL_INTAKE_MAX_BYTES,
        enable_SMTPUTF8=True,
    )
