"""Writes of briefs: asking for one, and removing old ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from smartdistrict.accounts.models import User
from smartdistrict.core.errors import NotFound
from smartdistrict.dashboard.models import Brief, BriefStatus
from smartdistrict.dashboard.selectors.scope import Period, selection_for


def brief_dir() -> Path:
    """Where briefs are written (DASHBOARD_BRIEF_DIR; default var/private/briefs): not under
    MEDIA_ROOT, which is served to anyone. Files go out only through the download view."""
    folder = Path(settings.DASHBOARD_BRIEF_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def brief_request(*, user: User, period: Period, unit_code: str = "") -> Brief:
    """Record the request and queue its building (after the commit, so the worker finds it)."""
    selection_for(user, unit_code)  # refuses an unknown unit now rather than in the job
    with transaction.atomic():
        brief = Brief.objects.create(requested_by=user, start=period.start, end=period.end,
                                     unit_code=unit_code)
        from smartdistrict.dashboard.tasks import brief_build

        transaction.on_commit(lambda: brief_build(str(brief.id)))
    brief.refresh_from_db()
    return brief


def brief_for(user: User, brief_id) -> Brief:
    """The brief if ``user`` asked for it; otherwise it does not exist for them."""
    brief = Brief.objects.filter(id=brief_id, requested_by=user).first()
    if brief is None:
        raise NotFound(code="brief_not_found")
    return brief


def briefs_purge(*, days: int | None = None, now: dt.datetime | None = None) -> int:
    """Delete briefs (and their files) older than DASHBOARD_BRIEF_KEEP_DAYS (default 30)."""
    days = days if days is not None else settings.DASHBOARD_BRIEF_KEEP_DAYS
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    old = list(Brief.objects.filter(created_at__lt=cutoff))
    for brief in old:
        for name in (brief.pdf_name, brief.xlsx_name):
            if name:
                (brief_dir() / name).unlink(missing_ok=True)
    Brief.objects.filter(id__in=[b.id for b in old]).delete()
    return len(old)


def brief_progress(brief: Brief, percent: int, step: str,
                   status: str = BriefStatus.RUNNING) -> None:
    brief.progress, brief.step, brief.status = percent, step, status
    brief.save(update_fields=["progress", "step", "status"])
