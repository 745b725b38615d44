"""PostgreSQL's COPY for the demo seeder: a million reports with their timelines in
minutes rather than the better part of an hour through INSERTs (issue 18).

Report ids are taken from the table's sequence first, so that the events can name
their report; events are numbered by their table. Columns are read straight from the
objects' attributes (the driver adapts Python's values), except the automatic stamps
(``auto_now``: the time of the batch, as ``bulk_create`` would set) and JSON (written
as its text): preparing every value through its field cost a third of the seeding. The
rows themselves are drafts (``draft_maker``): plain namespaces holding every column's
value, not model instances, whose construction was the seeder's largest cost after
that. A large seeding (``bulk_load``) loads the tables without their secondary indexes
and foreign keys and builds them at the end.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from operator import attrgetter
from types import SimpleNamespace

from django.db import connection, transaction
from django.db.models import DateTimeField, JSONField, Model
from django.utils import timezone

from smartdistrict.core.db_settings import local_setting
from smartdistrict.feedback.models import Event, Report

# A seeding at least this large, and at least as large as the table, loads the tables
# without their secondary indexes and foreign keys and builds them again at the end.
BULK_LOAD_MIN = 50_000
# Sort memory for those index builds (the trigram index of a million reports).
BUILD_MEMORY = "1GB"


def draft_maker(model: type[Model]) -> Callable[..., SimpleNamespace]:
    """A maker of unsaved rows of ``model``: each holds every concrete field's attribute
    (``category_id``, not ``category``) with the field's default, then the values given.
    ``as_instance`` turns one into the model's instance (SQLite's bulk_create)."""
    fields = model._meta.concrete_fields
    fixed = {f.attname: f.get_default() for f in fields
             if not (f.has_default() and callable(f.default))}
    made = [(f.attname, f.default) for f in fields if f.has_default() and callable(f.default)]

    def make(**values: object) -> SimpleNamespace:
        row = SimpleNamespace(**fixed)
        for name, default in made:  # a fresh value each (a dict default is not shared)
            setattr(row, name, default())
        row.__dict__.update(values)
        return row

    return make


def as_instance(model: type[Model], draft: SimpleNamespace) -> Model:
    return model(**vars(draft))


def report_ids(count: int) -> list[int]:
    """``count`` new ids from feedback_report's sequence, so that events can name their
    report before it is written."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence('feedback_report', 'id')) "
                       "FROM generate_series(1, %s)", [count])
        return [row[0] for row in cursor.fetchall()]


def _fields(model: type[Model], with_ids: bool) -> list:
    return [f for f in model._meta.concrete_fields if with_ids or f is not model._meta.pk]


def copy_values(model: type[Model], objects: list, *, with_ids: bool = True) -> list[list]:
    """The rows of ``objects`` (drafts or unsaved instances) in the column order of
    ``copy_table``: with their ids, or without (the table's default numbers them). No
    database is read: worker processes build them."""
    getters = [_getter(field, timezone.now()) for field in _fields(model, with_ids)]
    return [[get(obj) for get in getters] for obj in objects]


def copy_table(model: type[Model], rows: list[list], *, with_ids: bool = True) -> None:
    """COPY ``rows`` (``copy_values``) into ``model``'s table."""
    if not rows:
        return
    columns = ", ".join(connection.ops.quote_name(f.column) for f in _fields(model, with_ids))
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the driver's cursor (psycopg 3): COPY … FROM STDIN
        with cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


def _getter(field, now) -> Callable[[Model], object]:
    if isinstance(field, DateTimeField) and (field.auto_now or field.auto_now_add):
        return lambda obj: now
    if isinstance(field, JSONField):
        read = attrgetter(field.attname)
        return lambda obj: json.dumps(read(obj), ensure_ascii=False)
    return attrgetter(field.attname)


def bulk_load_wanted(count: int, stored: int) -> bool:
    """Whether adding ``count`` reports to ``stored`` ones is cheaper by building the
    indexes again afterwards: the seeding is large and at least the table's size. Each row
    COPYed into feedback_report's 20-odd indexes (a trigram one among them) and checked
    against six foreign keys at commit cost about twice what a build over the whole
    table costs per row (measured at 200,000 reports: 71 s of the server's time against
    36 s)."""
    return connection.vendor == "postgresql" and count >= max(BULK_LOAD_MIN, stored)


def _secondary(table: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(name, CREATE INDEX …) of ``table``'s indexes that back no constraint (but see
    below), and
    (name, definition) of its foreign keys, as the catalog holds them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
            "FROM pg_index i WHERE i.indrelid = %s::regclass AND NOT EXISTS "
            "(SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
            # A predicate over a list (status IN …) comes back from its text as another
            # expression (an array of casts): those few partial indexes are kept.
            "AND coalesce(pg_get_expr(i.indpred, i.indrelid), '') NOT LIKE '%%ANY%%' "
            "ORDER BY i.indexrelid", [table])
        indexes = cursor.fetchall()
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY oid", [table])
        keys = cursor.fetchall()
    return indexes, keys


@contextmanager
def bulk_load(models: tuple[type[Model], ...] = (Report, Event)) -> Iterator[None]:
    """One transaction in which ``models``' tables are loaded without their secondary
    indexes and foreign keys, built again from the catalog's own definitions at the end
    (a foreign key added back checks every row in one join). What the block writes is
    visible, and the tables whole, only at its commit; an error rolls the drop back too.
    The tables are locked against every reader meanwhile: for seeding, not a live site."""
    with transaction.atomic():
        saved = []
        with connection.cursor() as cursor:
            for model in models:
                table = model._meta.db_table
                indexes, keys = _secondary(table)
                saved.append((table, indexes, keys))
                for name, _definition in keys:
                    cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT "
                                   f"{connection.ops.quote_name(name)}")
                for name, _definition in indexes:
                    cursor.execute(f"DROP INDEX {name}")
        yield
        with local_setting("maintenance_work_mem", BUILD_MEMORY), connection.cursor() as cursor:
            for table, indexes, keys in saved:
                for _name, definition in indexes:
                    cursor.execute(definition)
                for name, definition in keys:
                    cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT "
                                   f"{connection.ops.quote_name(name)} {definition}")
