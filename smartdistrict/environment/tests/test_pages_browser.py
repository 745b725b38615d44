"""The station map and a station's charts in a real browser, under the
Content-Security-Policy, with the map tiles unavailable (as on an offline network)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from smartdistrict.environment.demo import seed_environment

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_the_map_shows_every_station_without_tiles_and_the_station_charts_load(
        browser_session):
    seed_environment(days=3, sensor_minutes=60,
                     now=timezone.now() - dt.timedelta(minutes=1))
    page = browser_session.page
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    browser_session.goto("/environment/")
    page.locator("#station-map .station-marker").first.wait_for()
    assert page.locator("#station-map").get_attribute("data-markers") == "8"
    assert page.locator("#station-map .station-marker").count() == 8
    # the city's outlines (those outside the view are empty paths, never "visible")
    page.locator("#station-map .ward-outline").nth(167).wait_for(state="attached")
    assert page.locator("#map-tiles-note").is_visible()  # tiles answered empty here
    assert page.locator("#station-map .station-alert").count() == 1  # NL-TD1's episode
    browser_session.screenshot("environment-map")

    page.locator("#station-map .station-alert").click()
    page.locator(".station-popup a").click()
    page.wait_for_url("**/environment/stations/NL-TD1")
    charts = page.locator("figure.chart img")
    assert charts.count() == 4
    for index in range(charts.count()):
        charts.nth(index).scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                               arg=charts.nth(index).element_handle())
    browser_session.screenshot("environment-station", widths=(1280,))
    assert not [e for e in errors if "Content Security Policy" in e], errors
