"""U+0000 in a request body is a 400 naming the field, on every database (PostgreSQL cannot
store it in text or JSON, and used to answer 500)."""

import pytest

from smartdistrict.feedback.models import Report
from smartdistrict.feedback.tests.conftest import WARD_POINTS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("body", [
    {"description": "Rác thải đổ trộm\x00 ở đầu hẻm"},
    {"attributes": {"loai\x00": "x"}},
    {"category\x00": "rac-thai"},
])
def test_null_characters_are_refused_before_anything_is_stored(client, body):
    lat, lon = WARD_POINTS["26944"]
    payload = {"category": "rac-thai", "description": "Rác thải đổ trộm ở đầu hẻm",
               "lat": lat, "lon": lon, **body}
    before = Report.objects.count()
    response = client.post("/api/v1/reports", payload, content_type="application/json",
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["code"] == "null_character"
    assert response.json()["field"] == next(iter(body)).strip("\x00")
    assert Report.objects.count() == before
