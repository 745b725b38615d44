"""The console's "Forward" action: shown to whom, the department choices, and the result."""

import re

import pytest

from smartdistrict.console.tests.markup import PageReader
from smartdistrict.feedback.models import EventKind, RoutingRule, Status
from smartdistrict.geography.models import Unit

pytestmark = pytest.mark.django_db

ENCROACHMENT = "lan-chiem-via-he"
PANEL = {"HX-Request": "true", "HX-Current-URL": "http://testserver/console/"}


def _forward(client, report, data, headers=None):
    prefixed = {f"forward-{key}": value for key, value in data.items()}
    return client.post(f"/console/reports/{report.code}/actions/forward", prefixed,
                       headers=headers or {})


def _office(report, unit_code: str):
    return RoutingRule.objects.get(category=report.category,
                                   unit=Unit.objects.get(code=unit_code)).department


def test_the_operator_sees_only_forward_with_todays_units(make_report, operator_client):
    report = make_report(category=ENCROACHMENT)
    html = operator_client.get(f"/console/reports/{report.code}").content.decode()
    assert 'id="form-forward"' in html
    assert "Chuyển đến đơn vị khác" in html  # Vietnamese first
    for refused in ("assign", "resolve", "note", "recategorise"):
        assert f'id="form-{refused}"' not in html  # the operator triages, does not act
    units = re.findall(r'<option value="(\d+)"', html.split('name="forward-to_unit"')[1]
                       .split("</select>")[0])
    assert len(units) == 168 and "26911" in units
    assert re.search(r'<option value="26911" selected>', html)
    # The department's first choice names what the rules would choose in this unit.
    assert f"theo quy tắc định tuyến: {report.department.name}" in html
    reader = PageReader()
    reader.feed(html)
    assert all(field.get("id") in reader.label_for or field["_wrapped"]
               for field in reader.fields)


def test_department_choices_follow_the_unit(make_report, operator_client):
    report = make_report(category=ENCROACHMENT)
    response = operator_client.get(
        f"/console/reports/{report.code}/forward-departments",
        {"forward-to_unit": "26944"}, headers=PANEL,
    )
    html = response.content.decode()
    assert html.startswith("<select") and 'id="id_forward-to_department"' in html
    assert _office(report, "26944").name in html.split("</option>")[0]  # the rules' choice
    assert 'value="so-xay-dung"' in html
    assert "binh-quoi" not in html


def test_forward_in_the_panel_changes_unit_and_department(make_report, operator_client):
    report = make_report(category=ENCROACHMENT)
    due = report.due_at
    response = _forward(operator_client, report,
                        {"to_unit": "26944", "note": "Địa chỉ ở phường Gia Định."}, headers=PANEL)
    assert response.status_code == 200
    assert response["HX-Trigger"] == "reportChanged"
    report.refresh_from_db()
    assert report.ward.code == "26944" and report.department == _office(report, "26944")
    assert report.due_at == due
    html = response.content.decode()
    assert 'id="notice"' in html and "Phường Gia Định" in html
    assert "event-forwarded" in html


def test_a_department_that_does_not_serve_the_unit_is_refused_at_its_field(
    make_report, operator_client
):
    report = make_report(category=ENCROACHMENT)
    office = _office(report, "26944")
    response = _forward(operator_client, report,
                        {"to_unit": "26740", "to_department": office.code}, headers=PANEL)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_forward-to_department_error"' in html
    assert "không xử lý phản ánh của đơn vị này" in html
    report.refresh_from_db()
    assert report.ward.code == "26911"
    assert not report.events.filter(kind=EventKind.FORWARDED).exists()


def test_an_officer_forwarding_out_of_their_ward_is_told_it_left_their_queue(
    make_report, officer_client
):
    report = make_report(category=ENCROACHMENT)
    response = _forward(officer_client, report, {"to_unit": "26944"}, headers=PANEL)
    assert response.status_code == 200
    assert "không còn trong danh sách của bạn" in response.content.decode()
    assert officer_client.get(f"/console/reports/{report.code}").status_code == 404

    other = make_report(category=ENCROACHMENT)
    plain = _forward(officer_client, other, {"to_unit": "26944"})
    assert plain.status_code == 302 and plain["Location"] == "/console/"
    page = officer_client.get("/console/").content.decode()
    assert other.code in page and "không còn trong danh sách của bạn" in page


def test_readers_see_no_forward_and_a_forged_post_is_refused(make_report, leader_client):
    report = make_report(category=ENCROACHMENT)
    html = leader_client.get(f"/console/reports/{report.code}").content.decode()
    assert 'id="form-forward"' not in html
    response = _forward(leader_client, report, {"to_unit": "26944"}, headers=PANEL)
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.ward.code == "26911" and report.status == Status.NEW


def test_the_form_reads_in_english_too(make_report, operator_client, settings):
    report = make_report(category=ENCROACHMENT)
    operator_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = operator_client.get(f"/console/reports/{report.code}").content.decode()
    assert "Forward to another unit" in html and "Chuyển đến đơn vị khác" not in html
    assert "as the routing rules say" in html
