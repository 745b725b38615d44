"""Intake's write statement on PostgreSQL, prepared (values bound by the server, parsed and
planned once per connection) or with its values inlined (prepared statements off, as
behind a pooler that cannot keep them: DATABASE_PREPARED_STATEMENTS=false): both write
what the ORM's saves write, take no number when they fail, and keep to the caller's
transaction — issue 18."""

import pytest
from django.db import DataError, connection, transaction

from smartdistrict.feedback.models import Event, EventKind, Report
from smartdistrict.feedback.services import intake_rows
from smartdistrict.feedback.tests.conftest import (
    WARD_POINTS,
    create_report,
    fail_at_the_last_insert,
)

pytestmark = pytest.mark.django_db

LAT, LON = WARD_POINTS["26911"]
TEXT = "Rác thải đổ trộm ở đầu hẻm đã ba ngày, bốc mùi hôi. Gọi 0912345678."
ADDRESS = "12 Lê Lợi, P. Bến Thành"


@pytest.fixture(params=["prepared", "inlined"])
def way(request, settings):
    """Prepared statements on (the default) or off (settings)."""
    if connection.vendor != "postgresql":
        pytest.skip("the single statement and its preparation are PostgreSQL's")
    settings.DATABASE_PREPARED_STATEMENTS = request.param == "prepared"
    return request.param


def _create(**extra) -> Report:
    report, created = create_report(category="rac-thai", description=TEXT, lat=LAT, lon=LON,
                                    address=ADDRESS, **extra)
    assert created
    return report


def _number(report: Report) -> int:
    return int(report.code.rsplit("-", 1)[1])


def _columns(obj) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def _intake_statements() -> list[tuple[int, int]]:
    """(generic plans, custom plans) of each statement this session keeps prepared that
    takes a code number."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT generic_plans, custom_plans FROM pg_prepared_statements "
                       "WHERE statement LIKE %s", ["%feedback_codesequence%"])
        return cursor.fetchall()


def test_the_statement_is_prepared_once_and_then_only_bound(way):
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql.split(" ", 1)[0])
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        for _ in range(4):
            _create()
    # One statement per report either way (and one more when the year had no sequence
    # row: the first found none and stored nothing).
    assert statements.count("WITH") in (4, 5)
    prepared = _intake_statements()
    if way == "inlined":
        assert prepared == []
    else:
        assert len(prepared) == 1 and sum(prepared[0]) == statements.count("WITH")


def test_only_the_intake_statement_is_prepared(way):
    """Django's connection keeps psycopg's preparing off (its default, for poolers)
    outside the statement: its own queries are not prepared, nor their text counted."""
    _create()
    assert connection.connection.prepare_threshold is None
    for _ in range(6):
        assert Report.objects.filter(description=TEXT).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    assert len(prepared) == (way == "prepared") and all(
        "feedback_codesequence" in statement for statement in prepared)


def test_the_rows_are_those_the_orms_saves_write(way, monkeypatch):
    first = _create()  # the next two are its duplicates: each has a note
    one = _create()
    monkeypatch.setattr(intake_rows, "single_statement", lambda: False)
    other = _create()
    monkeypatch.undo()
    skip = {"id", "code", "search_text", "updated_at", "created_at", "due_at"}

    def row(report):
        return {k: v for k, v in _columns(Report.objects.get(pk=report.pk)).items()
                if k not in skip}

    def events(report):
        return [{k: v for k, v in _columns(e).items() if k not in ("id", "report_id",
                                                                   "created_at")}
                for e in Event.objects.filter(report=report).order_by("id")]

    assert row(one) == row(other)
    assert Report.objects.get(pk=one.pk).search_text == one.search_text
    assert [e["kind"] for e in events(one)] == [EventKind.CREATED, EventKind.NOTE]
    assert events(one)[0] == events(other)[0]
    assert events(one)[1]["note"].endswith(": " + first.code)
    assert events(other)[1]["note"].endswith(f": {first.code}, {one.code}")  # same place: by id


def test_a_failed_statement_takes_no_number_and_the_next_one_runs(way, monkeypatch):
    before = _number(_create())
    reports = Report.objects.count()
    fail_at_the_last_insert(monkeypatch)
    with pytest.raises(DataError):  # Django's error, as from its own cursors
        _create()
    monkeypatch.undo()
    assert Report.objects.count() == reports
    assert _number(_create()) == before + 1


def test_attached_rows_go_in_the_same_statement_and_fail_with_it(way):
    """Open311's submission rides in the report's statement: no INSERT of its own, and
    a row the database refuses takes the report and its number with it."""
    from django.utils import timezone

    from smartdistrict.feedback.services.intake import report_create
    from smartdistrict.feedback.tests.conftest import report_input

    def attached(**extra):
        return Event(**{"kind": EventKind.NOTE, "public": False, "actor_role": "system",
                        "note": "attached", "created_at": timezone.now(), **extra})

    def submit(row):
        return report_create(data=report_input(category="rac-thai", description=TEXT,
                                               lat=LAT, lon=LON), attached=[row])[0]

    before = _number(_create())
    statements = []

    def record(execute, sql, params, many, context):
        statements.append(sql.split(" ", 1)[0])
        return execute(sql, params, many, context)

    row = attached()
    with connection.execute_wrapper(record):
        report = submit(row)
    assert statements.count("WITH") == 1 and "INSERT" not in statements
    assert Event.objects.get(report=report, note="attached").public is False
    assert _number(report) == before + 1
    reports = Report.objects.count()
    with pytest.raises(DataError):
        submit(attached(kind="x" * 50))  # too long for its column
    assert Report.objects.count() == reports
    assert _number(_create()) == before + 2


def test_inside_the_callers_transaction_a_failure_leaves_it_usable(way, monkeypatch):
    """In an atomic() block (photos, a caller's own) the statement runs
    in a savepoint: its failure rolls back to it, and the caller's transaction goes on."""
    before = _number(_create())
    with transaction.atomic():
        fail_at_the_last_insert(monkeypatch)
        with pytest.raises(DataError):
            _create()
        monkeypatch.undo()
        kept = _create()
    assert Report.objects.filter(pk=kept.pk).exists()
    assert _number(kept) == before + 1


def test_a_rolled_back_transaction_takes_its_numbers_back_and_the_next_report_is_stored(
        way):
    """A caller's transaction rolled back takes its reports and numbers with it (psycopg
    then forgets its prepared statements: the next call prepares again)."""
    before = _number(_create())
    reports = Report.objects.count()

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        _create()
        _create()
        raise Undo
    assert Report.objects.count() == reports
    after = _create()
    assert _number(after) == before + 1
    assert after.events.filter(kind=EventKind.NOTE).exists()


def test_placeholders_are_numbered_as_the_server_reads_them():
    assert intake_rows._numbered("SELECT %s, %s FROM t WHERE a = %s") == (
        "SELECT $1, $2 FROM t WHERE a = $3")
    for odd in ("SELECT %s, '100%%'", "SELECT %(a)s", "SELECT $1, %s"):
        with pytest.raises(ValueError):
            intake_rows._numbered(odd)


def test_the_query_log_shows_the_statement(way):
    """CaptureQueriesContext, assertNumQueries and DEBUG read the statement from the log."""
    from django.test.utils import CaptureQueriesContext

    _create()
    with CaptureQueriesContext(connection) as queries:
        _create()
    written = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("WITH ")]
    assert len(written) == 1 and "INSERT INTO" in written[0]
