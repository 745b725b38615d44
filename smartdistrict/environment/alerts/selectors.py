"""Reads of alerts for the staff page: open ones, and the recently cleared."""

from __future__ import annotations

from django.db.models import QuerySet

from smartdistrict.environment.models import Alert


def _alerts() -> QuerySet[Alert]:
    return Alert.objects.select_related(
        "rule", "rule__parameter", "station", "station__ward", "report"
    )


def open_alerts() -> QuerySet[Alert]:
    """Every open alert, newest first (one query)."""
    return _alerts().filter(cleared_at__isnull=True).order_by("-opened_at", "-pk")


def recently_cleared(*, limit: int = 20) -> QuerySet[Alert]:
    """The last cleared alerts, most recently cleared first (one query)."""
    return _alerts().filter(cleared_at__isnull=False).order_by("-cleared_at", "-pk")[:limit]


def open_alert_station_ids() -> set[int]:
    return set(Alert.objects.filter(cleared_at__isnull=True).values_list("station_id",
                                                                          flat=True))


def open_alerts_of(station_ids: list[int] | None = None) -> QuerySet[Alert]:
    """The open alerts (of these stations), oldest first, for the public pages (one
    query): a station whose index cannot be computed may still be polluted."""
    found = _alerts().filter(cleared_at__isnull=True).order_by("opened_at", "pk")
    return found if station_ids is None else found.filter(station_id__in=station_ids)
