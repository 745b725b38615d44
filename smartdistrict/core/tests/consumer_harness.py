"""A real job consumer (`run_huey`) for test_several_hosts.py, with two changes that make
a day's periodic jobs happen in seconds: its scheduler looks for due periodic jobs every
second instead of every minute (so one consumer also queues the same job several times
per slot), and Huey's clock (only Huey's: read_periodic and the slot stamp) shows a
sequence of minutes shared by every consumer started with the same environment:

    HARNESS_T0_FILE  a file the test writes, once every consumer is up, with the epoch
                     seconds at which the sequence starts
    HARNESS_STEP     real seconds each minute of the sequence lasts
    HARNESS_MINUTES  the minutes (ISO, naive UTC: Huey's clock), comma-separated

Before and after the sequence the clock shows a minute at which no periodic job is due.
Run as ``python -m smartdistrict.core.tests.consumer_harness``.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

DAY = dt.datetime(2026, 3, 2)  # a Monday


def periodic_tasks():
    from django.utils.module_loading import autodiscover_modules
    from huey.contrib.djhuey import HUEY

    autodiscover_modules("tasks")
    return [task_class() for task_class in HUEY._registry._periodic_tasks]


def day_minutes() -> tuple[list[dt.datetime], dt.datetime]:
    """The first minute of DAY at which each periodic job is due (sorted, distinct), and a
    minute at which none is."""
    tasks = periodic_tasks()
    minutes = [DAY + dt.timedelta(minutes=m) for m in range(24 * 60)]
    due = sorted({next(m for m in minutes if task.validate_datetime(m)) for task in tasks})
    quiet = next(m for m in minutes if not any(task.validate_datetime(m) for task in tasks))
    return due, quiet


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartdistrict.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from huey.consumer import Scheduler
    from huey.contrib.djhuey import HUEY

    start_file, step = Path(os.environ["HARNESS_T0_FILE"]), float(os.environ["HARNESS_STEP"])
    sequence = [dt.datetime.fromisoformat(m) for m in os.environ["HARNESS_MINUTES"].split(",")]
    _, quiet = day_minutes()
    started: list[float] = []

    def fake_now() -> dt.datetime:
        if not started:
            if not start_file.exists():
                return quiet
            started.append(float(start_file.read_text()))
        index = int((time.time() - started[0]) // step)
        return sequence[index] if 0 <= index < len(sequence) else quiet

    HUEY._get_timestamp = fake_now
    Scheduler.periodic_task_seconds = 1
    call_command("run_huey", workers=2)


if __name__ == "__main__":
    main()
