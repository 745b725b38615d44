"""Public environment pages: the station map and a station's page, in Vietnamese and
English, within a query budget, with no inline script or style."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from smartdistrict.environment.models import StationKind
from smartdistrict.environment.services.ingest import readings_ingest
from smartdistrict.environment.services.stations import station_upsert

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = timezone.make_aware(dt.datetime.combine(TODAY - dt.timedelta(days=3), dt.time(9)))
# A polluted canal sample: VN_WQI 10, "Kém" (see test_alerts_rules for the arithmetic).
POOR = {"pH": 7.0, "DO": 1.0, "temperature": 29.5, "BOD5": 60, "COD": 200, "N-NH4": 6,
        "Coliform": 20000}


def sample(code, values, at=DAY):
    rows = [{"station": code, "parameter": p, "observed_at": at, "value": v}
            for p, v in values.items()]
    return readings_ingest(rows=rows, source="file")


class Markup(HTMLParser):
    """Counts what the Content-Security-Policy would block."""

    def __init__(self):
        super().__init__()
        self.inline_scripts = self.style_attributes = self.style_elements = 0
        self.handlers = 0
        self._script = False

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        self.style_attributes += "style" in names
        self.handlers += any(name.startswith("on") for name in names)
        if tag == "script":
            self._script = "src" not in names
        self.style_elements += tag == "style"

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = False

    def handle_data(self, data):
        if self._script and data.strip():
            self.inline_scripts += 1


def assert_csp_clean(response):
    page = Markup()
    page.feed(response.content.decode())
    assert (page.inline_scripts, page.style_attributes, page.style_elements,
            page.handlers) == (0, 0, 0, 0)
    assert "Content-Security-Policy" in response


@pytest.fixture
def stations(station, other_station):
    sample("VT-01", POOR)
    readings_ingest(rows=[
        {"station": "XT-01", "parameter": p, "observed_at": DAY + dt.timedelta(minutes=5 * i),
         "value": v + i / 100}
        for i in range(12) for p, v in (("DO", 4.5), ("pH", 7.1), ("temperature", 29.0),
                                        ("turbidity", 40.0))
    ], source="mqtt")
    return station, other_station


def test_the_map_page_in_vietnamese(client, stations):
    response = client.get("/environment/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert "<h1>Chất lượng nước kênh rạch</h1>" in html and "Rất tốt" in html
    assert 'data-code="VT-01"' in html and 'data-code="XT-01"' in html
    # VT-01 is coloured by its band (Kém, red, from the indices' table); XT-01, a sensor
    # station, has too few parameters for the index and is grey.
    assert 'data-colour="#FF0000"' in html and 'data-wqi="10"' in html
    assert 'data-colour="#8A949E"' in html
    assert 'data-lat="10.8109"' in html  # not localised to "10,8109"
    assert html.count('<li data-band=') == 7  # six bands and "no index"
    assert "leaflet/leaflet.js" in html and "environment/map.js" in html
    assert_csp_clean(response)


def test_the_map_page_in_english(client, stations):
    response = client.get("/environment/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Canal water quality" in html and "Poor" in html and "Very good" in html


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_map_page_query_budget_does_not_grow_with_stations(client, stations):
    few = _queries(client, "/environment/")
    for n in range(8):
        station_upsert(code=f"S-{n}", name=f"Trạm {n}", lat=10.81, lon=106.705,
                       kind=StationKind.MANUAL)
        sample(f"S-{n}", POOR)
    many = _queries(client, "/environment/")
    assert few == many <= 3


def test_the_station_page_query_budget_does_not_grow_with_readings(client, stations):
    url = "/environment/stations/XT-01"
    before = _queries(client, url)
    readings_ingest(rows=[
        {"station": "XT-01", "parameter": "DO",
         "observed_at": DAY - dt.timedelta(minutes=5 * i), "value": 4.0}
        for i in range(1, 500)
    ], source="mqtt")
    assert _queries(client, url) == before <= 6  # 6: its open alerts


def test_the_station_page_in_vietnamese_and_english(client, stations):
    response = client.get("/environment/stations/VT-01")
    assert response.status_code == 200
    html = response.content.decode()
    assert "VN_WQI <strong>10</strong>" in html and "Kém" in html
    assert "Số liệu mới nhất" in html and "Nhu cầu oxy sinh hóa" in html
    assert 'id="chart-wqi"' in html  # a manual station with the index's parameters
    start, end = TODAY - dt.timedelta(days=29), TODAY
    query = f"start={start:%Y-%m-%d}&amp;end={end:%Y-%m-%d}"
    assert f"/environment/stations/VT-01/charts/BOD5.svg?{query}" in html
    assert f"/environment/stations/VT-01/export.csv?{query}" in html
    assert f"/environment/stations/VT-01/export.xlsx?{query}" in html
    assert 'class="badge class-D"' in html  # DO 1.0 mg/L
    assert_csp_clean(response)
    english = client.get("/environment/stations/VT-01", HTTP_ACCEPT_LANGUAGE="en")
    text = english.content.decode()
    assert "Latest values" in text and "Poor" in text and "Biochemical oxygen demand" in text


def test_a_sensor_station_page_has_charts_but_no_index_chart(client, stations):
    html = client.get("/environment/stations/XT-01").content.decode()
    assert 'id="chart-wqi"' not in html
    assert html.count('<figure class="chart"') == 4  # DO, pH, temperature, turbidity
    assert 'id="readings-table"' in html


def test_the_period_form_chooses_and_checks_the_period(client, stations):
    old = client.get("/environment/stations/VT-01?start=2020-01-01&end=2020-01-31")
    html = old.content.decode()
    assert 'id="no-readings"' in html and 'value="2020-01-01"' in html
    wrong = client.get("/environment/stations/VT-01?start=2026-02-01&end=2026-01-01",
                       HTTP_ACCEPT_LANGUAGE="en")
    assert wrong.status_code == 200
    assert "The end date must not be before the start date." in wrong.content.decode()
    too_long = client.get("/environment/stations/VT-01?start=2020-01-01&end=2026-01-01",
                          HTTP_ACCEPT_LANGUAGE="en")
    assert "Choose at most 800 days." in too_long.content.decode()


def test_an_unknown_station_is_404(client, reference):
    assert client.get("/environment/stations/NOPE").status_code == 404
    assert client.get("/environment/stations/NOPE/wqi.svg").status_code == 404
