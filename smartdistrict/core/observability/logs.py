"""Log lines an operator can search: time, level, logger, message and the request id.

Every record, from Django, Huey, gunicorn or our code, goes through one structlog
``ProcessorFormatter`` on the standard library's handlers, so one setting (``LOG_FORMAT``)
turns all of them into JSON lines or logfmt. The request id lives in a context variable
(structlog's contextvars), bound by the request middleware and by the job hooks, so a line
logged anywhere below a request or a job carries it without being passed around.

This module imports no Django: the settings and gunicorn's configuration use it.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

import structlog
from structlog.contextvars import bind_contextvars, get_contextvars, reset_contextvars

FORMATS = ("json", "logfmt")
REQUEST_ID_KEY = "request_id"
# An incoming X-Request-ID is kept when it is a plain token (what proxies and load balancers
# generate: UUIDs, hex, base64url); anything else is replaced, so a client cannot inject
# text into log lines.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:+=/-]{0,127}", re.ASCII)
_KEY_ORDER = ["time", "level", "logger", REQUEST_ID_KEY, "message"]


def request_id_from(header: str | None) -> str:
    """The incoming id when it is sane, else a new one (32 hex digits)."""
    if header and _SANE_REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


def current_request_id() -> str | None:
    return get_contextvars().get(REQUEST_ID_KEY)


def bind(**values: Any) -> dict[str, Any]:
    """Bind values to the current context; returns the tokens ``unbind`` needs."""
    return dict(bind_contextvars(**values))


def unbind(tokens: dict[str, Any]) -> None:
    """Restore what the context held before ``bind`` (safe when a job runs inside a request)."""
    reset_contextvars(**tokens)


def _renderer(fmt: str) -> Any:
    if fmt == "json":
        return structlog.processors.JSONRenderer(ensure_ascii=False)
    return structlog.processors.LogfmtRenderer(
        key_order=_KEY_ORDER, drop_missing=True, bool_as_flag=False
    )


def _request_of_record(logger: Any, method: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """Django logs a 4xx/5xx response after the middleware has left the request's context,
    passing the request itself: take the id from it, and drop the request's repr."""
    request = event_dict.get("request")
    if hasattr(request, "META"):
        del event_dict["request"]
        request_id = getattr(request, "request_id", None)
        if request_id:
            event_dict.setdefault(REQUEST_ID_KEY, request_id)
    return event_dict


def formatter(fmt: str) -> structlog.stdlib.ProcessorFormatter:
    """The formatter of every handler: ``fmt`` is ``json`` or ``logfmt``."""
    if fmt not in FORMATS:
        raise ValueError(f"LOG_FORMAT must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=[
            structlog.contextvars.merge_contextvars,
            structlog.stdlib.add_logger_name,
            structlog.stdlib.add_log_level,
            structlog.stdlib.ExtraAdder(),
            _request_of_record,
            structlog.processors.TimeStamper(fmt="iso", utc=True, key="time"),
        ],
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            structlog.processors.EventRenamer("message"),
            _renderer(fmt),
        ],
    )


def logging_config(fmt: str, level: str) -> dict[str, Any]:
    """``LOGGING`` for Django (and ``logconfig_dict`` for gunicorn): one stderr handler.

    The ``huey`` logger gets the handler itself (and does not propagate) because Huey's
    consumer adds its own plain-text handler to that logger when it has none.
    """
    handler = {"class": "logging.StreamHandler", "formatter": "structured"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "structured": {"()": "smartdistrict.core.observability.logs.formatter", "fmt": fmt}
        },
        "handlers": {"console": handler},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "huey": {"handlers": ["console"], "level": level, "propagate": False},
            "gunicorn.error": {"handlers": ["console"], "level": level, "propagate": False},
            "gunicorn.access": {"handlers": ["console"], "level": level, "propagate": False},
        },
    }
