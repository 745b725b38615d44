"""gunicorn settings: ``gunicorn smartdistrict.wsgi -c python:smartdistrict.gunicorn_conf``.

- Logs: gunicorn's own lines (boot, worker timeouts) in the project's format (LOG_FORMAT).
- Metrics with several workers: when ``PROMETHEUS_MULTIPROC_DIR`` is set, each worker writes
  its counters to files there and a scrape of any worker sums them. When gunicorn starts,
  the files of processes that are gone are removed (a previous run's values must not be
  added again); a dead worker's live gauges are dropped. Use a folder of this host only
  (a tmpfs is best).
Command-line options (``--bind``, ``--workers``, ``--timeout``) still apply.
"""

from __future__ import annotations

import os
from pathlib import Path

from smartdistrict.core.observability.logs import logging_config

logconfig_dict = logging_config(
    os.environ.get("LOG_FORMAT", "logfmt"), os.environ.get("LOG_LEVEL", "INFO")
)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def on_starting(server) -> None:
    """Drop the files of processes that are gone (a previous gunicorn's workers); keep those
    of live ones, such as a ``run_huey`` sharing the folder."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        for stale in path.glob("*.db"):
            pid = stale.stem.rsplit("_", 1)[-1]
            if not (pid.isdigit() and _alive(int(pid))):
                stale.unlink()


def child_exit(server, worker) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
