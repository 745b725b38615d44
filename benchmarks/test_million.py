"""The million section: every figure a row with its issue, goal, baseline and ✓/✗."""

import datetime as dt

import pytest

from benchmarks.report import Figure


@pytest.mark.django_db  # the heading names the engine's version (a query on PostgreSQL)
def test_render_marks_what_holds_and_keeps_the_markers():
    from benchmarks.million import render

    rows = [("12", Figure(name="lookup", value="p50 1 ms", goal="p50 ≤ 2 ms", holds=True)),
            ("12", Figure(name="city page", value="p50 270 ms", goal="≤ 100 ms",
                          baseline="scan 1 s", holds=False)),
            ("14", Figure(name="unjudged", value="3"))]
    text = render(rows, size=50_000, started=dt.datetime(2026, 12, 7, 13, 0), load="1.0/1.0")
    assert text.startswith("<!-- million:start -->\n## PostgreSQL at 50,000 reports")
    assert text.endswith("<!-- million:end -->")
    assert "| 12 | lookup | p50 1 ms | p50 ≤ 2 ms |  |  | ✓ |" in text
    assert "| 12 | city page | p50 270 ms | ≤ 100 ms | scan 1 s |  | ✗ |" in text
    assert "| 14 | unjudged | 3 |  |  |  |  |" in text
