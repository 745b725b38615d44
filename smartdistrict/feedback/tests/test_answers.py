"""Every REST answer matches the type its presenter declares (the one declaration the
OpenAPI schema is generated from): no missing or unknown key, no value of another type.
Fast and exact where the schemathesis fuzz is slow and samples."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from smartdistrict.core.api_types import answer_problems, openapi_schema, serializer_for
from smartdistrict.core.errors import ErrorBody
from smartdistrict.feedback.api import presenters as p
from smartdistrict.feedback.models import Status
from smartdistrict.feedback.resident_token import resident_token
from smartdistrict.feedback.services.workflow import report_note, report_transition
from smartdistrict.feedback.tests.conftest import WARD_POINTS

pytestmark = pytest.mark.django_db
LAT, LON = WARD_POINTS["26911"]
BODY = {"category": "rac-thai", "description": "Rác thải đổ trộm ở đầu hẻm nhiều ngày.",
        "lat": LAT, "lon": LON}


def conforms(value, hint) -> None:
    problems = answer_problems(value, hint)
    assert problems == [], problems


def photo() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(buffer, "JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_categories_and_suggestions(client):
    conforms(client.get("/api/v1/categories").json(), list[p.CategoryPublic])
    conforms(client.get("/api/v1/categories/suggest", {"text": "rác thải đầu hẻm"}).json(),
             p.Suggestions)


def test_creating_reading_and_listing_a_report(client, officer):
    created = client.post("/api/v1/reports", {**BODY, "photos": [photo()]})
    assert created.status_code == 201, created.content
    conforms(created.json(), p.ReportCreated)
    code = created.json()["code"]
    again = client.post("/api/v1/reports", BODY, content_type="application/json",
                        HTTP_IDEMPOTENCY_KEY="same")
    conforms(again.json(), p.ReportCreated)
    conforms(client.get(f"/api/v1/reports/{code}").json(), p.ReportPublic)
    conforms(client.get("/api/v1/reports/nearby", {"category": "rac-thai", "lat": LAT,
                                                  "lon": LON}).json(), list[p.NearbyReport])
    conforms(client.post(f"/api/v1/reports/{code}/support").json(), p.Supporters)

    client.force_login(officer)
    staff = client.get(f"/api/v1/reports/{code}").json()
    conforms(staff, p.ReportStaff)
    assert set(p.ReportStaff.__annotations__) <= set(staff)  # every staff key is sent
    conforms(client.get("/api/v1/reports").json(), p.ReportPage)
    conforms(client.get(f"/api/v1/reports/{code}/contact").json(), p.Contact)
    conforms(client.get("/api/v1/reports/satisfaction").json(), p.Satisfaction)
    moved = client.post(f"/api/v1/reports/{code}/transitions",
                        {"to": "resolved", "note": "Đã thu gom."},
                        content_type="application/json")
    conforms(moved.json(), p.CodeStatus)


def test_rating_reopening_and_errors(client, make_report, officer):
    report = make_report()
    report_note(report=report, actor=officer, note="Nội bộ", public=False)
    report_transition(report=report, to=Status.RESOLVED, actor=officer, note="Xong.")
    token = resident_token(report)
    rated = client.post(f"/api/v1/reports/{report.code}/rating", {"token": token, "rating": 4},
                        content_type="application/json")
    conforms(rated.json(), p.Rating)
    reopened = client.post(f"/api/v1/reports/{report.code}/reopen",
                           {"token": token, "note": "Vẫn còn rác."},
                           content_type="application/json")
    conforms(reopened.json(), p.CodeStatus)
    refused = client.post("/api/v1/reports", {**BODY, "category": "khac", "description": "ngắn"},
                          content_type="application/json")
    assert refused.status_code == 400
    conforms(refused.json(), ErrorBody)


def test_presenters_in_python_too(make_report, officer):
    """The presenters themselves (the staff timeline's ``public`` key included)."""
    report = make_report()
    report_note(report=report, actor=officer, note="Ghi chú", public=False)
    events = list(report.events.order_by("created_at", "id"))
    conforms(p.report_public(report, timeline=events), p.ReportPublic)
    conforms(p.report_staff(report, timeline=events), p.ReportStaff)
    conforms(p.code_status(report), p.CodeStatus)


def test_the_schema_is_generated_from_the_types():
    """The serializer drf-spectacular documents is the TypedDict's, key for key."""
    for answer in (p.CategoryPublic, p.ReportPublic, p.ReportStaff, p.ReportCreated,
                   p.NearbyReport, p.Satisfaction, ErrorBody):
        fields = serializer_for(answer)().fields
        assert set(fields) == set(openapi_schema(answer)["properties"])
        assert set(fields) == set(answer.__annotations__) | {
            k for base in answer.__mro__ for k in getattr(base, "__annotations__", {})}
    assert serializer_for(p.ReportPublic)().fields["timeline"].required is False
    assert serializer_for(p.ReportStaff)().fields["department_code"].required is False
    assert serializer_for(p.ReportPublic)().fields["due_at"].allow_null is True
