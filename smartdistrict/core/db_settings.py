"""A PostgreSQL setting changed for a block of one transaction.

The dashboard changes a planner or memory setting for a few statements of its own (no
parallel workers for its small reads, no nested loops for a whole-table sync, more sort
memory for a full rebuild); the server's setting stays for everything else, and a
transaction that goes on after the block gets its own value back.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def local_setting(name: str, value: str) -> Iterator[None]:
    """``name`` = ``value`` for the block (``set_config(…, true)``, i.e. SET LOCAL: call it
    inside a transaction), then the value from before; a no-op outside PostgreSQL. A
    block that raises leaves the setting to the transaction's rollback."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s), set_config(%s, %s, true)",
                       [name, name, value])
        before = cursor.fetchone()[0]
    yield
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, true)", [name, before])
