"""Acceptance 2 and the drift check: after a report changes, the refresh job brings the
figures up to date; the nightly check finds tampered aggregates and repairs them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from smartdistrict.accounts.models import User
from smartdistrict.accounts.selectors import Scope
from smartdistrict.dashboard.facts.check import facts_check
from smartdistrict.dashboard.facts.refresh import Locked, facts_lock, facts_refresh
from smartdistrict.dashboard.models import DailyFact, MonthlyFact, OverdueSnapshot, ReportFact
from smartdistrict.dashboard.selectors.figures import figures
from smartdistrict.dashboard.selectors.scope import Period, Selection
from smartdistrict.dashboard.tests import independent
from smartdistrict.dashboard.tests.conftest import WARD_POINTS
from smartdistrict.feedback.models import Category, Status
from smartdistrict.feedback.services.workflow import report_transition
from smartdistrict.feedback.tests.conftest import create_report

DISTRICT = Selection(scope=Scope(everything=True))


def _today() -> Period:
    today = timezone.localdate()
    return Period(today - dt.timedelta(days=6), today)


def _new_report():
    lat, lon = WARD_POINTS["26911"]
    report, _ = create_report(category="rac-thai", description="Rác tồn đọng ở đầu hẻm 12.",
                              lat=lat, lon=lon)
    return report


def test_figures_follow_a_report_through_its_states_after_each_refresh(history):
    period = _today()
    officer = User.objects.get(username="canbo.binhquoi")
    before = figures(DISTRICT, period)
    report = _new_report()
    assert figures(DISTRICT, period).current.received == before.current.received  # not yet
    result = facts_refresh()
    assert not result.full and result.changed == 1
    after_create = figures(DISTRICT, period)
    assert after_create.current.received == before.current.received + 1
    assert after_create.current.resolved == before.current.resolved

    report_transition(report=report, to=Status.IN_PROGRESS, actor=officer)
    report_transition(report=report, to=Status.RESOLVED, actor=officer, note="Đã thu gom.")
    facts_refresh()
    resolved = figures(DISTRICT, period)
    assert resolved.current.resolved == before.current.resolved + 1
    assert resolved.current.resolved_on_time == before.current.resolved_on_time + 1
    assert resolved.current.responded == before.current.responded + 1
    assert resolved.median_resolution_s is not None

    report_transition(report=report, to=Status.REOPENED, actor=officer, note="Còn rác.")
    facts_refresh()
    reopened = figures(DISTRICT, period)
    # The resolution disappears from the day it was counted on (old version's days).
    assert reopened.current.resolved == before.current.resolved
    expected = independent.figures(period.start, period.end)
    assert reopened.current.received == expected["received"]
    assert reopened.current.resolved == expected["resolved"]
    assert reopened.median_response_s == expected["median_response_s"]
    assert facts_check(fix=False).found is False


def test_recategorising_moves_the_report_between_categories(history):
    from smartdistrict.feedback.services.workflow import report_recategorise

    period = _today()
    report = _new_report()
    facts_refresh()
    officer = User.objects.get(username="canbo.binhquoi")
    report_recategorise(report=report, category=Category.objects.get(code="ngap-nuoc"),
                        actor=officer)
    facts_refresh()
    found = figures(DISTRICT, period)
    codes = {row.code: row.sums.received for row in found.by_category}
    assert codes.get("ngap-nuoc", 0) >= 1
    assert ReportFact.objects.get(report_id=report.id).category_id == Category.objects.get(
        code="ngap-nuoc").id


def test_a_large_backlog_switches_to_a_full_rebuild(history, settings):
    settings.DASHBOARD_INCREMENTAL_LIMIT = 0
    _new_report()
    assert facts_refresh().full is True
    assert facts_check(fix=False).found is False


def test_refresh_records_todays_overdue_count(history):
    facts_refresh()
    today = timezone.localdate()
    recorded = OverdueSnapshot.objects.filter(day=today).exclude(ward_id=0)
    expected = independent.figures(today, today)["overdue_now"]
    assert sum(recorded.values_list("overdue", flat=True)) == expected
    assert OverdueSnapshot.objects.filter(day=today, ward_id=0).exists()


def test_the_lease_keeps_two_runs_apart(history):
    with facts_lock(), pytest.raises(Locked), facts_lock():
        pass
    with facts_lock():  # released after the first run
        pass
    with facts_lock():
        with pytest.raises(CommandError) as caught:
            call_command("dashboard_refresh")
        assert caught.value.returncode == 75


def test_drift_check_finds_tampered_aggregates_and_repairs_them(history):
    period = Period(dt.date(2025, 1, 1), dt.date(2025, 9, 30))
    truth = independent.figures(period.start, period.end)
    assert facts_check(fix=False).found is False
    day = DailyFact.objects.filter(day__range=(dt.date(2025, 3, 3), dt.date(2025, 3, 20)),
                                   received__gt=0).first()
    month = MonthlyFact.objects.filter(month=dt.date(2025, 5, 1)).first()
    # A ward's figures read the daily and monthly sums (the whole city's, their rollups).
    day_ward = Selection(scope=DISTRICT.scope, ward_ids=frozenset({day.ward_id}))
    month_ward = Selection(scope=DISTRICT.scope, ward_ids=frozenset({month.ward_id}))
    march = Period(day.day, day.day)  # one day: read from the daily sums
    march_received = figures(day_ward, march).current.received
    period_resolved = figures(month_ward, period).current.resolved
    DailyFact.objects.filter(id=day.id).update(received=day.received + 5)
    MonthlyFact.objects.filter(id=month.id).update(resolved=month.resolved + 3)
    gone = ReportFact.objects.filter(created_day__gte=dt.date(2025, 8, 1)).first()
    ReportFact.objects.filter(report_id=gone.report_id).delete()
    ReportFact.objects.create(
        report_id=10**9, ward_id=day.ward_id, department_id=day.department_id,
        category_id=day.category_id, channel="web", status="new", is_open=True,
        due_at=timezone.now(), created_day=dt.date(2025, 4, 2), created_slot=0)
    assert figures(month_ward, period).current.resolved == period_resolved + 3  # May's sums
    assert figures(day_ward, march).current.received == march_received + 5

    with pytest.raises(CommandError) as caught:
        call_command("dashboard_check", "--no-fix")
    assert caught.value.returncode == 3
    drift = facts_check(fix=True)
    assert drift.found and drift.facts_missing == 1 and drift.facts_extra == 1
    assert drift.months >= 1 and drift.daily_rows >= 1
    assert "2025-03" in " ".join(drift.days) or day.day.isoformat() in drift.days

    assert facts_check(fix=False).found is False
    call_command("dashboard_check")  # exits 0: nothing to report
    assert figures(month_ward, period).current.resolved == period_resolved
    assert figures(day_ward, march).current.received == march_received
    repaired = figures(DISTRICT, period)
    assert repaired.current.received == truth["received"]
    assert repaired.current.resolved == truth["resolved"]
    assert repaired.median_resolution_s == truth["median_resolution_s"]


def test_refresh_command_and_periodic_task(history):
    from smartdistrict.dashboard import tasks

    _new_report()
    call_command("dashboard_refresh")
    assert tasks.dashboard_refresh.call_local() == 0  # nothing changed since
    assert tasks.dashboard_check.call_local() is False
    call_command("dashboard_refresh", "--full")
    assert DailyFact.objects.exists() and MonthlyFact.objects.exists()


def test_overdue_is_compared_with_the_count_recorded_one_period_ago(history):
    from smartdistrict.dashboard.tests.conftest import TERRITORY

    today = timezone.localdate()
    period = Period(today - dt.timedelta(days=6), today)
    facts_refresh()
    expected = independent.figures(today, today)["overdue_now"]
    ward = independent.figures(today, today, ward_codes=TERRITORY["26911"])["overdue_now"]
    assert figures(DISTRICT, period).overdue_before is None  # nothing recorded a week ago
    week_ago = today - dt.timedelta(days=7)
    for row in OverdueSnapshot.objects.filter(day=today):
        row.pk, row.day, row.overdue = None, week_ago, row.overdue * 2
        row.save()
    found = figures(DISTRICT, period)
    assert found.overdue_now == expected
    assert found.overdue_before == 2 * expected
    from smartdistrict.dashboard.selectors.scope import selection_in_scope

    bq = figures(selection_in_scope(Scope(everything=True), "26911"), period)
    assert bq.overdue_now == ward and bq.overdue_before == 2 * ward
