"""PostgreSQL's COPY for the demo seeder: a million reports with their timelines in
minutes rather than the better part of an hour through INSERTs (issue 18).

Ids are taken from the tables' sequences first, so that the events can name their
report. Columns are read straight from the objects' attributes (the driver adapts
Python's values), except the automatic stamps (``auto_now``: the time of the batch, as
``bulk_create`` would set) and JSON (written as its text): preparing every value through
its field cost a third of the seeding. The rows themselves are drafts (``draft_maker``):
plain namespaces holding every column's value, not model instances, whose construction
was the seeder's largest cost after that.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from operator import attrgetter
from types import SimpleNamespace

from django.db import connection
from django.db.models import DateTimeField, JSONField, Model
from django.utils import timezone

from smartdistrict.feedback.models import Event, Report


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


def _ids(model: type[Model], count: int) -> list[int]:
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) "  # noqa: S608
                       "FROM generate_series(1, %s)", [count])
        return [row[0] for row in cursor.fetchall()]


def copy_objects(model: type[Model], objects: list) -> None:
    """COPY ``objects`` (drafts or unsaved instances, ids given here) into their table."""
    if not objects:
        return
    key = model._meta.pk.attname
    for obj, new_id in zip(objects, _ids(model, len(objects)), strict=True):
        setattr(obj, key, new_id)
    fields = model._meta.concrete_fields
    getters = [_getter(field, timezone.now()) for field in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as wrapper:
        cursor = wrapper.cursor  # the driver's cursor (psycopg 3): COPY … FROM STDIN
        with cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                copy.write_row([get(obj) for get in getters])


def _getter(field, now) -> Callable[[Model], object]:
    if isinstance(field, DateTimeField) and (field.auto_now or field.auto_now_add):
        return lambda obj: now
    if isinstance(field, JSONField):
        read = attrgetter(field.attname)
        return lambda obj: json.dumps(read(obj), ensure_ascii=False)
    return attrgetter(field.attname)


def copy_rows(reports: list, timelines: list[list]) -> list:
    """COPY the reports, then their timelines' events (drafts); returns the events
    written."""
    copy_objects(Report, reports)
    events = []
    for report, timeline in zip(reports, timelines, strict=True):
        for event in timeline:
            event.report_id = report.id
            events.append(event)
    copy_objects(Event, events)
    return events
