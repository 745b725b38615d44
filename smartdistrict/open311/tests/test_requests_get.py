"""GET requests.{fmt} and requests/{id}.{fmt}: fields, filters, defaults, limits, formats."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection, transaction
from django.utils import timezone
from PIL import Image

from smartdistrict.core.db_settings import PARALLEL
from smartdistrict.core.tests.planner_settings import at_most_reads, setting_at_each_read
from smartdistrict.feedback.models import Channel, Report, Status
from smartdistrict.feedback.services import duplicates, workflow
from smartdistrict.open311.tests.conftest import BASE, WARD_POINTS, normalise, xml_to_python

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


def get(client, path, **params):
    return client.get(BASE + path, params)


def ids(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [r["service_request_id"] for r in response.json()]


def days_ago(days: float) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


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


def test_default_window_is_the_last_90_days(client, make_report):
    recent = make_report(created_at=days_ago(80))
    make_report(created_at=days_ago(100))
    assert ids(get(client, "requests.json")) == [recent.code]


def test_dates_select_on_requested_datetime(client, make_report):
    old = make_report(created_at=days_ago(200))
    make_report(created_at=days_ago(10))
    start = timezone.localtime(days_ago(210)).isoformat()
    end = timezone.localtime(days_ago(190)).isoformat()
    assert ids(get(client, "requests.json", start_date=start, end_date=end)) == [old.code]
    # a start alone runs 90 days on; an end alone 90 days back
    assert ids(get(client, "requests.json", start_date=start)) == [old.code]
    assert ids(get(client, "requests.json", end_date=end)) == [old.code]
    # bare dates and UTC "Z" are accepted
    day = timezone.localdate(old.created_at)
    assert ids(get(client, "requests.json", start_date=day.isoformat(),
                   end_date=day.isoformat())) == [old.code]
    z = old.created_at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert old.code in ids(get(client, "requests.json", start_date=z))


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_span_over_90_days_is_a_400(client, fmt):
    response = get(client, f"requests.{fmt}", start_date="2026-01-01T00:00:00+07:00",
                   end_date="2026-04-02T00:00:00+07:00")
    assert response.status_code == 400
    errors = response.json() if fmt == "json" else xml_to_python(response.content)
    assert errors[0]["code"] in (400, "400")
    assert "end_date" in errors[0]["description"]


@pytest.mark.parametrize(("params", "field"), [
    ({"start_date": "yesterday"}, "start_date"),
    ({"end_date": "2026-13-01"}, "end_date"),
    ({"start_date": "2026-03-01", "end_date": "2026-02-01"}, "end_date"),
    ({"status": "pending"}, "status"),
    ({"bbox": "1,2,3"}, "bbox"),
    ({"bbox": "106.8,10.8,106.7,10.9"}, "bbox"),
    ({"lat": "10.8"}, "long"),
    ({"lat": "abc", "long": "106.7"}, "lat"),
    ({"lat": "10.8", "long": "106.7", "radius": "-5"}, "radius"),
    ({"radius": "100"}, "radius"),
    ({"page": "0"}, "page"),
    ({"page_size": "501"}, "page_size"),
    ({"page_size": "many"}, "page_size"),
    ({"extensions": "maybe"}, "extensions"),
    ({"updated_after": "soon"}, "updated_after"),
])
def test_bad_parameters_are_400_naming_the_parameter(client, params, field):
    for fmt in ("json", "xml"):
        response = get(client, f"requests.{fmt}", **params)
        assert response.status_code == 400, (params, response.content)
        errors = response.json() if fmt == "json" else xml_to_python(response.content)
        assert field in errors[0]["description"]


def test_empty_parameters_are_absent_ones(client, make_report):
    report = make_report()
    assert ids(get(client, "requests.json", status="", service_code="", start_date="",
                   bbox="", page="", jurisdiction_id="")) == [report.code]


def test_status_open_closed_and_both(client, make_report, officer):
    opened = make_report()
    closed = make_report()
    workflow.report_transition(report=closed, to=Status.RESOLVED, actor=officer,
                               note="Đã thu gom rác xong.")
    assert ids(get(client, "requests.json", status="open")) == [opened.code]
    assert ids(get(client, "requests.json", status="closed")) == [closed.code]
    assert set(ids(get(client, "requests.json", status="open,closed"))) == {
        opened.code, closed.code}
    row = get(client, "requests.json", status="closed").json()[0]
    assert (row["status"], row["detailed_status"]) == ("closed", "resolved")
    assert row["status_notes"] == "Đã thu gom rác xong."


def test_status_notes_are_the_latest_public_note_only(client, make_report, officer):
    report = make_report()
    workflow.report_note(report=report, actor=officer, note="Ghi chú công khai.", public=True)
    workflow.report_note(report=report, actor=officer, note="Ghi chú nội bộ bí mật.")
    row = get(client, "requests.json").json()[0]
    assert row["status_notes"] == "Ghi chú công khai."
    assert "nội bộ" not in get(client, "requests.json", extensions="true").content.decode()


def test_service_code_csv(client, make_report):
    trash = make_report()
    flood = make_report(category="ngap-nuoc")
    make_report(category="tieng-on")
    assert set(ids(get(client, "requests.json", service_code="rac-thai,ngap-nuoc"))) == {
        trash.code, flood.code}
    assert ids(get(client, "requests.json", service_code="khong-co")) == []


def test_service_request_ids_override_every_other_filter(client, make_report, officer):
    old = make_report(created_at=days_ago(400))
    closed = make_report()
    workflow.report_transition(report=closed, to=Status.REJECTED, actor=officer,
                               note="Không thuộc thẩm quyền.")
    make_report()
    found = ids(get(client, "requests.json", service_request_id=f"{old.code}, {closed.code}",
                    status="open", service_code="ngap-nuoc",
                    start_date="2020-01-01", end_date="2020-01-02", bbox="0,0,1,1"))
    assert set(found) == {old.code, closed.code}
    assert ids(get(client, "requests.json", service_request_id=old.code.lower())) == [old.code]


def _bulk(count: int, *, created_at: dt.datetime, template: Report) -> None:
    Report.objects.bulk_create(
        Report(
            code=f"BT-BULK-{n:06d}", category_id=template.category_id,
            description="Báo cáo tạo hàng loạt để kiểm tra giới hạn.", lat=template.lat,
            lon=template.lon, ward_id=template.ward_id, department_id=template.department_id,
            channel=Channel.WEB, due_at=created_at, created_at=created_at - dt.timedelta(
                seconds=n),
        )
        for n in range(count)
    )


def test_at_most_1000_results_newest_first(client, make_report):
    newest = make_report()
    _bulk(1005, created_at=days_ago(1), template=newest)
    response = get(client, "requests.json")
    found = ids(response)
    assert len(found) == 1000
    assert found[0] == newest.code
    assert found[1:3] == ["BT-BULK-000000", "BT-BULK-000001"]
    assert response["X-Result-Count"] == "1000"
    assert len(xml_to_python(get(client, "requests.xml").content)) == 1000


def test_pages_with_result_count_headers(client, make_report):
    template = make_report(created_at=days_ago(2))
    _bulk(120, created_at=days_ago(1), template=template)
    first = get(client, "requests.json", page_size="50")
    assert len(ids(first)) == 50
    assert first["X-Total-Count"] == "121"
    assert (first["X-Page"], first["X-Page-Size"]) == ("1", "50")
    assert 'rel="next"' in first["Link"] and 'rel="prev"' not in first["Link"]
    third = get(client, "requests.json", page="3", page_size="50")
    assert len(ids(third)) == 21
    assert ids(third)[-1] == template.code
    assert 'rel="prev"' in third["Link"] and 'rel="next"' not in third["Link"]
    default = get(client, "requests.json", page="2")
    assert default["X-Page-Size"] == "50"
    assert ids(default)[0] == "BT-BULK-000050"
    everything = ids(get(client, "requests.json", page_size="500"))
    assert len(everything) == 121 and len(set(everything)) == 121


def test_bbox_and_radius(client, make_report):
    quoi = make_report(ward="26911")  # 10.8220, 106.7420
    dinh = make_report(ward="26944")  # 10.7983, 106.6990
    assert ids(get(client, "requests.json", bbox="106.73,10.81,106.75,10.83")) == [quoi.code]
    assert ids(get(client, "requests.json", lat="10.7983", long="106.6995", radius="100")) == [
        dinh.code]
    # 0.0005° of longitude is ~55 m here
    assert ids(get(client, "requests.json", lat="10.7983", long="106.6995", radius="40")) == []
    # corner of the bounding box but outside the circle
    assert ids(get(client, "requests.json", lat="10.7990", long="106.6997", radius="100")) == []
    assert set(ids(get(client, "requests.json", lat="10.81", long="106.72",
                       radius="5000"))) == {quoi.code, dinh.code}


def test_updated_after_and_before(client, make_report):
    report = make_report()
    Report.objects.filter(pk=report.pk).update(updated_at=days_ago(3))
    other = make_report()
    after = timezone.localtime(days_ago(1)).isoformat()
    assert ids(get(client, "requests.json", updated_after=after)) == [other.code]
    assert ids(get(client, "requests.json", updated_before=after)) == [report.code]


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


def jpeg() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(buffer, "JPEG")
    buffer.seek(0)
    buffer.name = "photo.jpg"
    return buffer


def test_media_url_is_the_first_photos_absolute_url(client, make_report):
    report = make_report(photos=[jpeg().getvalue(), jpeg().getvalue()])
    url = get(client, f"requests/{report.code}.json").json()[0]["media_url"]
    first = report.photos.order_by("id").first()
    assert url == "http://testserver" + first.image.url
    assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_single_request_and_unknown_id(client, make_report):
    report = make_report()
    for fmt in ("json", "xml"):
        response = get(client, f"requests/{report.code}.{fmt}")
        assert response.status_code == 200
        body = response.json() if fmt == "json" else xml_to_python(response.content)
        assert len(body) == 1 and body[0]["service_request_id"] == report.code
        missing = get(client, f"requests/BT-1999-000001.{fmt}")
        assert missing.status_code == 404
        errors = missing.json() if fmt == "json" else xml_to_python(missing.content)
        assert "service_request_id" in errors[0]["description"]


@pytest.mark.parametrize("path", [
    "requests.{fmt}?extensions=true",
    "requests.{fmt}?status=open&service_code=rac-thai,ngap-nuoc",
    "requests/{code}.{fmt}?extensions=true",
])
def test_json_and_xml_agree_field_by_field(client, make_report, officer, path):
    report = make_report(address="5 Bạch Đằng & <Điện Biên Phủ>",
                         photos=[jpeg().getvalue()])
    flood = make_report(category="ngap-nuoc", attributes={"do_sau_cm": "30"})
    workflow.report_note(report=flood, actor=officer, note="Nước đã rút <một phần>.",
                         public=True)
    as_json = client.get(BASE + path.format(fmt="json", code=report.code)).json()
    as_xml = xml_to_python(client.get(BASE + path.format(fmt="xml", code=report.code)).content)
    assert as_json
    assert normalise(as_json) == as_xml
    for json_row, xml_row in zip(as_json, as_xml, strict=True):
        assert list(json_row) == list(xml_row)  # same fields, same order
        for name in json_row:
            assert normalise(json_row[name]) == xml_row[name], name


def test_list_query_count_does_not_grow_with_rows(client, make_report, officer):
    for _ in range(3):
        report = make_report(photos=[jpeg().getvalue()])
        workflow.report_note(report=report, actor=officer, note="Đang xử lý.", public=True)
    with at_most_reads(1):
        assert len(ids(get(client, "requests.json"))) == 3
    with at_most_reads(2):
        assert len(ids(get(client, "requests.json", extensions="true"))) == 3
    with at_most_reads(2):  # a page: the count and the rows
        get(client, "requests.json", page="1")
    for _ in range(9):
        make_report(photos=[jpeg().getvalue()])
    with at_most_reads(1):
        assert len(ids(get(client, "requests.json"))) == 12
    with at_most_reads(2):
        assert len(ids(get(client, "requests.json", extensions="true"))) == 12


def test_etag_last_modified_and_304(client, make_report):
    make_report()
    first = get(client, "requests.json")
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(BASE + "requests.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get(BASE + "requests.json", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    make_report()
    changed = client.get(BASE + "requests.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200


def test_cors_is_open_for_get(client, make_report):
    report = make_report()
    for path in ("requests.json", f"requests/{report.code}.xml", "requests.json?status=x",
                 "services.json", "discovery.xml"):
        assert client.get(BASE + path)["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(BASE + "requests.json")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"


def test_the_default_list_follows_each_window_and_state(client, make_report):
    """The default list's SQL is compiled once; each call still gets its own window."""
    recent = make_report(created_at=days_ago(5))
    older = make_report(created_at=days_ago(60))
    Report.objects.filter(pk=older.pk).update(status=Status.CLOSED)

    def codes(**params):
        return [r["service_request_id"]
                for r in client.get("/open311/v2/requests.json", params).json()]

    for _ in range(2):
        assert codes() == [recent.code, older.code]
        assert codes(start_date=days_ago(30).date().isoformat()) == [recent.code]
        assert codes(end_date=days_ago(30).date().isoformat()) == [older.code]
        assert codes(status="open") == [recent.code]
        assert codes(status="closed") == [older.code]


@pytest.mark.parametrize("params", [{}, {"page": "1"}, {"status": "open"}])
def test_the_rows_are_read_without_parallel_workers(client, make_report, params):
    """At a million reports the planner ran the newest 1,000 with a Gather Merge whose start
    alone took 40 ms on two cores (core.db_settings); the rows are read serially."""
    if connection.vendor != "postgresql":
        pytest.skip("parallel workers are PostgreSQL's (set DATABASE_URL to a PostgreSQL "
                    "server)")
    make_report()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL {PARALLEL} = 2")
        with setting_at_each_read(PARALLEL) as seen:
            assert len(ids(get(client, "requests.json", **params))) == 1
    row_reads = [value for value, sql in seen
                 if 'FROM "feedback_report"' in sql and "LIMIT" in sql]
    assert row_reads and set(row_reads) == {"0"}
