"""Periodic jobs run once per period however many consumers queue them (core.periodic).

Each consumer's scheduler queues every due periodic job; here two schedulers queue the
same job for the same minute several times, and a worker runs every copy: the job body
runs once per minute. The real consumers (two processes, shared Redis and database) are
exercised by test_several_hosts.py."""

from __future__ import annotations

import datetime as dt

import pytest
from huey import MemoryHuey, crontab

from smartdistrict.core.models import PeriodicRun
from smartdistrict.core.observability import jobs
from smartdistrict.core.periodic import slot_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def huey():
    queue = MemoryHuey("harden-periodic-test", immediate=False, utc=True)
    jobs.install(queue)
    return queue


def _run_all(huey) -> None:
    while (task := huey.dequeue()) is not None:
        huey.execute(task)


def test_copies_queued_by_several_schedulers_run_once_per_slot(huey):
    ran: list[str] = []

    @huey.periodic_task(crontab(minute="*/10"), name="probe_every_ten")
    def probe():
        ran.append("probe")

    clock = {"now": dt.datetime(2026, 3, 2, 2, 30, 5)}
    huey._get_timestamp = lambda: clock["now"]
    for _scheduler in range(2):  # two consumers
        for second in (5, 25, 45):  # each checks a few times in the minute
            clock["now"] = dt.datetime(2026, 3, 2, 2, 30, second)
            for task in huey.read_periodic(clock["now"]):
                huey.enqueue(task)
    _run_all(huey)
    assert ran == ["probe"]
    run = PeriodicRun.objects.get()
    assert run.task == "probe_every_ten" and run.slot.minute == 30

    clock["now"] = dt.datetime(2026, 3, 2, 2, 31, 0)  # queued late, still the 02:30 slot
    huey.enqueue(probe.s())
    _run_all(huey)
    assert ran == ["probe"]
    clock["now"] = dt.datetime(2026, 3, 2, 2, 40, 1)  # the next slot runs again
    for task in huey.read_periodic(clock["now"]):
        huey.enqueue(task)
    _run_all(huey)
    assert ran == ["probe"] * 2 and PeriodicRun.objects.count() == 2


def test_the_slot_is_the_schedules_latest_minute(huey):
    @huey.periodic_task(crontab(hour="3", minute="15"), name="nightly_probe")
    def nightly():
        return None

    task = nightly.s()
    assert slot_of(task, dt.datetime(2026, 3, 2, 3, 15, 59)) == dt.datetime(2026, 3, 2, 3, 15)
    # a copy run late (a busy queue) still belongs to its night
    assert slot_of(task, dt.datetime(2026, 3, 2, 9, 0)) == dt.datetime(2026, 3, 2, 3, 15)
    assert slot_of(task, dt.datetime(2026, 3, 2, 3, 14)) == dt.datetime(2026, 3, 1, 3, 15)


def test_tests_running_jobs_at_once_are_not_stamped():
    from huey.contrib.djhuey import HUEY

    from smartdistrict.feedback.tasks import mark_overdue

    assert HUEY.immediate
    mark_overdue()
    mark_overdue()
    assert not PeriodicRun.objects.exists()


def test_nightly_jobs_run_at_night_in_vietnam_not_at_night_in_utc():
    from smartdistrict.core.periodic import local_crontab

    nightly = local_crontab(hour="3", minute="15")
    # Huey's scheduler asks with naive UTC times: 20:15 UTC is 03:15 in Hồ Chí Minh City.
    assert nightly(dt.datetime(2026, 12, 7, 20, 15))
    assert not nightly(dt.datetime(2026, 12, 7, 3, 15))  # 10:15 in the morning there
    assert nightly(dt.datetime(2026, 12, 7, 20, 15, tzinfo=dt.UTC))


def test_the_project_s_nightly_jobs_are_scheduled_on_local_time():
    from smartdistrict.dashboard.tasks import dashboard_check
    from smartdistrict.environment.tasks import dead_letters_purge_old
    from smartdistrict.feedback.tasks import purge_personal_data, retrain_suggester

    for job, local in ((dashboard_check, (3, 15)), (purge_personal_data, (1, 20)),
                       (retrain_suggester, (2, 30)), (dead_letters_purge_old, (3, 40))):
        utc = dt.datetime(2026, 12, 7, *local) - dt.timedelta(hours=7)
        assert job.task_class().validate_datetime(utc), job.name
        assert not job.task_class().validate_datetime(dt.datetime(2026, 12, 7, *local)), job.name


def test_daytime_and_morning_jobs_keep_to_local_hours(settings):
    from smartdistrict.feedback.tasks import ask_was_it_fixed, staff_digest

    asks = ask_was_it_fixed.task_class().validate_datetime
    assert asks(dt.datetime(2026, 12, 7, 1, 5))  # 08:05 local
    assert asks(dt.datetime(2026, 12, 7, 12, 5))  # 19:05 local
    assert not asks(dt.datetime(2026, 12, 7, 13, 5))  # 20:05 local: residents are left alone
    hour = (settings.STAFF_DIGEST_HOUR - 7) % 24
    assert staff_digest.task_class().validate_datetime(dt.datetime(2026, 12, 7, hour, 0))
    assert not staff_digest.task_class().validate_datetime(
        dt.datetime(2026, 12, 7, settings.STAFF_DIGEST_HOUR, 0))


def test_a_job_s_slot_is_its_local_minute_in_utc():
    from smartdistrict.dashboard.tasks import dashboard_check

    slot = slot_of(dashboard_check.task_class(), dt.datetime(2026, 12, 7, 21, 0))
    assert slot == dt.datetime(2026, 12, 7, 20, 15)
