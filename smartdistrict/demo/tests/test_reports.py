"""Demo reports follow the same rules as real ones."""

import datetime as dt

import pytest
from django.db import connection
from django.utils import timezone

from smartdistrict.demo.reports import seed_reports
from smartdistrict.feedback.models import (
    CLOSED_STATES,
    OPEN_STATES,
    Event,
    Report,
    RoutingRule,
    Status,
)
from smartdistrict.feedback.tests.conftest import create_report
from smartdistrict.geography.selectors import lookup_point

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def seeded():
    summary = seed_reports(600, seed=7, now=NOW)
    assert summary.reports == 600
    return list(Report.objects.select_related("ward", "category"))


FOCUS = {"26944", "26929", "26905", "26956", "26911"}


def test_reports_spread_over_the_city_with_the_focus_wards_history(seeded):
    assert min(r.created_at for r in seeded) >= NOW - dt.timedelta(days=731)
    assert max(r.created_at for r in seeded) <= NOW
    years = {timezone.localtime(r.created_at).year for r in seeded}
    assert {2025, 2026} <= years
    today = {r.ward.code for r in seeded if r.ward.valid_from == dt.date(2025, 7, 1)}
    assert today >= FOCUS and len(today) > 50  # the five wards, and across the city
    older = [r for r in seeded if r.ward.valid_to is not None]
    assert older and all(r.ward.code.startswith("765.") for r in older)  # history: the focus
    focus = sum(1 for r in seeded if r.ward.code in FOCUS or r.ward.code.startswith("765."))
    assert 0.5 < focus / len(seeded) < 0.9  # 12 per 1,000 a year there, lighter elsewhere
    recent = sum(1 for r in seeded if r.created_at > NOW - dt.timedelta(days=365))
    assert recent > len(seeded) / 2  # more reports recently, as intake grows


def test_each_report_is_in_the_ward_valid_on_its_date(seeded):
    for report in seeded[:150]:
        found = lookup_point(report.lat, report.lon, timezone.localdate(report.created_at))
        assert report.ward_id in {c.id for c in found.candidates}
        assert report.ward.is_valid_on(timezone.localdate(report.created_at))


def test_routing_and_deadlines_follow_the_rules(seeded):
    rules = {(r.category_id, r.unit_id): r.department_id for r in RoutingRule.objects.all()}
    for report in seeded:
        assert report.department_id == rules[(report.category_id, report.ward_id)]
        assert report.due_at > report.created_at


def test_states_and_times_are_consistent(seeded):
    statuses = {r.status for r in seeded}
    assert {Status.NEW, Status.CLOSED, Status.RESOLVED} <= statuses
    for report in seeded:
        if report.status in CLOSED_STATES - {Status.REJECTED}:
            assert report.resolved_at and report.resolved_at >= report.created_at
        if report.status in OPEN_STATES and report.due_at < NOW:
            assert report.overdue_at is not None
        if report.rating is not None:
            assert report.reporter_phone or report.reporter_email
    events = Event.objects.filter(report__in=seeded)
    assert events.filter(kind="created").count() == 600
    # Nothing happens after "now": no rating dated in the future (a dashboard period
    # ending today read them as the next days' rows).
    assert not events.filter(created_at__gt=NOW).exists()
    assert not [r for r in seeded if r.rated_at and r.rated_at > NOW]
    assert any(r.rating is not None for r in seeded)


def test_codes_are_unique_and_the_sequence_continues(seeded):
    assert len({r.code for r in seeded}) == 600
    report, _ = create_report(category="rac-thai", description="Rác thải đổ trộm ở đầu hẻm.",
                              lat=10.822, lon=106.742)
    year = timezone.localtime(report.created_at).year
    numbers = [int(r.code.rsplit("-", 1)[1]) for r in seeded if r.code.startswith(f"HCM-{year}-")]
    assert int(report.code.rsplit("-", 1)[1]) == max(numbers, default=0) + 1


def test_no_rating_is_dated_after_now():
    """Reports resolved in the last hours: their residents have not all rated yet."""
    import random

    from smartdistrict.demo.copy import draft_maker
    from smartdistrict.demo.drafting import _progress

    draft, event = draft_maker(Report), draft_maker(Event)
    rated = 0
    for seed in range(300):
        report = draft(created_at=NOW - dt.timedelta(days=3), due_at=NOW + dt.timedelta(days=1),
                       reporter_phone="0912345678", status=Status.NEW)
        timeline: list = []
        _progress(report, timeline, now=NOW, rng=random.Random(seed), event=event)
        assert all(event.created_at <= NOW for event in timeline)
        assert report.rated_at is None or report.rated_at <= NOW
        rated += report.rating is not None
    assert rated >= 5


def test_reports_are_written_oldest_first_across_batches(monkeypatch):
    """As real intake writes them (newest last in the table, codes in time order): batches
    each spanning the whole two years scattered the newest reports over the table."""
    from smartdistrict.demo import draws, reports

    monkeypatch.setattr(draws, "BATCH", 40)
    monkeypatch.setattr(reports, "BATCH", 40)
    seed_reports(200, seed=5, now=NOW)
    times = list(Report.objects.order_by("id").values_list("created_at", flat=True))
    assert len(times) == 200 and times == sorted(times)
    codes = list(Report.objects.order_by("created_at", "id").values_list("code", flat=True))
    by_year: dict[str, list[int]] = {}
    for code in codes:
        by_year.setdefault(code.split("-")[-2], []).append(int(code.split("-")[-1]))
    assert all(numbers == sorted(numbers) for numbers in by_year.values())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's COPY path")
def test_a_large_seeding_loads_without_indexes_and_builds_them_again(monkeypatch):
    """Above BULK_LOAD_MIN (and the table's size) the secondary indexes and foreign keys
    are dropped for the load and built again from the catalog's definitions: the schema
    after the seeding is the schema before, and the keys hold for every row."""
    from smartdistrict.demo import copy, draws, reports

    monkeypatch.setattr(copy, "BULK_LOAD_MIN", 100)
    monkeypatch.setattr(draws, "BATCH", 60)
    monkeypatch.setattr(reports, "BATCH", 60)  # five batches: built by the workers
    loads = []
    monkeypatch.setattr(reports, "bulk_load", lambda: loads.append(1) or copy.bulk_load())
    tables = ("feedback_report", "feedback_event")

    def schema() -> dict[str, tuple[list, list]]:
        return {table: tuple(sorted(part) for part in copy._secondary(table))
                for table in tables}

    before = schema()
    assert all(len(indexes) >= 3 and keys for indexes, keys in before.values())
    summary = seed_reports(300, seed=9, now=NOW)
    assert loads == [1]
    assert schema() == before
    assert Report.objects.count() == 300
    assert Event.objects.count() == summary.events
    assert set(Event.objects.values_list("report_id", flat=True)) == set(
        Report.objects.values_list("id", flat=True))
    times = list(Report.objects.order_by("id").values_list("created_at", flat=True))
    assert times == sorted(times)


def test_a_small_seeding_keeps_the_indexes(monkeypatch):
    from smartdistrict.demo import reports

    loads = []
    monkeypatch.setattr(reports, "bulk_load", lambda: loads.append(1))
    seed_reports(50, seed=9, now=NOW)
    assert loads == [] and Report.objects.count() == 50
