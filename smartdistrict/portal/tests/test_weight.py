"""The home page and the report form each transfer at most 500 KB on first load (map tiles
excepted): the page, its scripts and styles, and the data their scripts fetch."""

import re

import pytest
from django.contrib.staticfiles import finders

from smartdistrict.portal.selectors import MAP_LIMIT

pytestmark = pytest.mark.django_db
BUDGET = 500_000


def assets(page: str) -> list[str]:
    found = re.findall(r'<script src="/static/([^"]+)"', page)
    found += re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"', page)
    return found


def static_bytes(names: list[str]) -> int:
    total = 0
    for name in names:
        path = finders.find(name)
        assert path, f"{name} is not a static file of this site"
        with open(path, "rb") as handle:
            total += len(handle.read())
    return total


@pytest.mark.parametrize("url", ["/", "/report/"])
def test_first_load_fits_the_budget(client, make_report, url):
    make_report()
    page = client.get(url).content.decode()
    names = assets(page)
    assert "leaflet/leaflet.js" in names and not any("leaflet-src" in n for n in names)
    total = len(page.encode()) + static_bytes(names)
    # The outlines of the city's units, as the page asks for them (simplified, gzipped).
    wards_url = re.search(r'data-wards-url="([^"]+)"', page).group(1).replace("&amp;", "&")
    wards = client.get(wards_url, HTTP_ACCEPT_ENCODING="gzip")
    assert wards["Content-Encoding"] == "gzip"
    total += len(wards.content)
    if url == "/":
        rows = client.get("/portal/recent-reports.json").json()["reports"]
        one = len(client.get("/portal/recent-reports.json").content) // len(rows)
        total += one * MAP_LIMIT * 2  # a full map of reports, with room for longer names
    assert total <= BUDGET, f"{url}: {total} bytes"
