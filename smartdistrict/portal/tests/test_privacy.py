"""No page or fragment of the portal shows a reporter's contact to anyone else."""

import re

import pytest

from smartdistrict.feedback.resident_token import resident_token
from smartdistrict.portal.tests.conftest import SECRET, WARD_POINTS

pytestmark = pytest.mark.django_db


def test_no_portal_page_shows_a_reporters_contact(client, make_report):
    report = make_report(**SECRET)
    lat, lon = WARD_POINTS["26911"]
    urls = [
        "/", "/portal/recent-reports.json", "/report/", f"/track/{report.code}",
        f"/track/{report.code}?token={resident_token(report)}",
        f"/report/nearby?category=rac-thai&lat={lat}&lon={lon}",
        f"/report/where?lat={lat}&lon={lon}",
    ]
    for url in urls:
        body = client.get(url).content.decode()
        for value in SECRET.values():
            assert value not in body, f"{url} shows {value}"
    nearby = client.get(urls[5]).content.decode()
    assert report.code in nearby  # the report itself was on the page checked


def test_the_confirmation_does_not_repeat_the_contact(client):
    lat, lon = WARD_POINTS["26944"]
    client.post("/report/", {"category": "tieng-on", "lat": lat, "lon": lon,
                             "description": "Karaoke mở rất to sau 23 giờ mỗi đêm.", **SECRET})
    page = client.get("/report/sent/").content.decode()
    assert re.search(r'id="report-code">HCM-\d{4}-\d{6}<', page)
    for value in SECRET.values():
        assert value not in page
