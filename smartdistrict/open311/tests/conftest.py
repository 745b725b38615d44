"""Fixtures of the Open311 tests: an API key, the feedback report factory, helpers."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

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
