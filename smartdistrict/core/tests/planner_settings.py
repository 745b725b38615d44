"""For tests: the value a PostgreSQL setting had when each read of a block ran, and the
reads of a block counted without what serial_reads() adds around them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django.test.utils import CaptureQueriesContext


@contextmanager
def setting_at_each_read(name: str) -> Iterator[list[tuple[str, str]]]:
    """Yields a list that fills, as the block runs, with (value of ``name``, SQL) for every
    SELECT or WITH statement (not the set_config calls that change the setting)."""
    seen: list[tuple[str, str]] = []

    def before_each(execute, sql, params, many, context):
        if sql.lstrip().startswith(("SELECT", "WITH")) and "set_config" not in sql:
            execute(f"SHOW {name}", None, False, context)
            seen.append((context["cursor"].fetchone()[0], sql))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(before_each):
        yield seen


def reads_of(captured: CaptureQueriesContext) -> list[str]:
    """The statements a block sent, without those serial_reads() adds around its reads
    (core.db_settings: on PostgreSQL the transaction, a savepoint inside a test, and the
    set_config calls that change the setting and give it back)."""
    return [q["sql"] for q in captured.captured_queries
            if "set_config" not in q["sql"] and "SAVEPOINT" not in q["sql"]
            and q["sql"] not in ("BEGIN", "COMMIT")]


@contextmanager
def at_most_reads(limit: int) -> Iterator[CaptureQueriesContext]:
    """Like pytest-django's django_assert_max_num_queries, counting only reads_of()."""
    with CaptureQueriesContext(connection) as captured:
        yield captured
    sent = reads_of(captured)
    assert len(sent) <= limit, f"{len(sent)} statements, at most {limit} expected:\n" + \
        "\n".join(sent)
