"""The city-scale benchmark's workers answer their protocol, and the sizes take turns."""

import io
import json

import pytest

from benchmarks import scale
from benchmarks.scale_report import Scale
from benchmarks.scale_worker import serve


def _serve(*commands: dict) -> list[dict]:
    answers = io.StringIO()
    serve(io.StringIO("".join(json.dumps(c) + "\n" for c in commands)), answers)
    return [json.loads(line) for line in answers.getvalue().splitlines()]


@pytest.mark.django_db
def test_a_worker_measures_a_part_in_rounds_and_gives_each_rounds_value():
    count, start, *rounds, finish = _serve(
        {"op": "count"}, {"op": "start", "part": "headline"},
        {"op": "round", "number": 0}, {"op": "round", "number": 1}, {"op": "finish"})
    assert count == {"ok": True, "reports": 0}
    assert start["ok"] and all(r["ok"] and r["seconds"] > 0 for r in rounds)
    figures = finish["results"]
    assert set(figures) == {"headline figures, 30 days", "headline figures, 365 days"}
    for figure in figures.values():
        assert len(figure["rounds"]) == 2 and figure["value"] > 0
        assert "scan of feedback_report" in figure["baseline"]


@pytest.mark.django_db
def test_a_failing_command_answers_its_error_and_the_worker_goes_on():
    unknown, orphan, count = _serve({"op": "start", "part": "no such part"},
                                    {"op": "round", "number": 0}, {"op": "count"})
    assert not unknown["ok"] and "KeyError" in unknown["error"]
    assert not orphan["ok"]  # no part started
    assert count["ok"]


class _Recording:
    """A worker that records the order in which it is asked, and fails where told."""

    calls: list[tuple[str, str]] = []

    def __init__(self, name: str, fail_round: int | None = None) -> None:
        self.name, self.fail_round = name, fail_round

    def ask(self, **command) -> dict:
        _Recording.calls.append((self.name, command["op"]))
        if command["op"] == "round" and command["number"] == self.fail_round:
            raise RuntimeError("Traceback …\nValueError: broken")
        if command["op"] == "finish":
            return {"ok": True, "results": {"figure": {"value": 1.0, "text": "1",
                                                       "rounds": [1.0]}}}
        return {"ok": True}


def test_sizes_take_turns_in_alternating_order_and_a_failure_stays_with_its_size(monkeypatch):
    monkeypatch.setitem(scale.PARTS, "headline", type("Three", (), {"rounds": 3}))
    _Recording.calls = []
    small, large = Scale(100), Scale(1000)
    scale.measure_in_turns("headline", [_Recording("small"), _Recording("large", 1)],
                           [small, large])
    rounds = [name for name, op in _Recording.calls if op == "round"]
    assert rounds == ["small", "large", "large", "small", "small"]  # large failed in round 1
    assert "figure" in small.measures and "figure" not in large.measures
    assert large.notes == ["headline not measured: ValueError: broken"]
