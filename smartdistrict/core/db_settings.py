"""A PostgreSQL setting changed for a block of one transaction.

Some statements want a planner or memory setting of their own (no parallel workers for
small reads, no nested loops for a whole-table sync, more sort memory for a full
rebuild); the server's setting stays for everything else, and a transaction that goes on
after the block gets its own value back.

Serial reads: a read of a few thousand rows at most (the dashboard's sums, a page of the
Open311 list) gains nothing from PostgreSQL's parallel workers, yet once the table is
large enough for the planner's estimate to cross its threshold it starts them, and on a
server of two cores their start and the gathering of their rows cost more than they
save: the 365-day headline's read of the sums took 22–24 ms with a Gather and 10–19 ms
without at a million reports; Open311's newest 1,000 requests ran a Gather Merge whose
start alone took 40 ms there, where 100,000 reports read them in 9 ms without.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from django.db import connection, transaction

PARALLEL = "max_parallel_workers_per_gather"
_SERIAL_FLAG = "_smartdistrict_serial_reads"

P = ParamSpec("P")
R = TypeVar("R")


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


@contextmanager
def serial_reads() -> Iterator[None]:
    """Run the block's queries with no parallel workers (PostgreSQL; a no-op elsewhere
    and when already inside such a block)."""
    if connection.vendor != "postgresql" or getattr(connection, _SERIAL_FLAG, False):
        yield
        return
    with transaction.atomic(), local_setting(PARALLEL, "0"):
        setattr(connection, _SERIAL_FLAG, True)
        try:
            yield
        finally:
            setattr(connection, _SERIAL_FLAG, False)


def serial(function: Callable[P, R]) -> Callable[P, R]:
    """Decorator: the function's reads run inside serial_reads()."""
    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with serial_reads():
            return function(*args, **kwargs)
    return wrapper
