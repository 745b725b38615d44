"""Readiness of geography for /readyz (settings.READINESS_CHECKS): the jurisdiction's
unit exists and today's wards have boundaries, so point lookups work."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from smartdistrict.geography.models import Boundary, Jurisdiction, Level, Unit
from smartdistrict.geography.selectors import today


def geography_state(alias: str = "default") -> dict[str, Any]:
    try:
        loaded = Jurisdiction.objects.using(alias)
        if settings.SMARTDISTRICT_JURISDICTION:
            loaded = loaded.filter(code=settings.SMARTDISTRICT_JURISDICTION)
        jurisdiction = loaded.exists()
        wards = Boundary.objects.using(alias).filter(
            unit__in=Unit.objects.using(alias).valid_on(today()).filter(level=Level.WARD)
        ).count()
    except Exception as exc:  # tables missing before migrate
        return {"ok": False, "error": str(exc)[:200]}
    return {"ok": jurisdiction and wards > 0, "jurisdiction": jurisdiction, "wards": wards}
