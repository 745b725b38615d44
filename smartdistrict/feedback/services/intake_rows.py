"""Storing a new report, its code and its first timeline events (intake's writes, issue 18).

On PostgreSQL one statement does it all: a data-modifying WITH takes the year's next
number (report_codes.next_code_sql: the UPDATE … RETURNING of ``next_code``), inserts the
report with its code (and its search text: search.search_text's, computed here around
the number, which the statement puts in), and its events with the report's id; unless
the resident is to be asked about them first, it also looks up the nearby open reports
its duplicates note names (``DuplicatesLookup``). That is one round trip per report
instead of about six (nearby, BEGIN, sequence, report, each event, COMMIT; measured
interleaved at 1,000,000 reports: ~20 % less time per report, ~30 % less client CPU)
and, when the caller needs no
transaction of its own, no BEGIN and COMMIT either: a single statement is atomic, and
the sequence row stays locked until it ends, so codes stay without gaps. Its SQL is
built once per process from the models' metadata, which also saves the ORM's
compilation of ``Model.objects.create`` at every call; the values are prepared as the
ORM prepares them (``Field.pre_save`` then ``get_db_prep_save``), so the rows are the
same. The statement is sent with its values bound by the server and prepared once per
connection (``_PreparingCursor``), so the server parses and plans it once rather than
at every report (measured interleaved at 1,000,000 reports: server CPU per report
~1.74 → ~0.98 ms); where the connection keeps no prepared statements (a pooler that
cannot: settings DATABASE_PREPARED_STATEMENTS, docs/deploy.md) its values are inlined
as literals instead (``_inlined``). SQLite (no INSERT inside WITH) takes the code with
``next_code`` and saves each row with the ORM, inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Self

import psycopg
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Field, Model
from django.db.models.signals import post_save, pre_save
from psycopg.adapt import Transformer

from smartdistrict.core.text import fold_words
from smartdistrict.feedback.models import Event, Report
from smartdistrict.feedback.search import search_text
from smartdistrict.feedback.services.report_codes import (
    DIGITS,
    code_head,
    next_code,
    next_code_sql,
    sequence_create,
)

if TYPE_CHECKING:
    from django.db.backends.utils import CursorWrapper
    from psycopg._queries import PostgresQuery


def single_statement() -> bool:
    """Whether ``report_store`` writes in one statement (then a caller with nothing else
    to write needs no transaction around it)."""
    return connection.vendor == "postgresql"


@dataclass(frozen=True)
class DuplicatesLookup:
    """Open reports of the same kind close by (selectors.nearby_open_query selecting
    ``code``, nearest first), looked up by the write statement itself, and the internal
    note that names them: ``note`` has NOTE_CODES where their codes go; stored only
    when there is at least one."""

    sql: str
    params: list
    note: Event


NOTE_CODES = "\x00"  # never in a text PostgreSQL stores


def report_store(report: Report, events: Sequence[Event], *, created_at: dt.datetime,
                 duplicates: DuplicatesLookup | None = None,
                 attached: Sequence[Model] = ()) -> None:
    """Give ``report`` (unsaved, without code) the next code of ``created_at``'s year and
    its search text, and insert it and ``events`` (unsaved, of that report, in timeline
    order: their ids follow it), then the note of ``duplicates`` (PostgreSQL only) if it
    finds any, then ``attached`` (unsaved rows of other models with a ``report`` foreign
    key: an adapter's own record of the report, as Open311's submission). The report gets
    its id and is marked saved as ``save`` would; the ids of the events and attached rows
    are not read back (nothing reads them). Outside PostgreSQL, call it inside a
    transaction."""
    if not single_statement():
        _store_each(report, [*events, *_looked_up(duplicates)], next_code(created_at),
                    attached)
        return
    head, prefix, year = code_head(created_at)
    # The folded text around the code's number (its digits fold to themselves).
    zeros = "0" * DIGITS
    text = search_text(code=head + zeros, description=report.description,
                       address=report.address)
    at = 1 + len(fold_words(head + zeros)) - DIGITS
    if text[at:at + DIGITS] != zeros:  # a prefix that folds oddly: the portable way
        with transaction.atomic():
            _store_each(report, [*events, *_looked_up(duplicates)], next_code(created_at),
                        attached)
        return
    rows = [*events, *([duplicates.note] if duplicates else [])]
    for obj in (report, *rows, *attached):
        _signal(pre_save, obj)
    params: list = [*(duplicates.params if duplicates else []),
                    prefix, year, head, text[:at], text[at + DIGITS:]]
    params += _values(report, _report_fields())
    for event in rows:
        values = _values(event, _event_fields())
        if duplicates and event is duplicates.note:
            at_note = _event_fields().index(Event._meta.get_field("note"))
            values[at_note:at_note + 1] = duplicates.note.note.split(NOTE_CODES)
        params += values
    for row in attached:
        params += _values(row, _attached_fields(type(row)))
    sql = _insert_sql(len(events), duplicates.sql if duplicates else None,
                      tuple(type(row) for row in attached))
    if _prepares():
        with _preparing_cursor() as cursor:
            cursor.execute(_numbered(sql), params)
            row = cursor.fetchone()
    else:
        with connection.cursor() as cursor:
            cursor.execute(_inlined(sql, params))
            row = cursor.fetchone()
    if row is None:  # the year's first report
        sequence_create(prefix, year)
        report_store(report, events, created_at=created_at, duplicates=duplicates,
                     attached=attached)
        return
    report.pk, report.code, codes = row
    report.search_text = text[:at] + report.code[len(head):] + text[at + DIGITS:]
    report._state.adding, report._state.db = False, connection.alias
    if duplicates and codes is not None:
        duplicates.note.note = duplicates.note.note.replace(NOTE_CODES, codes)
    for event in rows if codes is not None else events:
        event.report = report  # the id the statement gave it
        _signal(post_save, event, created=True)
    for row in attached:
        row.report = report
        row._state.adding, row._state.db = False, connection.alias
        _signal(post_save, row, created=True)
    _signal(post_save, report, created=True)


def _prepares() -> bool:
    """Whether the statement is sent prepared (settings.DATABASE_PREPARED_STATEMENTS: not
    behind a pooler that cannot keep prepared statements, docs/deploy.md)."""
    return settings.DATABASE_PREPARED_STATEMENTS


class _PreparingCursor(psycopg.RawCursor):
    """Values bound by the server, the statement prepared at its first run on the
    connection (psycopg keeps the name per connection, keyed by the SQL text and the
    values' types): the server parses and plans the big WITH once, then only binds. Raw
    ($1, $2 … placeholders, ``_numbered``): psycopg caches its own conversion of %s only
    for statements of up to 50 parameters, and this one has up to ~90.

    Django keeps psycopg's preparing off on its connections (``prepare_threshold`` None,
    for poolers); it is turned on only while this cursor runs. Left on, psycopg would
    also keep the text of every other query (Django's, literals inlined: a bulk insert's
    megabytes) in its count of the last hundred, to prepare one run often enough."""

    def execute(self, query: str, params: Sequence | None = None, *,
                prepare: bool | None = None, binary: bool | None = None) -> Self:
        conn = self.connection
        threshold = conn.prepare_threshold
        conn.prepare_threshold = _THRESHOLD if threshold is None else threshold
        try:
            return super().execute(query, params, prepare=True, binary=binary)
        finally:
            conn.prepare_threshold = threshold

    def _send_query_prepared(self, name: bytes, pgq: PostgresQuery, *,
                             binary: bool | None = None) -> None:
        # Record the statement as psycopg records those it does not prepare: Django's
        # query log (assertNumQueries, CaptureQueriesContext, debug) reads it there.
        self._query = pgq
        super()._send_query_prepared(name, pgq, binary=binary)


_THRESHOLD = 5  # psycopg's default; any number: this cursor asks for prepare=True


def _preparing_cursor() -> CursorWrapper:
    """A ``_PreparingCursor`` wrapped as ``connection.cursor()`` wraps Django's own: the
    same errors (django.db.IntegrityError …), the broken-transaction check, the
    execute wrappers and the query log (assertNumQueries, debug)."""
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        return connection._prepare_cursor(_PreparingCursor(connection.connection))


def _inlined(sql: str, params: Sequence) -> str:
    """``sql`` with ``params`` in it as literals, quoted as psycopg's client-side cursor
    (Django's) quotes them, with the statement cut at its placeholders once per process:
    psycopg keeps its own cut only for statements of up to 50 parameters, and cutting
    this one (up to ~90) again at every call cost more than quoting the values."""
    connection.ensure_connection()
    conn = connection.connection
    pieces = _pieces(sql, conn.info.encoding)
    as_literal = Transformer(conn).as_literal
    out = [pieces[0]]
    for value, piece in zip(params, pieces[1:], strict=True):
        out += (as_literal(value), piece)
    return b"".join(out).decode(conn.info.encoding)


@cache
def _numbered(sql: str) -> str:
    """``sql`` with its %s placeholders numbered as the server reads them ($1, $2 …)."""
    pieces = sql.split("%s")
    if any("%" in piece or "$" in piece for piece in pieces):
        raise ValueError("only %s placeholders")
    return pieces[0] + "".join(f"${n}{piece}" for n, piece in enumerate(pieces[1:], 1))


@cache
def _pieces(sql: str, encoding: str) -> tuple[bytes, ...]:
    pieces = sql.split("%s")
    if any("%" in piece for piece in pieces):  # %% or %(name)s: psycopg's own rules
        raise ValueError("only %s placeholders")
    return tuple(piece.encode(encoding) for piece in pieces)


def _looked_up(duplicates: DuplicatesLookup | None) -> list[Event]:
    """The note of ``duplicates``, looked up in a round trip of its own ([] if none)."""
    if duplicates is None:
        return []
    with connection.cursor() as cursor:
        cursor.execute(duplicates.sql, duplicates.params)
        codes = [code for (code,) in cursor.fetchall()]
    if not codes:
        return []
    duplicates.note.note = duplicates.note.note.replace(NOTE_CODES, ", ".join(codes))
    return [duplicates.note]


def _store_each(report: Report, events: Sequence[Event], code: str,
                attached: Sequence[Model] = ()) -> None:
    report.code = code
    report.search_text = search_text(code=code, description=report.description,
                                     address=report.address)
    report.save(force_insert=True)
    for row in [*events, *attached]:
        row.report = report
        row.save(force_insert=True)


def _signal(signal, obj: Model, **kwargs) -> None:
    """What ``save`` sends (nothing listens to these models today; cheap to check)."""
    if signal.has_listeners(type(obj)):
        signal.send(sender=type(obj), instance=obj, raw=False, using=connection.alias,
                    update_fields=None, **kwargs)


def _insert_fields(model: type[Model]) -> tuple[Field, ...]:
    """The columns ``save`` would insert: every concrete field but the automatic key."""
    meta = model._meta
    return tuple(f for f in meta.local_concrete_fields
                 if f is not meta.auto_field and not getattr(f, "generated", False))


@cache
def _report_fields() -> tuple[Field, ...]:
    """A report's columns but its code and search text (the statement writes those)."""
    return tuple(f for f in _insert_fields(Report) if f.name not in ("code", "search_text"))


@cache
def _event_fields() -> tuple[Field, ...]:
    """An event's columns but its report (the statement takes it from the report's
    INSERT)."""
    return tuple(f for f in _insert_fields(Event) if f.name != "report")


def _values(obj: Model, fields: Sequence[Field]) -> list:
    return [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]


@cache
def _attached_fields(model: type[Model]) -> tuple[Field, ...]:
    """An attached row's columns but its report (taken from the report's INSERT)."""
    if model._meta.get_field("report").related_model is not Report:
        raise ValueError(f"{model.__name__}.report does not point at a report")
    return tuple(f for f in _insert_fields(model) if f.name != "report")


@cache
def _insert_sql(events: int, duplicates: str | None,
                attached: tuple[type[Model], ...] = ()) -> str:
    """WITH [d (the duplicates' codes),] c (the next number), r (INSERT the report …
    RETURNING id, code), e (INSERT its events with r's id, in order, then the note when
    d found any), a0 … (INSERT each attached row with r's id) SELECT id, code, the codes
    joined FROM r — names from the models' metadata, every value a parameter. The events'
    values are cast to their columns' types (a VALUES list inside a SELECT would read
    them as text); the report's and attached rows' take their columns' types as they
    are inserted."""
    qn = connection.ops.quote_name
    report_fields, event_fields = _report_fields(), _event_fields()
    pk, code = qn(Report._meta.pk.column), qn(Report._meta.get_field("code").column)
    columns = ", ".join(qn(f.column) for f in (Report._meta.get_field("code"),
                                               Report._meta.get_field("search_text"),
                                               *report_fields))
    values = ", ".join(["%s || c.number", "%s || c.number || %s",
                        *["%s"] * len(report_fields)])
    codes = "NULL"
    sql = "WITH "
    if duplicates:
        codes = "(SELECT string_agg(d.code, ', ' ORDER BY d.n) FROM d)"
        sql += (f"d AS MATERIALIZED (SELECT q.*, row_number() OVER () AS n "  # noqa: S608
                f"FROM ({duplicates}) q), ")
    # Names come from the models' metadata; every value is a parameter.
    sql += (f"{next_code_sql('c')}, "  # noqa: S608
            f"r AS (INSERT INTO {qn(Report._meta.db_table)} ({columns}) "
            f"SELECT {values} FROM c RETURNING {pk}, {code})")
    names = [f"v{i}" for i in range(len(event_fields))]
    # Without a length (varchar, not varchar(15)): a CAST would cut a long value where
    # the INSERT refuses it.
    cast = [f"CAST(%s AS {f.db_type(connection).split('(')[0]})" for f in event_fields]
    rows = [f"({n}, {', '.join(cast)})" for n in range(events)]
    keep = ""
    if duplicates:
        at = event_fields.index(Event._meta.get_field("note"))
        note = [*cast[:at], f"CAST(%s || {codes} || %s AS text)", *cast[at + 1:]]
        rows.append(f"({events}, {', '.join(note)})")
        keep = f" WHERE n < {events} OR EXISTS (SELECT FROM d)"
    if rows:
        sql += (f", e AS (INSERT INTO {qn(Event._meta.db_table)} "  # noqa: S608
                f"({qn(Event._meta.get_field('report').column)}, "
                f"{', '.join(qn(f.column) for f in event_fields)}) "
                f"SELECT r.{pk}, {', '.join(names)} FROM r, (VALUES {', '.join(rows)}) "
                f"AS v(n, {', '.join(names)}){keep} ORDER BY n)")
    for n, model in enumerate(attached):
        fields = _attached_fields(model)
        sql += (f", a{n} AS (INSERT INTO {qn(model._meta.db_table)} "  # noqa: S608
                f"({qn(model._meta.get_field('report').column)}, "
                f"{', '.join(qn(f.column) for f in fields)}) "
                f"SELECT r.{pk}, {', '.join(['%s'] * len(fields))} FROM r)")
    return f"{sql} SELECT {pk}, {code}, {codes} FROM r"  # noqa: S608
