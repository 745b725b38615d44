"""One size's worker of the city-scale benchmark (benchmarks/scale.py starts one per size,
with DATABASE_URL pointing at that size's database).

A process per size keeps each database's connection, caches and servers warm between
rounds, so the sizes can take turns round by round without paying a reconnection in the
measured time. It reads one command per line on stdin and answers each with one JSON line
on its protocol stream (a copy of the original stdout; whatever else writes to stdout, a
gunicorn child included, goes to stderr):

    {"op": "start", "part": "console"}  -> {"ok": true}
    {"op": "round", "number": 3}        -> {"ok": true, "seconds": 0.41}
    {"op": "finish"}                    -> {"ok": true, "results": {figure: Result}}
    {"op": "count"}                     -> {"ok": true, "reports": 1000000}

A failing command answers {"ok": false, "error": traceback}; the part is closed.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback


def serve(commands, answers) -> None:
    from benchmarks.scale_parts import PARTS
    from smartdistrict.feedback.models import Report

    part = None

    def answer(**fields) -> None:
        answers.write(json.dumps(fields) + "\n")
        answers.flush()

    for line in commands:
        command = json.loads(line)
        try:
            if command["op"] == "count":
                answer(ok=True, reports=Report.objects.count())
            elif command["op"] == "start":
                part = PARTS[command["part"]](Report.objects.count())
                part.start()
                answer(ok=True)
            elif command["op"] == "round":
                started = time.perf_counter()
                part.round(command["number"])
                answer(ok=True, seconds=time.perf_counter() - started)
            elif command["op"] == "finish":
                results = {name: r.as_dict() for name, r in part.finish().items()}
                part.close()
                part = None
                answer(ok=True, results=results)
        except Exception:  # the driver writes what failed and goes on with the next part
            if part is not None:
                part.close()
                part = None
            answer(ok=False, error=traceback.format_exc())


def main() -> None:
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # children's output stays off the protocol
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartdistrict.settings")
    django.setup()
    serve(sys.stdin, answers)


if __name__ == "__main__":
    main()
