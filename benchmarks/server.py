"""A gunicorn server of the app on a free loopback port, for measurements over real HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(workers: int = 1, extra_args: tuple[str, ...] = (), **env: str) -> Iterator[int]:
    """Run gunicorn with ``workers`` sync workers; yields its port, stops it afterwards.
    ``extra_args`` go to gunicorn's command line (the load test asks for a --pid file).

    Intake rate limits are off (the benchmarks measure capacity from one loopback
    address); pass ``RATE_LIMITS_ENABLED="true"`` to measure with them."""
    port = _free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("gunicorn")), "smartdistrict.wsgi",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--log-level", "warning",
         *extra_args],
        env={**os.environ, "LOG_LEVEL": "ERROR", "RATE_LIMITS_ENABLED": "false", **env},
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)
