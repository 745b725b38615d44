"""Background jobs of the dashboard (Huey).

- ``dashboard_refresh``: every DASHBOARD_REFRESH_MINUTES (default 5) brings the
  aggregates up to date with the reports changed since the last run;
- ``dashboard_check``: nightly at DASHBOARD_CHECK_HOUR:15 local time (default 03:15)
  recomputes everything beside the aggregates, logs any drift and repairs it, and
  removes briefs older than DASHBOARD_BRIEF_KEEP_DAYS;
- ``brief_build_job`` (defined in brief.build, listed here): builds a meeting brief
  (PDF and Excel) that a user asked for.
Refresh and check share one lease (facts_lock), so they never interleave.
"""

from __future__ import annotations

import logging

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from smartdistrict.core.periodic import local_crontab
from smartdistrict.dashboard.brief.build import brief_build_job
from smartdistrict.dashboard.brief.services import briefs_purge
from smartdistrict.dashboard.facts.check import facts_check
from smartdistrict.dashboard.facts.refresh import (
    Locked,
    facts_lock,
    facts_refresh,
    refresh_minutes,
)

__all__ = ["brief_build_job", "dashboard_check", "dashboard_refresh"]

log = logging.getLogger(__name__)


def _every(minutes: int) -> crontab:
    if minutes >= 60:
        return crontab(minute="0", hour=f"*/{max(1, minutes // 60)}")
    return crontab(minute=f"*/{minutes}")


@db_periodic_task(_every(refresh_minutes()))
def dashboard_refresh() -> int | None:
    try:
        with facts_lock():
            return facts_refresh().changed
    except Locked:
        log.info("dashboard refresh skipped: another refresh or check is running")
        return None


@db_periodic_task(local_crontab(hour=str(settings.DASHBOARD_CHECK_HOUR), minute="15"))
def dashboard_check() -> bool | None:
    """Nightly; returns whether drift was found (and repaired)."""
    briefs_purge()
    try:
        with facts_lock():
            return facts_check(fix=True).found
    except Locked:
        log.warning("dashboard check skipped: a refresh is running")
        return None
