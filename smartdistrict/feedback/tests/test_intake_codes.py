"""Intake's writes (services.intake_rows, report_codes): per-year codes without gaps, also
when writers race or a write fails, and the same rows whichever way they are stored
(one statement on PostgreSQL, the ORM's saves elsewhere) — issue 18."""

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, connection
from django.utils import timezone

from smartdistrict.feedback.models import CodeSequence, Event, EventKind, Report
from smartdistrict.feedback.search import search_text
from smartdistrict.feedback.services import intake_rows
from smartdistrict.feedback.services.intake import report_create
from smartdistrict.feedback.services.report_codes import code_head
from smartdistrict.feedback.tests.conftest import (
    WARD_POINTS,
    create_report,
    fail_at_the_last_insert,
    report_input,
    run_together,
)

pytestmark = pytest.mark.django_db

LAT, LON = WARD_POINTS["26911"]
TEXT = "Rác thải đổ trộm ở đầu hẻm đã ba ngày, bốc mùi hôi. Gọi 0912345678."


def _create(**extra) -> Report:
    report, created = create_report(category="rac-thai", description=TEXT, lat=LAT, lon=LON,
                                    address="12 Lê Lợi, P. Bến Thành", **extra)
    assert created
    return report


def _sequence() -> CodeSequence:
    _, prefix, year = code_head(timezone.now())
    return CodeSequence.objects.get(prefix=prefix, year=year)


def _number(report: Report) -> int:
    return int(report.code.rsplit("-", 1)[1])


def _columns(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_the_stored_report_is_the_one_returned_and_its_text_holds_its_code():
    report = _create()
    assert _columns(Report.objects.get(pk=report.pk)) == _columns(report)
    assert report.search_text == search_text(code=report.code, description=TEXT,
                                             address="12 Lê Lợi, P. Bến Thành")
    assert list(report.events.values_list("kind", "actor_role", "to_status", "public")) == [
        (EventKind.CREATED, "resident", "new", True)]


def test_a_duplicate_note_follows_the_created_event():
    first = _create()
    second = _create()
    events = list(second.events.order_by("id"))
    assert [e.kind for e in events] == [EventKind.CREATED, EventKind.NOTE]
    assert first.code in events[1].note and events[1].public is False
    assert events[0].created_at == events[1].created_at == second.created_at
    assert _number(second) == _number(first) + 1


def test_both_ways_of_storing_write_the_same_rows(monkeypatch):
    one = _create()
    monkeypatch.setattr(intake_rows, "single_statement", lambda: False)
    other = _create()
    skip = {"id", "code", "search_text", "updated_at", "created_at", "due_at"}
    assert ({k: v for k, v in _columns(Report.objects.get(pk=one.pk)).items() if k not in skip}
            == {k: v for k, v in _columns(Report.objects.get(pk=other.pk)).items()
                if k not in skip})
    assert other.search_text == one.search_text.replace(one.code.rsplit("-", 1)[1],
                                                        other.code.rsplit("-", 1)[1])

    def events(report):
        return [{k: v for k, v in _columns(e).items() if k not in ("id", "report_id",
                                                                   "created_at", "note")}
                for e in Event.objects.filter(report=report).order_by("id")]
    assert events(one) == events(other)[:1]  # the second is also a duplicate of the first


def test_the_first_report_of_a_year_starts_its_sequence():
    CodeSequence.objects.all().delete()
    report = _create()
    head, _, _ = code_head(report.created_at)
    assert report.code == f"{head}000001"
    assert Report.objects.get(pk=report.pk).search_text == report.search_text
    assert _sequence().last == 1


def test_codes_grow_past_six_digits():
    _create()
    CodeSequence.objects.filter(pk=_sequence().pk).update(last=999_999)
    report = _create()
    assert report.code.endswith("-1000000")
    assert Report.objects.get(pk=report.pk).search_text == search_text(
        code=report.code, description=TEXT, address="12 Lê Lợi, P. Bến Thành")


def test_a_failed_statement_takes_no_number(monkeypatch):
    """The single statement fails at its last insert (an event too long for its column):
    neither the number, nor the report, nor its first event stay."""
    if not intake_rows.single_statement():
        pytest.skip("the single statement is PostgreSQL's")
    before = _number(_create())
    reports = Report.objects.count()
    fail_at_the_last_insert(monkeypatch)
    with pytest.raises(DataError):
        _create()
    monkeypatch.undo()
    assert Report.objects.count() == reports
    assert _number(_create()) == before + 1


def _attached_note(**extra) -> Event:
    """A row of the caller's own pointing at the report (Open311 attaches its submission;
    an event is any model with a ``report`` foreign key)."""
    return Event(**{"kind": EventKind.NOTE, "public": False, "actor_role": "system",
                    "note": "attached", "created_at": timezone.now(), **extra})


def test_attached_rows_are_stored_with_the_report():
    row = _attached_note()
    report, created = report_create(data=report_input(category="rac-thai", description=TEXT,
                                                      lat=LAT, lon=LON), attached=[row])
    assert created and row.report_id == report.pk
    assert Event.objects.filter(report=report, note="attached").count() == 1


def test_a_failing_attached_row_takes_no_number():
    before = _number(_create())
    reports = Report.objects.count()
    with pytest.raises(ValidationError):
        report_create(data=report_input(category="rac-thai", description=TEXT, lat=LAT,
                                        lon=LON), attached=[_attached_note(created_at="no")])
    assert Report.objects.count() == reports
    assert _number(_create()) == before + 1


@pytest.mark.django_db(transaction=True)
def test_racing_writers_take_every_number_once():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL (SQLite serialises writers)")
    from smartdistrict.demo.data import seed_configuration

    seed_configuration()  # a transactional test starts from an emptied database
    codes = []

    def submit():
        for _ in range(5):
            codes.append(_create().code)

    assert run_together(submit) == []
    numbers = sorted(int(code.rsplit("-", 1)[1]) for code in codes)
    assert numbers == list(range(numbers[0], numbers[0] + 20))
    assert sorted(Report.objects.values_list("code", flat=True)) == sorted(codes)


def test_the_note_names_the_nearest_open_reports_first_as_the_selector_does():
    from smartdistrict.feedback.selectors import NEARBY_NOTE_LIMIT, nearby_open_reports

    older = [create_report(category="rac-thai", description=TEXT, lat=LAT + metres * 9e-6,
                           lon=LON)[0] for metres in (40, 5, 25, 60, 10, 15)]
    report = _create()
    expected = nearby_open_reports(category=report.category, lat=LAT, lon=LON,
                                   now=report.created_at, exclude_id=report.pk)
    assert {r.pk for r in expected} == {r.pk for r in older}
    note = report.events.get(kind=EventKind.NOTE).note
    assert note.endswith(": " + ", ".join(r.code for r in expected[:NEARBY_NOTE_LIMIT]))


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_one_statement_writes_it_all_or_nothing(monkeypatch):
    """No caller's transaction (the web door in autocommit): one statement, no BEGIN or
    COMMIT of ours; when it fails, nothing stays and no number is taken."""
    if not intake_rows.single_statement():
        pytest.skip("the single statement is PostgreSQL's")
    from smartdistrict.demo.data import seed_configuration

    seed_configuration()  # a transactional test starts from an emptied database
    statements = []

    def record(execute, sql, params, many, context):
        statements.append((sql.split(" ", 1)[0], connection.in_atomic_block))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        first = _create()
    # (two when the year has no sequence row yet: the first finds none and stores nothing)
    assert {atomic for first_word, atomic in statements if first_word == "WITH"} == {False}
    assert first.events.count() == 1
    fail_at_the_last_insert(monkeypatch)
    with pytest.raises(DataError):
        _create()
    monkeypatch.undo()
    assert Report.objects.count() == 1
    second = _create()
    assert _number(second) == _number(first) + 1
    assert [e.kind for e in second.events.order_by("id")] == [EventKind.CREATED, EventKind.NOTE]


def test_values_are_quoted_as_psycopgs_client_cursor_quotes_them():
    if not intake_rows.single_statement():
        pytest.skip("the single statement is PostgreSQL's")
    from django.db.models import JSONField

    values = [None, "it's \\ \"Lê Lợi\" %s", 7, -1.5e-7, True, timezone.now(),
              JSONField().get_db_prep_save({"độ_sâu": "20 cm"}, connection), ""]
    sql = "SELECT " + ", ".join(["%s"] * len(values))
    with connection.cursor() as cursor:
        assert intake_rows._inlined(sql, values) == cursor.cursor.mogrify(sql, values)
    with pytest.raises(ValueError):
        intake_rows._inlined("SELECT %s, '100%%'", [1])
