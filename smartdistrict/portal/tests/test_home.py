"""The home page: this month's figures, the map's data, its query budget, English."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from smartdistrict.feedback.models import Report, Status
from smartdistrict.feedback.services.workflow import report_transition
from smartdistrict.portal.tests.conftest import SECRET

pytestmark = pytest.mark.django_db


def shown(page: str, element_id: str) -> int:
    return int(re.search(rf'id="{element_id}">(\d+)', page).group(1))


@pytest.fixture
def month_of_reports(make_report, officer):
    """Reports received this month and before; resolved on time, late, and reopened."""
    now = timezone.now()
    fresh = [make_report() for _ in range(4)]
    old = make_report(created_at=now - dt.timedelta(days=70))
    for report in (fresh[0], fresh[1], old):
        report_transition(report=report, to=Status.RESOLVED, actor=officer, note="Đã xử lý.")
    Report.objects.filter(pk=fresh[1].pk).update(due_at=now - dt.timedelta(days=1))  # late
    report_transition(report=fresh[2], to=Status.RESOLVED, actor=officer, note="Xong.")
    report_transition(report=fresh[2], to=Status.REOPENED, actor=officer, note="Chưa xong.")


def test_counts_equal_an_independent_count(client, month_of_reports):
    this_month = timezone.localtime().strftime("%Y-%m")

    def in_month(moment):
        return moment is not None and timezone.localtime(moment).strftime("%Y-%m") == this_month

    reports = list(Report.objects.all())
    received = sum(in_month(r.created_at) for r in reports)
    resolved = [r for r in reports if in_month(r.resolved_at)]
    on_time = sum(r.resolved_at <= r.due_at for r in resolved)
    page = client.get("/").content.decode()
    assert (shown(page, "count-received"), shown(page, "count-resolved"),
            shown(page, "count-on-time")) == (received, len(resolved), on_time)
    assert received >= 4 and len(resolved) >= 3 and on_time >= 1  # the old one is late too


def test_home_shows_map_links_and_official_boundaries(client, settings):
    page = client.get("/").content.decode()
    assert 'id="home-map"' in page
    assert 'data-wards-url="/api/v1/geography/wards.geojson?simplify=60"' in page
    assert f'data-tile-url="{settings.MAP_TILE_URL}"' in page
    assert 'href="/report/"' in page and 'href="/track/"' in page
    assert "gần đúng (không chính thức)" not in page and 'id="approximate-note"' not in page
    assert "Phường Gia Định" in page and "Đặc khu Côn Đảo" in page  # the city's units
    assert "leaflet-src" not in page
    assert "<script>" not in page and "style=" not in page


def test_map_reports_are_public_fields_only(client, make_report):
    report = make_report(**SECRET)
    rows = client.get("/portal/recent-reports.json").json()["reports"]
    row = next(r for r in rows if r["code"] == report.code)
    assert set(row) == {"code", "state", "status", "category", "lat", "lon", "received", "url"}
    assert row["state"] == "new" and row["url"] == f"/track/{report.code}"
    assert row["category"] == "Rác thải, đổ trộm rác"


def test_home_query_budget(client, make_report, settings, django_assert_max_num_queries):
    for _ in range(5):
        make_report()
    client.get("/")  # builds the per-process geography index
    # Tests check the index's freshness on every use (three small counts; in production
    # every GEOGRAPHY_INDEX_CHECK_SECONDS), then this month's two counts.
    with django_assert_max_num_queries(5):
        assert client.get("/").status_code == 200
    settings.PORTAL_COUNTS_CACHE_SECONDS = 300
    client.get("/")
    with django_assert_max_num_queries(3):  # the figures come from the cache
        assert client.get("/").status_code == 200
    settings.CONFIG_VERSION_CHECK_SECONDS = 300  # category names from the process's snapshot
    client.get("/portal/recent-reports.json")
    with django_assert_max_num_queries(1):
        assert client.get("/portal/recent-reports.json").status_code == 200


def test_home_in_english(client, make_report):
    make_report()
    client.cookies["django_language"] = "en"
    page = client.get("/").content.decode()
    assert 'lang="en"' in page
    assert "Report a problem in your neighbourhood" in page and "Reports received" in page
    assert "Binh Quoi Ward" in page and "approximate (not official)" not in page
    assert "Phản ánh vấn đề" not in page
    rows = client.get("/portal/recent-reports.json").json()["reports"]
    assert rows[0]["category"] == "Garbage and illegal dumping" and rows[0]["status"] == "new"
