"""The console's pages for residents' personal data requests (administrators only)."""

from __future__ import annotations

import json
import re

import pytest
from django.test import TestCase

from smartdistrict.feedback.models import DataRequest, DataRequestStatus

pytestmark = pytest.mark.django_db

ASK = {"kind": "erasure", "requester_name": "Nguyễn Thị Bí Mật", "phone": "0912 345 678",
       "email": "", "received_at": "", "details": "Gọi đến đường dây nóng sáng nay."}


def test_only_administrators_see_and_open_the_requests(admin_client_demo, officer_client,
                                                       leader_client):
    page = admin_client_demo.get("/console/data-requests")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="nav-data-requests"' in html and 'aria-current="page"' in html
    assert "Yêu cầu về dữ liệu cá nhân" in html  # Vietnamese by default
    for client in (officer_client, leader_client):
        assert 'id="nav-data-requests"' not in client.get("/console/").content.decode()
        refused = client.get("/console/data-requests")
        assert refused.status_code == 403
        assert 'id="forbidden-reason"' in refused.content.decode()
        assert client.post("/console/data-requests", ASK).status_code == 403
    assert not DataRequest.objects.exists()


def test_the_page_is_translated_to_english(admin_client_demo):
    html = admin_client_demo.get("/console/data-requests", HTTP_ACCEPT_LANGUAGE="en"
                                 ).content.decode()
    assert "Personal data requests" in html and "Register a request" in html


def test_a_request_is_registered_its_reports_erased_and_answered(admin_client_demo,
                                                                 make_report):
    report = make_report(description="Rác ở đầu hẻm, gọi 0912345678 khi xong giúp tôi.")
    response = admin_client_demo.post("/console/data-requests", ASK)
    assert response.status_code == 302
    request = DataRequest.objects.get()
    assert response["Location"] == f"/console/data-requests/{request.id}"
    html = admin_client_demo.get(response["Location"]).content.decode()
    assert report.code in html and 'id="data-request-due"' in html
    assert 'id="erase-form"' in html

    # Erasing needs the confirmation.
    refused = admin_client_demo.post(f"/console/data-requests/{request.id}/erase", {})
    assert refused.status_code == 400
    report.refresh_from_db()
    assert report.reporter_phone == "0912345678"
    done = admin_client_demo.post(f"/console/data-requests/{request.id}/erase",
                                  {"confirm": "on"})
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.reporter_phone == "" and "0912345678" not in report.description

    admin_client_demo.post(f"/console/data-requests/{request.id}/close",
                           {"outcome": "answered", "answer": "Đã xoá và gọi báo lại."})
    request.refresh_from_db()
    assert request.status == DataRequestStatus.ANSWERED
    html = admin_client_demo.get(f"/console/data-requests/{request.id}").content.decode()
    assert re.findall(r'data-action="(\w+)"', html) == ["registered", "erased", "answered"]
    assert 'id="erase-form"' not in html  # answered: no more actions
    assert admin_client_demo.post(f"/console/data-requests/{request.id}/erase",
                                  {"confirm": "on"}).status_code == 400


def test_bad_input_is_shown_next_to_its_field(admin_client_demo):
    response = admin_client_demo.post("/console/data-requests", {**ASK, "phone": "12ab"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_phone_error"' in html and 'data-error-code="phone_invalid"' in html
    assert not DataRequest.objects.exists()


def test_the_export_is_downloaded_from_its_page(admin_client_demo, make_report):
    report = make_report()
    admin_client_demo.post("/console/data-requests", {**ASK, "kind": "access"})
    request = DataRequest.objects.get()
    html = admin_client_demo.get(f"/console/data-requests/{request.id}").content.decode()
    assert 'id="erase-form"' not in html  # a request to see their data erases nothing
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = admin_client_demo.post(f"/console/data-requests/{request.id}/export")
    assert response.status_code == 302 and response["Location"].startswith("/downloads/")
    page = admin_client_demo.get(response["Location"]).content.decode()
    link = re.search(r'href="(/downloads/[^"]+\.json)"', page).group(1)
    data = json.loads(b"".join(admin_client_demo.get(link).streaming_content))
    assert [r["code"] for r in data["reports"]] == [report.code]
    assert data["reports"][0]["reporter"]["phone"] == "0912345678"


def test_the_list_costs_the_same_queries_however_many_requests(admin_client_demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert admin_client_demo.get("/console/data-requests").status_code == 200
        return len(captured)

    for n in range(2):
        admin_client_demo.post("/console/data-requests", {**ASK, "phone": f"090000000{n}"})
    few = queries()
    for n in range(2, 8):
        admin_client_demo.post("/console/data-requests", {**ASK, "phone": f"090000000{n}"})
    assert DataRequest.objects.count() == 8
    assert queries() == few
