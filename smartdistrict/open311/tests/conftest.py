"""Fixtures of the Open311 tests: an API key, the feedback report factory, helpers."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from PIL import Image

from smartdistrict.feedback.tests.conftest import (  # noqa: F401 — fixtures reused
    WARD_POINTS,
    make_report,
    officer,
)
from smartdistrict.open311.services import api_key_create

BASE = "/open311/v2/"


@pytest.fixture
def api_key(db) -> str:
    _record, raw = api_key_create(name="Test app")
    return raw


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def xml_to_python(content: bytes):
    """Parse the spec's XML back into the JSON shape (lists of dicts, text values)."""
    root = ET.fromstring(content)  # noqa: S314 — our own output, in a test
    return _node(root)


_LISTS = {"services", "service_requests", "errors", "attributes", "values", "notes",
          "endpoints", "formats", "extensions"}


def _node(element):
    children = list(element)
    if element.tag in _LISTS:
        return [_node(child) for child in children]
    if not children:
        return element.text or ""
    return {child.tag: _node(child) for child in children}


def normalise(value):
    """JSON values as XML carries them: null → "", booleans → true/false, numbers → text."""
    if isinstance(value, list):
        return [normalise(v) for v in value]
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items()}
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def get(client, path, **params):
    """GET ``path`` under BASE with ``params`` as the query string."""
    return client.get(BASE + path, params)


def ids(response) -> list[str]:
    """The service_request_id of each row of a 200 JSON list, in order."""
    assert response.status_code == 200, response.content
    return [r["service_request_id"] for r in response.json()]


def days_ago(days: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def jpeg() -> io.BytesIO:
    """A small red JPEG, named as an upload is."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(buffer, "JPEG")
    buffer.seek(0)
    buffer.name = "photo.jpg"
    return buffer
