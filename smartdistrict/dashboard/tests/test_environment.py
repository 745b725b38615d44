"""The environment panel: stations by latest VN_WQI band and open alerts, or a note."""

from __future__ import annotations

import pytest

from smartdistrict.dashboard.selectors.environment import environment_panel


def test_without_stations_the_panel_says_so(db, login):
    from smartdistrict.environment.models import Station

    Station.objects.all().delete()
    panel = environment_panel()
    assert not panel.available and panel.stations == []
    html = login("lanhdao").get("/dashboard/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No stations configured." in html


@pytest.mark.slow
def test_demo_stations_are_counted_by_band(db, login):
    from smartdistrict.environment.demo import seed_environment

    seed_environment(days=3, sensor_minutes=60, seed=5)
    panel = environment_panel("vi")
    assert panel.available and panel.stations
    assert sum(n for _, _, n in panel.bands) == sum(1 for s in panel.stations if s.level)
    assert any(s.wqi is not None for s in panel.stations)
    assert panel.open_alerts is not None
    html = login("lanhdao").get("/dashboard/").content.decode()
    assert 'id="wqi-bands"' in html and "band-" in html
