"""Issue 18: today's overdue counts are moved on by delta between two refreshes of a day
(facts/overdue.py) and stay equal, per (ward, department, category), to a count from the
reports at the refresh's moment: after new, resolved, reopened, deleted reports, a due
date moved either way, and reports that only fell due in between."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import F
from django.utils import timezone

from smartdistrict.accounts.models import User
from smartdistrict.dashboard.facts import overdue
from smartdistrict.dashboard.facts.check import facts_check
from smartdistrict.dashboard.facts.refresh import facts_refresh, state
from smartdistrict.dashboard.models import ReportFact
from smartdistrict.dashboard.tests import independent
from smartdistrict.dashboard.tests.conftest import WARD_POINTS, recorded_overdue
from smartdistrict.feedback.models import OPEN_STATES, Report, Status
from smartdistrict.feedback.services.workflow import report_transition
from smartdistrict.feedback.tests.conftest import create_report


def _no_full_count(monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("the overdue counts were counted in full instead of by delta")

    monkeypatch.setattr(overdue, "count", refuse)


def _same_day(*moments: dt.datetime) -> None:
    if len({timezone.localdate(m) for m in moments}) > 1:
        pytest.skip("the refreshes straddle local midnight: the first of a day counts in full")


def test_overdue_counts_follow_every_kind_of_change_by_delta(history, monkeypatch):
    start = timezone.now()
    later = start + dt.timedelta(minutes=2)
    _same_day(start, later + dt.timedelta(minutes=1))
    facts_refresh(now=start)  # today's counts taken at ``start`` (in full or by delta)
    assert recorded_overdue() == independent.overdue_by_key(start)
    _no_full_count(monkeypatch)
    admin = User.objects.get(username="admin")
    open_ids = list(Report.objects.filter(status__in=OPEN_STATES).order_by("id")
                    .values_list("id", flat=True))
    assert len(open_ids) >= 8
    # Resolved, and deleted, while overdue: they leave the count.
    Report.objects.filter(id__in=open_ids[:2]).update(
        status=Status.RESOLVED, resolved_at=F("due_at"), updated_at=timezone.now())
    Report.objects.filter(id__in=open_ids[2:4]).delete()
    # A due date moved into the future (leaves); another one minute after ``start``: not
    # overdue at the next run, then overdue at the one after without any change (found
    # by the range of due dates, not as a changed fact).
    Report.objects.filter(id=open_ids[4]).update(due_at=later + dt.timedelta(days=3),
                                                 updated_at=timezone.now())
    Report.objects.filter(id=open_ids[5]).update(due_at=start + dt.timedelta(minutes=1),
                                                 updated_at=timezone.now())
    # Changed, and due between the two moments: counted once (by the range, not the change).
    Report.objects.filter(id=open_ids[6]).update(due_at=start + dt.timedelta(seconds=10),
                                                 updated_at=timezone.now())
    # Reopened long after their due date: they join.
    done = list(Report.objects.filter(status=Status.RESOLVED, due_at__lt=start)
                .exclude(id__in=open_ids).order_by("id").values_list("id", flat=True)[:3])
    for report in Report.objects.filter(id__in=done):
        report_transition(report=report, to=Status.REOPENED, actor=admin, note="Còn tồn đọng.")
    # A new report, not yet due, then made overdue by its due date.
    lat, lon = WARD_POINTS["26911"]
    new, _ = create_report(category="rac-thai", description="Rác tồn đọng ở đầu hẻm 12.",
                        lat=lat, lon=lon)
    Report.objects.filter(id=new.id).update(due_at=start - dt.timedelta(hours=1),
                                            updated_at=timezone.now())
    facts_refresh(now=start + dt.timedelta(seconds=30))
    assert recorded_overdue() == independent.overdue_by_key(start + dt.timedelta(seconds=30))
    assert ReportFact.objects.get(report_id=open_ids[5]).due_at > state().overdue_at
    # Nothing changed: only the report that fell due in between joins the count.
    before = sum(recorded_overdue().values())
    facts_refresh(now=later)
    assert recorded_overdue() == independent.overdue_by_key(later)
    assert sum(recorded_overdue().values()) == before + 1
    assert facts_check(fix=False).found is False


def test_a_repair_by_the_check_makes_the_next_refresh_count_in_full(history, monkeypatch):
    start = timezone.now()
    _same_day(start, start + dt.timedelta(minutes=1))
    facts_refresh(now=start)
    victim = ReportFact.objects.filter(is_open=True, due_at__lt=start).first()
    ReportFact.objects.filter(report_id=victim.report_id).update(is_open=False)  # tampered
    assert facts_check(fix=True).found is True
    assert state().overdue_at is None
    counted = []
    original = overdue.count
    monkeypatch.setattr(overdue, "count", lambda now: counted.append(now) or original(now))
    moment = start + dt.timedelta(seconds=30)
    facts_refresh(now=moment)
    assert counted == [moment]
    assert recorded_overdue() == independent.overdue_by_key(moment)


def test_the_first_refresh_of_a_day_counts_in_full(history, monkeypatch):
    counted = []
    original = overdue.count
    monkeypatch.setattr(overdue, "count", lambda now: counted.append(now) or original(now))
    tomorrow = timezone.now() + dt.timedelta(days=1)
    facts_refresh(now=tomorrow)
    assert counted == [tomorrow]
    assert recorded_overdue() == independent.overdue_by_key(tomorrow)
