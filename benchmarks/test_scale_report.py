"""The city-scale table says ✗ when a figure's growth misses issue 18's growth goal, even
when its value at the largest size meets the absolute goal."""

import datetime as dt

import pytest

from benchmarks.scale_report import Measure, Scale, growth, growth_holds, render


def test_growth_goal_for_times_and_rates():
    assert growth_holds(1.3, rate=False) and not growth_holds(1.31, rate=False)
    assert growth_holds(0.8, rate=True) and not growth_holds(0.79, rate=True)


@pytest.mark.django_db
def test_a_figure_whose_growth_misses_is_not_marked_as_holding():
    small, large = Scale(100_000), Scale(1_000_000)
    small.measures["headline figures, 30 days"] = Measure(30.0, "p50 30 ms")
    large.measures["headline figures, 30 days"] = Measure(49.0, "p50 49 ms")  # 1.63×
    small.measures["report_create"] = Measure(290.0, "290/s", rate=True)
    large.measures["report_create"] = Measure(310.0, "310/s", rate=True)  # 1.07×
    text = render([small, large], dt.datetime(2026, 12, 7, 14, 0, tzinfo=dt.UTC),
                  ["100,000: 1.0/1.0 → 1.0/1.0"])
    headline = next(line for line in text.splitlines() if line.startswith("| headline"))
    create = next(line for line in text.splitlines() if line.startswith("| report_create"))
    assert "1.63× ✗" in headline and headline.endswith("| ✗ |")
    assert "1.07× |" in create and create.endswith("| ✓ |")


def test_growth_is_the_median_of_the_rounds_ratios_when_the_sizes_took_turns():
    # round by round the larger size took 1.2×, 1.1× and 1.3×; the two medians (10 and 13)
    # would say 1.3×, the two best rounds 1.2×
    small = Measure(10.0, "p50 10 ms", rounds=[10.0, 20.0, 8.0])
    large = Measure(13.0, "p50 13 ms", rounds=[12.0, 22.0, 10.4])
    assert growth(large, small) == pytest.approx(1.2)
    assert growth(Measure(13.0, "13"), Measure(10.0, "10")) == pytest.approx(1.3)  # no rounds
    assert growth(Measure(13.0, "13", rounds=[13.0]), small) == pytest.approx(1.3)  # unpaired


@pytest.mark.django_db
def test_only_the_sizes_a_run_grew_have_a_note():
    grown, as_found = Scale(100_000, notes=["seeded 100,000 reports by COPY in 0.2 min"]), \
        Scale(1_000_000)
    for scale in (grown, as_found):
        scale.measures["report_create"] = Measure(300.0, "300/s", rate=True)
    text = render([grown, as_found], dt.datetime(2026, 12, 8, 2, 0, tzinfo=dt.UTC), [])
    assert "- 100,000 reports: seeded 100,000 reports by COPY in 0.2 min." in text
    assert "1,000,000 reports: ." not in text and "- 1,000,000 reports" not in text
