"""The REST API's body parsers: DRF's, refusing U+0000 anywhere in what they read.

PostgreSQL cannot hold U+0000 in text or JSON, so a body carrying it (JSON's "\\u0000", or a
form field) made any view that looked it up or stored it fail with a 500 (the fuzzer found
it in the survey's dossiers). The URL is guarded by core.request_guard; bodies are guarded
here once, for every view that uses the default parsers, with the same 400 and code
``null_character`` naming the top-level field.
"""

from __future__ import annotations

from typing import Any

from rest_framework.parsers import FormParser, JSONParser, MultiPartParser

from smartdistrict.core.request_guard import NUL, null_character_error


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_holds_nul(v) for v in value)
    return False


def refuse_nul(data: Any) -> Any:
    """``data`` unchanged, or InvalidInput naming the first field holding U+0000."""
    if hasattr(data, "lists"):  # a QueryDict: every value of every key
        items = [(key, values) for key, values in data.lists()]
    elif isinstance(data, dict):
        items = list(data.items())
    else:
        items = [("body", data)]
    for key, value in items:
        if _holds_nul(key) or _holds_nul(value):
            raise null_character_error(str(key).replace(NUL, "") or "body")
    return data


class JSONBodyParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return refuse_nul(super().parse(stream, media_type, parser_context))


class FormBodyParser(FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return refuse_nul(super().parse(stream, media_type, parser_context))


class MultiPartBodyParser(MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parsed = super().parse(stream, media_type, parser_context)
        refuse_nul(parsed.data)
        return parsed
