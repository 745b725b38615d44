"""The indexes of feedback_report as the database has them (issue 18): every one is
written by every report received, so none may repeat another, and the columns empty on a
new report are indexed only where set. Checked on the engine the tests run on (SQLite or
PostgreSQL), through the migrations."""

from __future__ import annotations

import pytest
from django.db import connection

from smartdistrict.feedback.models import Report

# Empty when a report is received; every query on them names a value.
EMPTY_AT_INTAKE = {"assignee_id", "duplicate_of_id", "suggested_category_id", "resolved_at",
                   "followup_answered_at"}


def _indexes() -> dict[str, dict]:
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, Report._meta.db_table)
    return {name: info for name, info in found.items()
            if info["index"] and not info["unique"] and not info["primary_key"]}


def _partial(name: str) -> bool:
    """Whether the index has a WHERE clause (introspection does not say)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [name])
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = %s",
                           [name])
        return " WHERE " in cursor.fetchone()[0].upper()


@pytest.mark.django_db
def test_no_index_is_the_leading_part_of_another():
    """A whole-table index whose columns lead another whole-table index only costs
    writes (Django's own index on a foreign key, for instance)."""
    full = {name: info["columns"] for name, info in _indexes().items()
            if info["columns"] and None not in info["columns"] and not _partial(name)}
    redundant = [
        (name, other) for name, columns in full.items() for other, longer in full.items()
        if other != name and len(longer) > len(columns) and longer[:len(columns)] == columns
    ]
    assert redundant == []


@pytest.mark.django_db
def test_columns_empty_at_intake_are_indexed_only_where_set():
    indexes = _indexes()
    on = {column: name for name, info in indexes.items() for column in info["columns"]
          if column in EMPTY_AT_INTAKE}
    assert set(on) == EMPTY_AT_INTAKE
    assert [name for name in on.values() if not _partial(name)] == []
    # Each still answers the query that names a value (here: "assigned to this user").
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(f"EXPLAIN SELECT id FROM {Report._meta.db_table} "  # noqa: S608
                           "WHERE assignee_id = 1")
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert on["assignee_id"] in plan
