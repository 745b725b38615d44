"""The Zalo webhook: a thin door that checks Zalo's signature and hands the event on."""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from smartdistrict.inbox.zalo_door import signature_valid, zalo_event_receive

log = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def zalo_webhook(request: HttpRequest) -> JsonResponse:
    """POST /zalo/webhook: 200 once the event is kept; 401 for a body Zalo did not sign
    (nothing is stored); 400 for a body that is not a JSON object; 404 when the OA's keys
    are not configured here."""
    if not settings.ZALO_OA_SECRET_KEY:
        return JsonResponse({"error": "not_configured"}, status=404)
    raw = request.body
    try:
        event = json.loads(raw)
    except ValueError:
        event = None
    if not isinstance(event, dict):
        return JsonResponse({"error": "json_invalid"}, status=400)
    if not signature_valid(raw, event, request.headers.get("X-ZEvent-Signature", "")):
        log.warning("Zalo webhook: a request with a wrong signature was refused")
        return JsonResponse({"error": "signature_invalid"}, status=401)
    stored = zalo_event_receive(raw, event)
    return JsonResponse({"received": True, "outcome": stored.outcome})
