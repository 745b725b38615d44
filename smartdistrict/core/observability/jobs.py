"""The request id rides along with the jobs a request enqueues, and job outcomes are counted.

At enqueue (Huey's ``enqueued`` signal, in the request's thread) the current request id is
put in the task's keyword arguments under a reserved key, so it travels in the serialised
message through Redis or SQLite like any argument. Before the job runs (a pre-execute hook,
in the consumer's worker thread) the key is taken out again, so task functions never see
it, and the id is bound to the logging context; after the run (post-execute) the context
is restored and the key put back, so a retry keeps its id. Periodic jobs have no request:
they carry none. No task definition changes.
"""

from __future__ import annotations

import contextlib
from typing import Any

from huey import Huey
from huey import signals as huey_signals

from smartdistrict.core.observability import logs, metrics

KEY = "_smartdistrict_request_id"
_TOKENS = "_smartdistrict_log_tokens"


def _on_enqueued(signal: str, task: Any, *args: Any) -> None:
    request_id = logs.current_request_id()
    if request_id and KEY not in task.kwargs:
        task.kwargs[KEY] = request_id


def _pre_execute(task: Any) -> None:
    request_id = task.kwargs.pop(KEY, None)
    context = {"task": task.name, "task_id": task.id}
    if request_id:
        context[logs.REQUEST_ID_KEY] = request_id
    setattr(task, KEY, request_id)
    setattr(task, _TOKENS, logs.bind(**context))


def _post_execute(task: Any, task_value: Any, exception: BaseException | None) -> None:
    metrics.job_observed(task=task.name, failed=exception is not None)
    tokens = getattr(task, _TOKENS, None)
    if tokens is not None:
        logs.unbind(tokens)
        setattr(task, _TOKENS, None)
    request_id = getattr(task, KEY, None)
    if request_id:
        task.kwargs[KEY] = request_id


def install(huey: Huey) -> None:
    """Connect the signal and hooks to ``huey`` (idempotent: the names are fixed). Besides
    the request id, periodic jobs are stamped and claimed once per period (core.periodic)."""
    from smartdistrict.core import periodic

    def on_enqueued(signal: str, task: Any, *args: Any) -> None:
        _on_enqueued(signal, task, *args)
        periodic.on_enqueued(huey, task)

    for handler in list(getattr(huey, "_smartdistrict_handlers", [])):
        with contextlib.suppress(KeyError):  # nothing connected to that signal yet
            huey.disconnect_signal(handler, huey_signals.SIGNAL_ENQUEUED)
    huey._smartdistrict_handlers = [on_enqueued]
    huey.signal(huey_signals.SIGNAL_ENQUEUED)(on_enqueued)
    huey.pre_execute(name="smartdistrict_periodic_once")(periodic.claim)
    huey.post_execute(name="smartdistrict_periodic_once")(
        lambda task, value, exception: periodic.release(task))
    huey.pre_execute(name="smartdistrict_request_id")(_pre_execute)
    huey.post_execute(name="smartdistrict_request_id")(_post_execute)
