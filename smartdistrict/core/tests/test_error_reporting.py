"""Error reports go to the DSN's service only when ``SENTRY_DSN`` is set, tagged with the
request id and without residents' data."""

from __future__ import annotations

import gzip
import http.server
import json
import os
import subprocess
import sys
import threading

import sentry_sdk

SCRIPT = r"""
import logging
import django
django.setup()
import sentry_sdk
from django.test import RequestFactory
from django.http import HttpResponse
from smartdistrict.core.observability.middleware import RequestIdMiddleware

assert sentry_sdk.get_client().is_active()

def view(request):
    try:
        1 / 0
    except ZeroDivisionError:
        logging.getLogger("smartdistrict.feedback").exception("could not route report")
    return HttpResponse("ok")

request = RequestFactory().post("/report/", {"phone": "0903123456"},
                                HTTP_X_REQUEST_ID="req-sentry-1")
RequestIdMiddleware(view)(request)
sentry_sdk.flush(timeout=10)
"""


class Collector(http.server.BaseHTTPRequestHandler):
    received: list[bytes] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        Collector.received.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


def test_reporting_is_off_without_a_dsn():
    assert not os.environ.get("SENTRY_DSN")
    assert not sentry_sdk.get_client().is_active()


def test_an_error_reaches_the_dsn_with_the_request_id_and_no_personal_data(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Collector)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Collector.received = []
    env = {
        **os.environ, "DJANGO_SETTINGS_MODULE": "smartdistrict.settings",
        "SENTRY_DSN": f"http://publickey@127.0.0.1:{server.server_port}/7",
        "SENTRY_ENVIRONMENT": "test", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SMARTDISTRICT_VAR_DIR": str(tmp_path),
    }
    try:
        run = subprocess.run(  # noqa: S603 (this interpreter, our script)
            [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120
        )
    finally:
        server.shutdown()
    assert run.returncode == 0, run.stderr
    events = []
    for envelope in Collector.received:
        for line in envelope.splitlines():
            try:
                item = json.loads(line)
            except ValueError:
                continue
            if isinstance(item, dict) and "exception" in item:
                events.append(item)
    [event] = events
    assert event["exception"]["values"][-1]["type"] == "ZeroDivisionError"
    assert event["tags"]["request_id"] == "req-sentry-1"
    assert event["environment"] == "test"
    assert event["release"].startswith("smartdistrict@")
    assert b"0903123456" not in b"".join(Collector.received)
