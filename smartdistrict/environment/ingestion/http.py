"""The JSON batch of POST /api/v1/environment/readings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput
from smartdistrict.environment.ingestion.base import Decoded, Source


def max_batch() -> int:
    return settings.ENVIRONMENT_MAX_BATCH


class HttpBatchSource(Source):
    """``{"readings": [{"station", "parameter", "observed_at", "value", "unit"?}, …]}``.

    A body that is not such an object is refused as a whole (400); each row is then
    judged on its own."""

    name = "http"
    label = "HTTP JSON batch"

    def decode(self, payload: Any, **options: Any) -> Decoded:
        if not isinstance(payload, dict) or not isinstance(payload.get("readings"), list):
            raise InvalidInput(
                _('Send a JSON object {"readings": [...]} with one object per reading.'),
                field="readings", code="malformed_batch",
            )
        rows = payload["readings"]
        if len(rows) > max_batch():
            raise InvalidInput(
                _("Send at most %(count)d readings per request.") % {"count": max_batch()},
                field="readings", code="batch_too_large",
            )
        return Decoded(rows=rows, received=len(rows))
