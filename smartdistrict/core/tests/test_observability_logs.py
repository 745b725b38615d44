"""Log lines carry time, level, logger and the request id, in JSON lines or logfmt."""

from __future__ import annotations

import io
import json
import logging
import re

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import RequestFactory
from structlog.stdlib import ProcessorFormatter

from smartdistrict.core.observability import logs
from smartdistrict.core.observability.middleware import RequestIdMiddleware


@pytest.fixture
def lines():
    """What the project's formatter writes, for each format asked."""
    streams: dict[str, io.StringIO] = {}
    handlers = []
    root = logging.getLogger()

    def capture(fmt: str) -> io.StringIO:
        stream = streams[fmt] = io.StringIO()
        handler = logging.StreamHandler(stream)
        handler.setFormatter(logs.formatter(fmt))
        handler.setLevel(logging.INFO)
        root.addHandler(handler)
        handlers.append(handler)
        return stream

    yield capture
    for handler in handlers:
        root.removeHandler(handler)


def json_lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


@pytest.mark.django_db
def test_a_request_line_carries_the_incoming_request_id(client, lines):
    stream = lines("json")
    response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a9c.42")
    assert response["X-Request-ID"] == "lb-7f3a9c.42"
    [line] = [r for r in json_lines(stream) if r["logger"] == "smartdistrict.request"]
    assert line["request_id"] == "lb-7f3a9c.42"
    assert line["level"] == "info"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z", line["time"])
    assert (line["message"], line["method"], line["view"], line["status"]) == (
        "request", "GET", "healthz", 200)
    assert line["duration_ms"] >= 0
    assert logs.current_request_id() is None  # nothing leaks past the request


@pytest.mark.parametrize(
    "header", ["", "has space", "new\nline", "x" * 129, "<script>", "é-accent", "-leading"]
)
def test_an_insane_request_id_is_replaced_by_a_new_one(header):
    assert re.fullmatch(r"[0-9a-f]{32}", logs.request_id_from(header))


def test_lines_logged_inside_a_view_carry_the_id_in_logfmt(lines):
    stream = lines("logfmt")

    def view(request):
        logging.getLogger("smartdistrict.feedback").warning("photo refused: %s", "too big")
        return HttpResponse("ok")

    response = RequestIdMiddleware(view)(RequestFactory().post("/report/"))
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)  # none came in: one was made
    [line] = [x for x in stream.getvalue().splitlines() if "smartdistrict.feedback" in x]
    assert re.fullmatch(
        rf'time=\S+Z level=warning logger=smartdistrict\.feedback request_id={request_id} '
        r'message="photo refused: too big"', line
    )
    assert f"request_id={request_id}" in stream.getvalue().splitlines()[-1]  # request line


def test_the_configured_handler_uses_the_structured_formatter():
    assert settings.LOG_FORMAT in logs.FORMATS
    handler = settings.LOGGING["handlers"]["console"]
    assert settings.LOGGING["formatters"][handler["formatter"]]["fmt"] == settings.LOG_FORMAT
    ours = [h for h in logging.getLogger().handlers if isinstance(h.formatter, ProcessorFormatter)]
    assert ours, "the root logger has no structured handler"
    # Huey's consumer adds a plain-text handler to "huey" unless it has one already.
    assert any(isinstance(h.formatter, ProcessorFormatter)
               for h in logging.getLogger("huey").handlers)


def test_an_unknown_format_is_refused():
    with pytest.raises(ValueError, match="LOG_FORMAT must be one of json, logfmt"):
        logs.formatter("xml")


@pytest.mark.django_db
def test_django_s_own_error_response_line_carries_the_id(client, lines):
    """Django logs a 4xx/5xx after the middleware returned: the id comes from the request."""
    stream = lines("json")
    client.get("/no-such-page/", HTTP_X_REQUEST_ID="req-404")
    [line] = [r for r in json_lines(stream) if r["logger"] == "django.request"]
    assert line["request_id"] == "req-404" and line["level"] == "warning"
    assert "request" not in line
