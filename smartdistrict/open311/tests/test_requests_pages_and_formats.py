"""GET requests.{fmt} and requests/{id}.{fmt}: the 1,000-row limit, pages and their
headers, one request, JSON and XML alike, the query budget, caching headers and CORS."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction

from smartdistrict.core.db_settings import PARALLEL
from smartdistrict.core.tests.planner_settings import at_most_reads, setting_at_each_read
from smartdistrict.feedback.models import Channel, Report
from smartdistrict.feedback.services import workflow
from smartdistrict.open311.tests.conftest import (
    BASE,
    days_ago,
    get,
    ids,
    jpeg,
    normalise,
    xml_to_python,
)

pytestmark = pytest.mark.django_db


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
