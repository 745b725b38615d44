"""smartdistrict smtp_intake [--host 127.0.0.1] [--port 2525]: the e-mail door's SMTP
listener, in the foreground until Ctrl+C or SIGTERM (docs/channels.md)."""

from __future__ import annotations

import signal
import threading

from django.conf import settings
from django.core.management.base import BaseCommand

from smartdistrict.inbox.smtp import intake_listener


class Command(BaseCommand):
    help = "Receive reports by e-mail: an SMTP listener that turns each message into a report."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--host", default=settings.EMAIL_INTAKE_HOST)
        parser.add_argument("--port", type=int, default=settings.EMAIL_INTAKE_PORT)

    def handle(self, *args, host: str, port: int, **options) -> None:
        listener = intake_listener(host, port)
        stop = threading.Event()
        for name in (signal.SIGINT, signal.SIGTERM):
            signal.signal(name, lambda *_: stop.set())
        listener.start()
        self.stdout.write(f"e-mail intake listening on {host}:{port}")
        try:
            stop.wait()
        finally:
            listener.stop()
            listener.handler.close()
            self.stdout.write("e-mail intake stopped")
