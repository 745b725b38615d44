"""Before a report is sent, open reports of the same kind nearby are offered; "this is my
problem too" adds a supporter instead of a new report."""

import pytest
from rest_framework.throttling import ScopedRateThrottle

from smartdistrict.feedback.models import Report
from smartdistrict.portal.tests.conftest import WARD_POINTS
from smartdistrict.portal.tests.test_report_form import form

pytestmark = pytest.mark.django_db
LAT, LON = WARD_POINTS["26911"]
NEAR = {"lat": f"{LAT + 0.0002:.6f}", "lon": f"{LON + 0.0002:.6f}"}  # about 30 m away


@pytest.fixture
def existing(make_report):
    return make_report(ward="26911", category="rac-thai")


def test_the_fragment_lists_the_open_report_of_the_same_kind(client, existing):
    page = client.get("/report/nearby", {"category": "rac-thai", **NEAR}).content.decode()
    assert f'id="nearby-{existing.code}"' in page and f'id="support-{existing.code}"' in page
    assert 'name="nearby_seen" value="rac-thai"' in page
    assert "Tôi cũng gặp vấn đề này" in page
    other_kind = client.get("/report/nearby", {"category": "tieng-on", **NEAR}).content.decode()
    assert existing.code not in other_kind and "nearby_seen" not in other_kind
    far = client.get("/report/nearby", {"category": "rac-thai", "lat": "10.7983",
                                        "lon": "106.6990"}).content.decode()
    assert existing.code not in far


def test_a_plain_post_stops_at_the_prompt_then_goes_through(client, existing):
    before = Report.objects.count()
    response = client.post("/report/", form(**NEAR))
    page = response.content.decode()
    assert response.status_code == 200 and Report.objects.count() == before
    assert f'id="support-{existing.code}"' in page
    assert 'id="error-nearby"' in page and "Gần đó đã có phản ánh cùng loại" in page
    again = client.post("/report/", form(**NEAR, nearby_seen="rac-thai"))
    assert again.status_code == 302 and Report.objects.count() == before + 1


def test_this_is_my_problem_too_adds_a_supporter_once(client, existing):
    url = f"/report/support/{existing.code}"
    response = client.post(url, HTTP_X_PORTAL_FRAGMENT="1")
    assert "Cảm ơn bạn: đã ghi nhận." in response.content.decode()
    existing.refresh_from_db()
    assert existing.supporters == 1
    twice = client.post(url, HTTP_X_PORTAL_FRAGMENT="1").content.decode()
    assert "Bạn đã xác nhận" in twice
    existing.refresh_from_db()
    assert existing.supporters == 1
    assert existing.events.filter(kind="supported").count() == 1


def test_without_javascript_the_button_leads_to_the_report_page(client, existing):
    response = client.post(f"/report/support/{existing.code}", form(**NEAR), follow=True)
    assert response.redirect_chain[-1][0] == f"/track/{existing.code}"
    assert "Cảm ơn bạn: đơn vị xử lý" in response.content.decode()
    existing.refresh_from_db()
    assert existing.supporters == 1


def test_support_shares_the_api_throttle(client, existing, monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"support": "1/hour"})
    client.post(f"/api/v1/reports/{existing.code}/support")
    page = client.post(f"/report/support/{existing.code}",
                       HTTP_X_PORTAL_FRAGMENT="1").content.decode()
    assert "quá nhiều yêu cầu" in page
    existing.refresh_from_db()
    assert existing.supporters == 1


def test_unknown_codes_are_404(client):
    assert client.post("/report/support/BT-1999-000001").status_code == 404
    assert client.post("/track/BT-1999-000001/rate", {"token": "x"}).status_code == 404


def _duplicate_queries(client, data) -> tuple[int, int]:
    """(status, how many times the duplicate question reached the database)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        status = client.post("/report/", data).status_code
    asked = [q for q in queries.captured_queries if '"h3_cell" IN (' in q["sql"]]
    return status, len(asked)


def test_one_duplicate_query_per_submission(client, make_report):
    assert _duplicate_queries(client, form(**NEAR)) == (302, 1)  # none near: created
    existing = make_report(ward="26911", category="rac-thai")
    Report.objects.filter(idempotency_key="portal-" + "a" * 32).delete()
    status, asked = _duplicate_queries(client, form(**NEAR))  # the offer, shown once
    assert (status, asked) == (200, 1)
    assert existing.code in client.post("/report/", form(**NEAR)).content.decode()
    assert _duplicate_queries(client, form(**NEAR, nearby_seen="rac-thai")) == (302, 1)
