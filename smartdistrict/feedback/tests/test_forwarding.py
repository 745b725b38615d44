"""Forwarding a report to another unit or department (feedback.services.forwarding)."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from smartdistrict.accounts.models import User
from smartdistrict.core.errors import InvalidInput, PermissionDenied
from smartdistrict.feedback.models import Event, EventKind, Report, RoutingRule, Status
from smartdistrict.feedback.services import workflow
from smartdistrict.feedback.services.forwarding import (
    departments_serving,
    forward_inputs,
    forward_targets,
    report_forward,
)
from smartdistrict.geography.models import Unit
from smartdistrict.organisations.models import Department

pytestmark = pytest.mark.django_db

ENCROACHMENT = "lan-chiem-via-he"  # routed to the unit's own urban affairs office


@pytest.fixture
def operator(db):
    return User.objects.get(username="tongdai")


@pytest.fixture
def leader(db):
    return User.objects.get(username="lanhdao")


def _unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def _rule_department(category, unit: Unit) -> Department:
    """What the routing data (not the service) says for this category and unit."""
    return RoutingRule.objects.get(category=category, unit=unit).department


def test_the_operator_forwards_to_another_ward_and_the_rules_choose_the_department(
    make_report, operator
):
    report = make_report("26911", ENCROACHMENT)
    due, gia_dinh = report.due_at, _unit("26944")
    expected = _rule_department(report.category, gia_dinh)
    assert expected != report.department

    report_forward(report=report, to_unit=gia_dinh, actor=operator,
                   note="Địa chỉ thuộc phường Gia Định.")

    report.refresh_from_db()
    assert (report.ward, report.department) == (gia_dinh, expected)
    assert report.due_at == due  # the resident's clock is kept
    assert report.status == Status.NEW
    event = report.events.get(kind=EventKind.FORWARDED)
    assert event.public and event.actor == operator and event.actor_role == "hotline_operator"
    assert "Phường Bình Quới" in event.note and "Phường Gia Định" in event.note
    assert event.note.index("Phường Bình Quới") < event.note.index("Phường Gia Định")
    assert event.note.endswith("Địa chỉ thuộc phường Gia Định.")


def test_a_named_department_must_serve_the_unit(make_report, operator):
    report = make_report("26911", ENCROACHMENT)
    city = Department.objects.get(code="so-xay-dung")  # serves the whole city
    report_forward(report=report, to_department=city, actor=operator, note="")
    report.refresh_from_db()
    assert report.department == city and report.ward.code == "26911"  # the unit is kept

    other_ward_office = _rule_department(report.category, _unit("26944"))
    with pytest.raises(InvalidInput) as refused:
        report_forward(report=report, to_department=other_ward_office, actor=operator)
    assert refused.value.field == "to_department"
    # Unit and department together: the department must serve the new unit.
    report_forward(report=report, to_unit=_unit("26944"), to_department=other_ward_office,
                   actor=operator)
    report.refresh_from_db()
    assert (report.ward.code, report.department) == ("26944", other_ward_office)


def test_work_started_elsewhere_is_undone_and_the_deadline_kept_even_when_overdue(
    make_report, officer, operator
):
    report = make_report("26911", ENCROACHMENT)
    workflow.report_transition(report=report, to=Status.ASSIGNED, actor=officer,
                               assignee=officer)
    workflow.report_transition(report=report, to=Status.IN_PROGRESS, actor=officer)
    late = timezone.now() - dt.timedelta(hours=3)
    Report.objects.filter(pk=report.pk).update(due_at=late)

    report_forward(report=report, to_unit=_unit("26740"), actor=operator)

    report.refresh_from_db()
    assert report.status == Status.NEW and report.assignee is None
    assert report.due_at == late
    event = report.events.get(kind=EventKind.FORWARDED)
    assert (event.from_status, event.to_status) == (Status.IN_PROGRESS, Status.NEW)


def test_a_reopened_report_stays_reopened(make_report, officer, operator):
    report = make_report("26911", ENCROACHMENT)
    workflow.report_transition(report=report, to=Status.RESOLVED, actor=officer, note="Xong.")
    workflow.report_transition(report=report, to=Status.REOPENED, actor=officer)
    report_forward(report=report, to_unit=_unit("26944"), actor=operator)
    report.refresh_from_db()
    assert report.status == Status.REOPENED and report.ward.code == "26944"


def test_who_may_forward(make_report, officer, other_officer, leader, operator):
    report = make_report("26911", ENCROACHMENT)
    for refused_actor in (leader, other_officer, None):
        with pytest.raises(PermissionDenied):
            report_forward(report=report, to_unit=_unit("26944"), actor=refused_actor)
    # The ward officer sends on what is not theirs; afterwards it is out of their scope.
    report_forward(report=report, to_unit=_unit("26944"), actor=officer)
    with pytest.raises(PermissionDenied):
        report_forward(report=report, to_unit=_unit("26911"), actor=officer)
    # Gia Định's officer may now send it on, and the operator anywhere.
    report_forward(report=report, to_unit=_unit("26956"), actor=other_officer)
    report_forward(report=report, to_unit=_unit("26732"), actor=operator)
    report.refresh_from_db()
    assert report.ward.code == "26732"
    assert report.events.filter(kind=EventKind.FORWARDED).count() == 3


def test_refusals_say_what_is_wrong_and_change_nothing(make_report, officer, operator):
    report = make_report("26911", ENCROACHMENT)
    before = (report.ward_id, report.department_id, report.due_at)

    def refused(**kwargs) -> InvalidInput:
        with pytest.raises(InvalidInput) as caught:
            report_forward(report=report, actor=operator, **kwargs)
        return caught.value

    assert refused().field == "to_unit"
    assert refused(to_unit=_unit("26911")).code == "forward_unchanged"
    former = Unit.objects.get(code="765.p27.2024")  # a ward that no longer exists
    assert refused(to_unit=former).field == "to_unit"
    assert refused(to_unit=_unit("79")).field == "to_unit"  # the city is not a ward
    assert refused(to_unit=_unit("26944"), note="x" * 2001).field == "note"
    report.refresh_from_db()
    assert (report.ward_id, report.department_id, report.due_at) == before
    assert not report.events.filter(kind=EventKind.FORWARDED).exists()

    workflow.report_transition(report=report, to=Status.REJECTED, actor=officer,
                               note="Không thuộc thẩm quyền.")
    assert refused(to_unit=_unit("26944")).code == "report_closed"


def test_codes_are_read_at_their_fields():
    unit, department = forward_inputs(unit_code=" 26944 ", department_code="so-xay-dung")
    assert (unit.code, department.code) == ("26944", "so-xay-dung")
    assert forward_inputs() == (None, None)
    with pytest.raises(InvalidInput) as unknown_unit:
        forward_inputs(unit_code="99999")
    with pytest.raises(InvalidInput) as unknown_department:
        forward_inputs(department_code="khong-co")
    assert (unknown_unit.value.field, unknown_department.value.field) == (
        "to_unit", "to_department")


def test_targets_are_todays_units_and_departments_those_serving_them():
    targets = forward_targets()
    assert len(targets) == Unit.objects.filter(
        level="ward", valid_to__isnull=True, valid_from__isnull=False).count() == 168
    assert {t.code for t in targets} >= {"26911", "26732", "25807", "27676"}
    serving = {d.code for d in departments_serving(_unit("26944").id)}
    assert {"so-xay-dung", "cong-ich-binh-thanh"} <= serving
    assert not any(code.endswith("binh-quoi") for code in serving)


def test_the_new_units_staff_are_told(make_report, operator, settings,
                                      django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    User.objects.filter(username="canbo.giadinh").update(email="giadinh@example.org")
    User.objects.filter(username="canbo.binhquoi").update(email="binhquoi@example.org")
    report = make_report("26911", ENCROACHMENT)
    office = _rule_department(report.category, _unit("26944"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report_forward(report=report, to_unit=_unit("26944"), actor=operator)
    recipients = {m.to[0] for m in mail.outbox}
    assert recipients == {"giadinh@example.org", office.email}
    message = next(m for m in mail.outbox if m.to == ["giadinh@example.org"])
    assert report.code in message.subject and "chuyển" in message.subject
    assert timezone.localtime(report.due_at).strftime("%H:%M %d/%m/%Y") in message.body


def test_a_refused_forward_tells_nobody(make_report, leader, settings,
                                        django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    report = make_report("26911", ENCROACHMENT)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        report_forward(report=report, to_unit=_unit("26944"), actor=leader)
    assert mail.outbox == []
    assert not Event.objects.filter(report=report, kind=EventKind.FORWARDED).exists()


def test_the_api_forwards_by_codes(client, make_report, operator, leader):
    report = make_report("26911", ENCROACHMENT)
    url = f"/api/v1/reports/{report.code}/forward"
    assert client.post(url, {"to_unit": "26944"}, content_type="application/json"
                       ).status_code == 403  # anonymous
    client.force_login(leader)
    refused = client.post(url, {"to_unit": "26944"}, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "forward_refused"

    client.force_login(operator)
    bad = client.post(url, {"to_unit": "26944", "to_department": "ca-binh-quoi"},
                      content_type="application/json")
    assert bad.status_code == 400 and bad.json()["field"] == "to_department"
    unknown = client.post(url, {"to_unit": "00000"}, content_type="application/json")
    assert unknown.status_code == 400 and unknown.json()["field"] == "to_unit"
    response = client.post(url, {"to_unit": "26944", "note": "Sai địa bàn."},
                           content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    expected = _rule_department(report.category, _unit("26944"))
    assert (body["ward"], body["department"], body["status"]) == (
        "26944", expected.code, "new")
    timeline = client.get(f"/api/v1/reports/{report.code}").json()["timeline"]
    assert timeline[-1]["kind"] == "forwarded" and "Sai địa bàn." in timeline[-1]["note"]
