"""Periodic jobs run once per period, however many job consumers schedule them.

Every Huey consumer has its own scheduler, and each queues every periodic job that is due
(with N hosts the nightly jobs would run N times). So when a scheduler queues one (Huey's
``enqueued`` signal), the job is stamped with its slot: the latest minute, at or before
now, that its schedule names. Before it runs (a pre-execute hook) a consumer claims
(task, slot) with an insert into PeriodicRun, whose unique constraint lets exactly one
claim succeed across every consumer and host sharing the database; the others cancel
their copy. A retry of the same job (same task id) keeps its claim.

Tests run jobs at once (HUEY immediate): nothing is stamped, nothing is claimed.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from huey import crontab
from huey.api import PeriodicTask
from huey.exceptions import CancelExecution

log = logging.getLogger(__name__)

KEY = "_smartdistrict_slot"
_LOOK_BACK_MINUTES = 8 * 24 * 60  # a weekly schedule's slot is found within 8 days


def local_crontab(**fields: str) -> Callable[[dt.datetime], bool]:
    """A crontab read on the deployment's clock (settings.TIME_ZONE, Asia/Ho_Chi_Minh).

    Huey's scheduler hands its schedules naive UTC times, so a bare ``crontab(hour="3")``
    runs at 03:00 UTC, 10:00 in Vietnam: a "nightly" job in the middle of the working
    morning. Jobs whose hour means something to people are scheduled with this instead."""
    matches = crontab(**fields)

    def validate(moment: dt.datetime) -> bool:
        aware = moment if timezone.is_aware(moment) else moment.replace(tzinfo=dt.UTC)
        return matches(timezone.localtime(aware).replace(tzinfo=None))

    return validate


def slot_of(task: PeriodicTask, moment: dt.datetime) -> dt.datetime:
    """The latest minute at or before ``moment`` (Huey's naive clock) that the task's
    schedule matches; the minute itself if none is found (an unusual schedule)."""
    minute = moment.replace(second=0, microsecond=0)
    for back in range(_LOOK_BACK_MINUTES):
        candidate = minute - dt.timedelta(minutes=back)
        if task.validate_datetime(candidate):
            return candidate
    return minute


def on_enqueued(huey: Any, task: Any) -> None:
    """Stamp a periodic job queued by a scheduler with its slot."""
    if huey.immediate or not isinstance(task, PeriodicTask) or KEY in task.kwargs:
        return
    task.kwargs[KEY] = slot_of(task, huey._get_timestamp()).isoformat()


def _aware(slot: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(slot)
    return timezone.make_aware(moment, dt.UTC) if timezone.is_naive(moment) else moment


def claim(task: Any) -> None:
    """Run the job only if this copy is the first to claim its slot (else cancel it)."""
    slot = task.kwargs.pop(KEY, None)
    if slot is None:
        return
    setattr(task, KEY, slot)
    from smartdistrict.core.models import PeriodicRun

    consumer = f"{socket.gethostname()}:{os.getpid()}"[:200]
    try:
        with transaction.atomic():
            PeriodicRun.objects.create(task=task.name, slot=_aware(slot), task_id=task.id,
                                       consumer=consumer)
    except IntegrityError:
        holder = PeriodicRun.objects.filter(task=task.name, slot=_aware(slot)).first()
        if holder is None or holder.task_id != task.id:
            log.info("periodic job %s of %s already ran elsewhere: skipped", task.name, slot)
            raise CancelExecution(retry=False) from None


def release(task: Any) -> None:
    """Put the stamp back (post-execute), so that a retry keeps its claim."""
    slot = getattr(task, KEY, None)
    if slot is not None:
        task.kwargs[KEY] = slot


def runs_purge(*, days: int = 30) -> int:
    """Forget claims older than ``days`` (the nightly job)."""
    from smartdistrict.core.models import PeriodicRun

    cutoff = timezone.now() - dt.timedelta(days=days)
    return PeriodicRun.objects.filter(started_at__lt=cutoff).delete()[0]
