"""The demo content: illustrative, citing the published figures, idempotent."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from smartdistrict.targets.demo import seed_targets
from smartdistrict.targets.models import Indicator, Measurement, Programme, Project
from smartdistrict.targets.selectors import indicator_rows

pytestmark = pytest.mark.django_db


def test_seed_is_idempotent_and_marks_the_list_illustrative():
    first = seed_targets()
    counts = (Programme.objects.count(), Indicator.objects.count(), Measurement.objects.count(),
              Project.objects.count())
    second = seed_targets()
    assert first == second
    assert counts == (Programme.objects.count(), Indicator.objects.count(),
                      Measurement.objects.count(), Project.objects.count())
    assert first.programmes == 5 and first.projects == 8
    assert not Indicator.objects.filter(illustrative=False).exists()
    assert not Programme.objects.filter(illustrative=False).exists()


def test_published_figures_carry_their_source():
    seed_targets()
    revenue = Measurement.objects.get(indicator__code="KT-02", period_label="2021")
    assert revenue.actual == 5380 and "targets.md" in revenue.source
    growth = Measurement.objects.get(indicator__code="KT-01", period_label="2022")
    assert growth.actual == 19.81 and "Công bố" in growth.source
    derived = Measurement.objects.get(indicator__code="KT-02", period_label="2022")
    assert "Suy ra" in derived.source
    assert Measurement.objects.get(indicator__code="DT-02", period_label="2024").actual == 37
    assert Measurement.objects.get(indicator__code="DT-03", period_label="2024").actual == 44
    other = Measurement.objects.get(indicator__code="XH-03", period_label="2022")
    assert other.source.startswith("Minh họa")


def test_key_projects_are_placed_approximately():
    seed_targets()
    canal = Project.objects.get(code="rach-xuyen-tam")
    assert canal.location_approximate and '"LineString"' in canal.geometry
    assert canal.ward is None and canal.budget_billion_vnd == 9600
    stadium = Project.objects.get(code="san-van-dong-gia-dinh")
    assert stadium.ward.code == "26929"  # today's Phường Bình Thạnh
    assert Project.objects.get(code="chung-cu-thanh-da").ward.code == "26911"  # Bình Quới
    assert Project.objects.get(code="duong-chu-van-an").milestones.get().planned_date.isoformat(
    ) == "2025-11-30"


def test_command():
    out = io.StringIO()
    call_command("seed_targets", stdout=out)
    assert "illustrative" in out.getvalue() and "8 projects" in out.getvalue()


@pytest.mark.parametrize("today", [dt.date(2026, 12, 7), dt.date(2030, 6, 30)])
def test_a_target_still_ahead_shows_a_forecast_in_the_current_term(today):
    """The 2020–2025 targets are over by 2026 (no forecast for a year gone): the 2025–2030
    term's illustrative targets keep a forecast on the demo's pages until 2030."""
    seed_targets()
    forecast = [row for row in indicator_rows(today=today)
                if row.assessment.forecast.chosen is not None]
    assert forecast, "no demo target is forecast"
    assert all(row.indicator.target_year >= today.year for row in forecast)
    assert all(row.indicator.illustrative for row in forecast)
    assert {row.indicator.code for row in forecast} >= {"NK-01", "NK-02", "NK-03"}
    over = {row.indicator.code for row in indicator_rows(today=today)
            if row.assessment.target_year_over}
    assert "KT-02" in over  # a 2025 target judged, not forecast
