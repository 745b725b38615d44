"""gunicorn settings: ``gunicorn smartdistrict.wsgi -c python:smartdistrict.gunicorn_conf``.

- Logs: gunicorn's own lines (boot, worker timeouts) in the project's format (LOG_FORMAT).
- Metrics with several workers: when ``PROMETHEUS_MULTIPROC_DIR`` is set, each worker writes
  its counters to files there and a scrape of any worker sums them. The folder is emptied
  when gunicorn starts (values of a previous run must not be added again) and a dead
  worker's live gauges are dropped. Use a folder of this host only (a tmpfs is best).
Command-line options (``--bind``, ``--workers``, ``--timeout``) still apply.
"""

from __future__ import annotations

import os
from pathlib import Path

from smartdistrict.core.observability.logs import logging_config

logconfig_dict = logging_config(
    os.environ.get("LOG_FORMAT", "logfmt"), os.environ.get("LOG_LEVEL", "INFO")
)


def on_starting(server) -> None:
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        for stale in path.glob("*.db"):
            stale.unlink()


def child_exit(server, worker) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
