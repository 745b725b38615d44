"""GET requests.{fmt} and requests/{id}.{fmt}: the fields of a request (the spec's, the
extensions', media_url) and no reporter's contact in any of them."""

from __future__ import annotations

import pytest
from django.utils import timezone

from smartdistrict.feedback.models import Report, Status
from smartdistrict.feedback.services import duplicates, workflow
from smartdistrict.open311.tests.conftest import BASE, WARD_POINTS, get, jpeg

pytestmark = pytest.mark.django_db
SPEC_FIELDS = [
    "service_request_id", "status", "status_notes", "service_name", "service_code",
    "description", "agency_responsible", "service_notice", "requested_datetime",
    "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat",
    "long", "media_url",
]
EXTENSION_FIELDS = ["ward", "ward_code", "channel", "duplicate", "parent_service_request_id",
                    "supporters", "notes"]
CONTACT = ("Nguyễn Thị Bí Mật", "0912345678", "bi.mat@example.com", "reporter")


def test_every_spec_field_with_offset_datetimes(client, make_report):
    report = make_report(address="12 Nguyễn Xí, Bình Quới")
    body = get(client, "requests.json").json()
    assert len(body) == 1
    row = body[0]
    for name in SPEC_FIELDS:
        assert name in row
    assert row["service_request_id"] == report.code
    assert row["status"] == "open"
    assert row["detailed_status"] == "new"
    assert row["service_code"] == "rac-thai"
    assert row["service_name"] == report.category.name
    assert row["agency_responsible"] == report.department.name
    assert row["address"] == "12 Nguyễn Xí, Bình Quới"
    assert (row["lat"], row["long"]) == WARD_POINTS["26911"]
    for name in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert row[name].endswith("+07:00")
    assert row["expected_datetime"] == timezone.localtime(report.due_at).replace(
        microsecond=0).isoformat()
    assert not any(name in row for name in EXTENSION_FIELDS)


def test_english_names_by_accept_language(client, make_report):
    report = make_report()
    row = client.get(BASE + "requests.json", HTTP_ACCEPT_LANGUAGE="en").json()[0]
    assert row["service_name"] == report.category.name_en
    assert row["agency_responsible"] == report.department.name_en


def test_no_contact_in_any_output(client, make_report, api_key):
    report = make_report()
    posted = client.post(BASE + "requests.json", {
        "api_key": api_key, "service_code": "rac-thai", "lat": 10.822, "long": 106.742,
        "description": "Rác thải đổ trộm ở đầu hẻm nhiều ngày.", "first_name": "Nguyễn Thị",
        "last_name": "Bí Mật", "phone": "0912345678", "email": "bi.mat@example.com",
        "account_id": "acct-7", "device_id": "device-9",
    })
    assert posted.status_code == 200
    code = posted.json()[0]["service_request_id"]
    assert Report.objects.get(code=code).reporter_phone == "0912345678"  # kept, privately
    for path in ("requests.json", "requests.xml", "requests.json?extensions=true",
                 "requests.xml?extensions=true", f"requests/{report.code}.json",
                 f"requests/{code}.xml?extensions=true"):
        content = client.get(BASE + path).content.decode()
        for secret in (*CONTACT[:3], "Bí Mật", "device-9", "acct-7"):
            assert secret not in content, (path, secret)


def test_status_notes_are_the_latest_public_note_only(client, make_report, officer):
    report = make_report()
    workflow.report_note(report=report, actor=officer, note="Ghi chú công khai.", public=True)
    workflow.report_note(report=report, actor=officer, note="Ghi chú nội bộ bí mật.")
    row = get(client, "requests.json").json()[0]
    assert row["status_notes"] == "Ghi chú công khai."
    assert "nội bộ" not in get(client, "requests.json", extensions="true").content.decode()


def test_extensions_add_ward_channel_duplicate_supporters_notes(client, make_report, officer):
    original = make_report()
    copy = make_report(description="Rác thải bị đổ ở đầu hẻm, giống báo cáo trước.")
    duplicates.report_merge(duplicate=copy, original=original, actor=officer)
    workflow.report_transition(report=original, to=Status.IN_PROGRESS, actor=officer,
                               note="Đã cử người xử lý.")
    rows = {r["service_request_id"]: r
            for r in get(client, "requests.json", extensions="true").json()}
    row = rows[original.code]
    assert row["ward"] == original.ward.name
    assert row["ward_code"] == "26911"
    assert row["channel"] == "web"
    assert row["duplicate"] is False and row["parent_service_request_id"] is None
    assert row["supporters"] == Report.objects.get(pk=original.pk).supporters
    notes = row["notes"]
    assert [n["type"] for n in notes][:1] == ["created"]
    assert notes[-1]["description"] == "Đã cử người xử lý."
    assert all(n["datetime"].endswith("+07:00") for n in notes)
    assert all(set(n) == {"datetime", "description", "type"} for n in notes)
    dup = rows[copy.code]
    assert dup["duplicate"] is True
    assert dup["parent_service_request_id"] == original.code
    assert dup["status"] == "closed" and dup["detailed_status"] == "duplicate"


def test_media_url_is_the_first_photos_absolute_url(client, make_report):
    report = make_report(photos=[jpeg().getvalue(), jpeg().getvalue()])
    url = get(client, f"requests/{report.code}.json").json()[0]["media_url"]
    first = report.photos.order_by("id").first()
    assert url == "http://testserver" + first.image.url
    assert client.get(url.removeprefix("http://testserver")).status_code == 200
