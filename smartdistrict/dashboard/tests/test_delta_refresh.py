"""Issue 18: the incremental refresh keeps the sums by delta (each changed fact subtracts
its old contribution and adds its new one). After delta refreshes of new, changed,
reopened and deleted reports, over days spread across the history, the aggregates equal
the recomputation from the reports (the nightly check finds no drift) and the headline
figures equal the independent ones."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, F, Value, When
from django.utils import timezone

from smartdistrict.accounts.models import User
from smartdistrict.accounts.selectors import Scope
from smartdistrict.dashboard.facts import daily
from smartdistrict.dashboard.facts.check import facts_check
from smartdistrict.dashboard.facts.refresh import facts_refresh, state
from smartdistrict.dashboard.models import RemovedReport, ReportFact
from smartdistrict.dashboard.selectors.figures import figures
from smartdistrict.dashboard.selectors.scope import Period, Selection
from smartdistrict.dashboard.tests import independent
from smartdistrict.dashboard.tests.conftest import WARD_POINTS, recorded_overdue
from smartdistrict.feedback.models import Report, Status
from smartdistrict.feedback.services.workflow import report_transition
from smartdistrict.feedback.tests.conftest import create_report

DISTRICT = Selection(scope=Scope(everything=True))


def _periods() -> list[Period]:
    """The seeded two years (and a little after), and the last week (new reports)."""
    today = timezone.localdate()
    return [Period(dt.date(2023, 10, 14), dt.date(2025, 11, 30)),
            Period(today - dt.timedelta(days=6), today)]


def _no_rebuild(monkeypatch) -> None:
    """The delta path never rebuilds a day's sums from the facts."""
    def refuse(*args, **kwargs):
        raise AssertionError("the incremental refresh rebuilt days instead of a delta")

    monkeypatch.setattr(daily, "rebuild_days", refuse)


def _assert_consistent() -> None:
    assert facts_check(fix=False).found is False
    # Today's overdue counts (moved on by delta): those of the reports at that moment.
    assert recorded_overdue() == independent.overdue_by_key(state().overdue_at)
    for period in _periods():
        ours = figures(DISTRICT, period)
        truth = independent.figures(period.start, period.end)
        assert ours.current.received == truth["received"]
        assert ours.current.resolved == truth["resolved"]
        assert ours.current.resolved_on_time == truth["on_time"]
        assert ours.current.ratings == truth["ratings"]
        assert ours.median_resolution_s == truth["median_resolution_s"]
        assert ours.median_response_s == truth["median_response_s"]
    spring = Period(dt.date(2025, 3, 2), dt.date(2025, 3, 30))  # March less two days
    early = Period(dt.date(2025, 3, 2), dt.date(2025, 3, 9))  # days: daily rows
    for part in (spring, early):
        assert figures(DISTRICT, part).current.resolved == independent.figures(
            part.start, part.end)["resolved"]


def _spread(queryset, count: int) -> list[int]:
    ids = list(queryset.order_by("id").values_list("id", flat=True))
    step = max(1, len(ids) // count)
    return ids[::step][:count]


def test_new_reports_are_added_by_delta(history, monkeypatch):
    _no_rebuild(monkeypatch)
    for ward in ("26911", "26944", "26956"):
        lat, lon = WARD_POINTS[ward]
        create_report(category="rac-thai", description="Rác tồn đọng ở đầu hẻm 12.",
                      lat=lat, lon=lon)
    result = facts_refresh()
    assert not result.full and result.changed == 3
    _assert_consistent()


def test_changes_spread_over_the_history_are_applied_by_delta(history, monkeypatch):
    _no_rebuild(monkeypatch)
    resolved = Report.objects.filter(resolved_at__isnull=False)
    ids = _spread(resolved, 60)
    # Resolutions a day later (some move across a day and a month, some become late),
    # written straight into the table with the stamp a service would set.
    Report.objects.filter(id__in=ids).update(
        resolved_at=F("resolved_at") + dt.timedelta(days=1), updated_at=timezone.now())
    rated = _spread(Report.objects.filter(rating__isnull=False), 20)
    # every rating changes (one already 1 would leave its fact as it was)
    Report.objects.filter(id__in=rated).update(
        rating=Case(When(rating=1, then=Value(2)), default=Value(1)), updated_at=timezone.now())
    result = facts_refresh()
    assert not result.full and result.changed == len(set(ids) | set(rated))
    assert result.days > 30  # days across the two years
    _assert_consistent()


def test_reopened_reports_lose_their_resolution_by_delta(history, monkeypatch):
    _no_rebuild(monkeypatch)
    admin = User.objects.get(username="admin")
    done = Report.objects.filter(status__in=[Status.RESOLVED, Status.CLOSED])
    ids = _spread(done, 15)
    for report in Report.objects.filter(id__in=ids):
        report_transition(report=report, to=Status.REOPENED, actor=admin, note="Còn tồn đọng.")
    result = facts_refresh()
    assert not result.full and result.changed == len(ids)
    assert ReportFact.objects.filter(report_id__in=ids, is_open=True).count() == len(ids)
    _assert_consistent()


def test_deleted_reports_are_subtracted_by_delta(history, monkeypatch):
    _no_rebuild(monkeypatch)
    ids = _spread(Report.objects.all(), 25)
    Report.objects.filter(id__in=ids).delete()
    assert RemovedReport.objects.filter(report_id__in=ids).count() == len(ids)
    result = facts_refresh()
    assert not result.full and result.changed == len(ids)
    assert not ReportFact.objects.filter(report_id__in=ids).exists()
    assert not RemovedReport.objects.exists()
    _assert_consistent()


def test_every_kind_in_one_refresh_then_nothing_left(history, monkeypatch):
    _no_rebuild(monkeypatch)
    lat, lon = WARD_POINTS["26929"]
    create_report(category="ngap-nuoc", description="Nước ngập sau cơn mưa chiều.",
                  lat=lat, lon=lon)
    admin = User.objects.get(username="admin")
    done = _spread(Report.objects.filter(status=Status.CLOSED), 8)
    for report in Report.objects.filter(id__in=done[:4]):
        report_transition(report=report, to=Status.REOPENED, actor=admin, note="Chưa xong.")
    Report.objects.filter(id__in=done[4:]).delete()
    changed = _spread(Report.objects.filter(first_response_at__isnull=False), 10)
    Report.objects.filter(id__in=changed).update(
        first_response_at=F("first_response_at") + dt.timedelta(hours=30),
        updated_at=timezone.now())
    assert facts_refresh().full is False
    _assert_consistent()
    assert facts_refresh().changed == 0  # a second run finds nothing new
    _assert_consistent()
