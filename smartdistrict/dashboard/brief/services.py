"""Writes of briefs beside building them (brief.build): where their files go, their
progress, and removing old ones."""

from __future__ import annotations

import contextlib
import datetime as dt

from django.conf import settings
from django.utils import timezone

from smartdistrict.accounts.models import User
from smartdistrict.core.downloads.services import private_storage
from smartdistrict.core.errors import NotFound
from smartdistrict.dashboard.models import Brief, BriefStatus

BRIEF_FOLDER = "briefs"  # in the private storage (core.downloads.private_storage)


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
    storage = private_storage()
    for brief in old:
        for name in (brief.pdf_name, brief.xlsx_name):
            if name:
                with contextlib.suppress(FileNotFoundError, OSError):
                    storage.delete(name)
    Brief.objects.filter(id__in=[b.id for b in old]).delete()
    return len(old)


def brief_progress(brief: Brief, percent: int, step: str,
                   status: str = BriefStatus.RUNNING) -> None:
    brief.progress, brief.step, brief.status = percent, step, status
    brief.save(update_fields=["progress", "step", "status"])
