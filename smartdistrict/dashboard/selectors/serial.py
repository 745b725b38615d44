"""The dashboard's reads without PostgreSQL's parallel workers.

Every read of the dashboard is a handful of index ranges over the sums (issue 18: a few
thousand rows at most, whatever the number of reports). When the planner's estimate of
such a read crosses its threshold it starts parallel workers, and on a server of two
cores their start and the gathering of their rows cost more than they save: the
365-day headline's read of the sums took 22–24 ms with a Gather and 10–19 ms without
at a million reports. The setting is changed for the reads' transaction only
(``set_config(…, true)``, i.e. SET LOCAL) and put back when they end inside a longer
transaction; other work (the refresh's full rebuild) keeps the server's setting.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

from django.db import connection, transaction

from smartdistrict.core.db_settings import local_setting

SETTING = "max_parallel_workers_per_gather"
_FLAG = "_smartdistrict_serial_reads"

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def serial_reads() -> Iterator[None]:
    """Run the block's queries with no parallel workers (PostgreSQL; a no-op elsewhere
    and when already inside such a block)."""
    if connection.vendor != "postgresql" or getattr(connection, _FLAG, False):
        yield
        return
    with transaction.atomic(), local_setting(SETTING, "0"):
        setattr(connection, _FLAG, True)
        try:
            yield
        finally:
            setattr(connection, _FLAG, False)


def serial(function: Callable[P, R]) -> Callable[P, R]:
    """Decorator: the function's reads run inside serial_reads()."""
    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with serial_reads():
            return function(*args, **kwargs)
    return wrapper
