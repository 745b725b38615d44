"""Issue 18: the counts of durations per bucket (DailyDurations, MonthlyDurations) that
the medians read. They equal a count made here straight from the reports after a full
rebuild and after delta refreshes; the nightly check finds and repairs drift in them. The
same for the durations a median walks (ReportDuration).
Also: every channel of feedback has its own column (Zalo is no longer "other")."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import F
from django.utils import timezone

from smartdistrict.accounts.models import User
from smartdistrict.accounts.selectors import Scope
from smartdistrict.dashboard.facts.check import facts_check
from smartdistrict.dashboard.facts.refresh import facts_refresh
from smartdistrict.dashboard.facts.rows import bucket, local_day
from smartdistrict.dashboard.models import (
    ALL,
    CHANNEL_COLUMNS,
    DURATION_KINDS,
    DailyDurations,
    MonthlyDurations,
    ReportDuration,
)
from smartdistrict.dashboard.presenters import channel_shares
from smartdistrict.dashboard.selectors.figures import figures
from smartdistrict.dashboard.selectors.scope import Period, Selection
from smartdistrict.dashboard.tests.conftest import WARD_POINTS
from smartdistrict.feedback.models import Channel, Report, Status
from smartdistrict.feedback.services.workflow import report_transition
from smartdistrict.feedback.tests.conftest import create_report

DISTRICT = Selection(scope=Scope(everything=True))


def _recount() -> Counter:
    """(day, ward, department, kind, bucket) → count, from the reports themselves."""
    counts: Counter = Counter()
    for ward, department, created, responded, resolved in Report.objects.values_list(
        "ward_id", "department_id", "created_at", "first_response_at", "resolved_at"
    ):
        for kind, moment in (("response", responded), ("resolution", resolved)):
            if moment is None:
                continue
            number = bucket(int((moment - created).total_seconds()))
            for key in ((ward, department), (ALL, ALL)):
                counts[(local_day(moment), *key, DURATION_KINDS[kind], number)] += 1
    return counts


def _walked() -> set[tuple]:
    """(report, kind, day, seconds, bucket, ward, department), from the reports."""
    found = set()
    for report_id, ward, department, created, responded, resolved in (
            Report.objects.values_list("id", "ward_id", "department_id", "created_at",
                                       "first_response_at", "resolved_at")):
        for kind, moment in (("response", responded), ("resolution", resolved)):
            if moment is not None:
                seconds = int((moment - created).total_seconds())
                found.add((report_id, DURATION_KINDS[kind], local_day(moment), seconds,
                           bucket(seconds), ward, department))
    return found


def _stored_walk() -> set[tuple]:
    return set(ReportDuration.objects.values_list(
        "report_id", "kind", "day", "seconds", "bucket", "ward_id", "department_id"))


def _stored() -> Counter:
    return Counter({
        (day, ward, department, kind, number): n
        for day, ward, department, kind, number, n in DailyDurations.objects.values_list(
            "day", "ward_id", "department_id", "kind", "bucket", "count")
    })


def _months_of(counts: Counter) -> Counter:
    months: Counter = Counter()
    for (day, *key), n in counts.items():
        months[(day.replace(day=1), *key)] += n
    return months


def _assert_equal_to_the_reports() -> None:
    expected = _recount()
    assert _stored() == expected
    assert Counter({
        (month, ward, department, kind, number): n
        for month, ward, department, kind, number, n in MonthlyDurations.objects.values_list(
            "month", "ward_id", "department_id", "kind", "bucket", "count")
    }) == _months_of(expected)
    assert not DailyDurations.objects.filter(count__lte=0).exists()
    assert _stored_walk() == _walked()


def test_counts_after_a_full_rebuild_equal_the_reports(history):
    assert DailyDurations.objects.filter(ward_id=ALL).exists()
    _assert_equal_to_the_reports()


def test_counts_after_deltas_equal_the_reports(history):
    lat, lon = WARD_POINTS["26944"]
    create_report(category="rac-thai", description="Rác tồn đọng ở đầu hẻm 12.",
                  lat=lat, lon=lon)
    admin = User.objects.get(username="admin")
    done = list(Report.objects.filter(status=Status.CLOSED).order_by("id")[:6])
    for report in done[:3]:
        report_transition(report=report, to=Status.REOPENED, actor=admin, note="Chưa xong.")
    Report.objects.filter(id__in=[r.id for r in done[3:]]).delete()
    moved = list(Report.objects.filter(first_response_at__isnull=False)
                 .order_by("id").values_list("id", flat=True)[::97])
    Report.objects.filter(id__in=moved).update(
        first_response_at=F("first_response_at") + dt.timedelta(hours=30),
        updated_at=timezone.now())
    assert facts_refresh().full is False
    _assert_equal_to_the_reports()
    assert facts_check(fix=False).found is False


def test_the_check_finds_and_repairs_drift_in_the_counts(history):
    row = DailyDurations.objects.filter(ward_id=ALL).order_by("id").first()
    DailyDurations.objects.filter(id=row.id).update(count=F("count") + 5)
    month = MonthlyDurations.objects.exclude(month=row.day.replace(day=1)).first()
    MonthlyDurations.objects.filter(id=month.id).delete()
    drift = facts_check(fix=False)
    assert drift.found and drift.duration_days == 1
    assert drift.duration_months == 2  # the day's month (its days no longer add up), and
    # the month whose row was deleted
    assert facts_check(fix=True).duration_days == 1
    _assert_equal_to_the_reports()
    assert facts_check(fix=False).found is False


def test_every_channel_has_its_column(history):
    assert set(CHANNEL_COLUMNS) == set(Channel.values)


def test_zalo_reports_count_as_zalo(history):
    lat, lon = WARD_POINTS["26911"]
    report, _ = create_report(category="rac-thai", description="Rác đổ trộm cạnh chợ.",
                              lat=lat, lon=lon)
    Report.objects.filter(id=report.id).update(channel=Channel.ZALO)
    facts_refresh()
    today = timezone.localdate()
    found = figures(DISTRICT, Period(today, today))
    assert found.current.channels()["zalo"] == 1
    assert found.current.received_other == 0
    shares = {share.channel: share for share in channel_shares(found)}
    assert shares["zalo"].label == "Zalo" and shares["zalo"].count == 1
    assert facts_check(fix=False).found is False


def test_the_check_finds_and_repairs_drift_in_the_rollups(history):
    from smartdistrict.dashboard.models import DailyRollup

    march = Period(dt.date(2025, 3, 2), dt.date(2025, 3, 10))  # read as days: DailyRollup
    truth = figures(DISTRICT, march)
    row = DailyRollup.objects.filter(dimension=1, day__range=(march.start, march.end),
                                     received__gt=0).order_by("id").first()
    DailyRollup.objects.filter(id=row.id).update(received=F("received") + 7)
    tampered = figures(DISTRICT, march)  # read from the rollups: the ward row shows it
    assert tampered.current.received == truth.current.received  # the total row does not
    assert sum(w.sums.received for w in tampered.by_ward) == truth.current.received + 7
    drift = facts_check(fix=False)
    assert drift.found and drift.rollup_rows == 2  # the stored row, and the expected one
    assert facts_check(fix=True).rollup_rows == 2
    assert facts_check(fix=False).found is False
    assert [(w.key, w.sums.received) for w in figures(DISTRICT, march).by_ward] == [
        (w.key, w.sums.received) for w in truth.by_ward]


def test_the_check_finds_and_repairs_drift_in_the_walked_durations(history):
    first, second = ReportDuration.objects.order_by("report_id", "kind")[:2]
    ReportDuration.objects.filter(pk=first.pk).update(seconds=F("seconds") + 1)  # wrong
    ReportDuration.objects.filter(pk=second.pk).delete()  # missing
    ReportDuration.objects.create(report_id=10**9, kind=1, day=first.day, seconds=5,
                                  bucket=bucket(5), ward_id=1, department_id=1)  # stale
    drift = facts_check(fix=False)
    assert drift.found and drift.duration_rows == 3
    assert facts_check(fix=True).duration_rows == 3
    _assert_equal_to_the_reports()
    assert facts_check(fix=False).found is False
