"""What /metrics reads of feedback at each scrape (settings.METRICS_SOURCES)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from prometheus_client.core import GaugeMetricFamily

from smartdistrict.core.observability.metrics import gauge
from smartdistrict.feedback.models import OPEN_STATES, Report


def gauges(now: dt.datetime) -> Iterator[GaugeMetricFamily]:
    overdue = Report.objects.filter(status__in=OPEN_STATES, due_at__lt=now).count()
    yield gauge("smartdistrict_reports_overdue_open", "Open reports past their due time.",
                overdue)
