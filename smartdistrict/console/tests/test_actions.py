"""Every action through the console, errors at their field, and forged posts refused."""

import re

import pytest

from smartdistrict.feedback.models import ContactAccess, Event, Report, Status
from smartdistrict.feedback.services import workflow

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", "HX-Current-URL": "http://testserver/console/"}


def _act(client, report, action, data=None, **kwargs):
    return client.post(f"/console/reports/{report.code}/actions/{action}", data or {}, **kwargs)


def _status(report) -> str:
    report.refresh_from_db()
    return report.status


def test_assign_then_start_then_resolve_with_a_public_note(make_report, officer_client):
    report = make_report()
    response = _act(officer_client, report, "assign", {"assign-assignee": "canbo.binhquoi"})
    assert response.status_code == 302
    assert response["Location"] == f"/console/reports/{report.code}"
    assert _status(report) == Status.ASSIGNED
    assert report.assignee.username == "canbo.binhquoi"

    assert _act(officer_client, report, "start").status_code == 302
    assert _status(report) == Status.IN_PROGRESS

    _act(officer_client, report, "resolve", {"resolve-note": "Đã thu gom rác, vệ sinh hẻm."})
    assert _status(report) == Status.RESOLVED
    event = report.events.filter(to_status=Status.RESOLVED).get()
    assert event.public and event.note == "Đã thu gom rác, vệ sinh hẻm."
    # The success message is shown on the next page, in Vietnamese.
    assert "Đã thực hiện" in officer_client.get(f"/console/reports/{report.code}").content.decode()


def test_resolve_without_note_keeps_state_and_shows_the_error_at_the_field(
    make_report, officer_client
):
    report = make_report()
    response = _act(officer_client, report, "resolve", {"resolve-note": "   "})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_resolve-note_error"' in html
    assert 'aria-invalid="true"' in html
    assert "người dân" in html  # the service's message, in Vietnamese
    assert _status(report) == Status.NEW


def test_what_was_typed_is_kept_on_an_error(make_report, officer_client):
    report = make_report()
    response = _act(officer_client, report, "duplicate", {"duplicate-duplicate_of": "BT-1999-1"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="BT-1999-1"' in html
    assert 'id="id_duplicate-duplicate_of_error"' in html


def test_reject_needs_a_reason_and_records_it(make_report, officer_client):
    report = make_report()
    _act(officer_client, report, "reject", {"reject-note": "Không thuộc thẩm quyền phường."})
    assert _status(report) == Status.REJECTED
    assert report.events.filter(to_status=Status.REJECTED, public=True).exists()


def test_close_and_reopen(make_report, officer, officer_client):
    report = make_report()
    workflow.report_transition(report=report, to=Status.RESOLVED, actor=officer, note="Xong.")
    _act(officer_client, report, "close")
    assert _status(report) == Status.CLOSED
    _act(officer_client, report, "reopen", {"reopen-note": "Người dân báo rác lại xuất hiện."})
    assert _status(report) == Status.REOPENED


def test_mark_duplicate_merges_into_the_original(make_report, officer_client):
    original = make_report()
    copy = make_report(offset=0.0003)
    response = _act(officer_client, copy, "duplicate",
                    {"duplicate-duplicate_of": original.code.lower()})
    assert response.status_code == 302
    assert _status(copy) == Status.DUPLICATE
    assert copy.duplicate_of_id == original.pk
    original.refresh_from_db()
    assert original.supporters == 1


def test_duplicate_of_a_report_out_of_scope_is_not_found(make_report, officer_client):
    mine = make_report(ward="26911")
    theirs = make_report(ward="26944")
    response = _act(officer_client, mine, "duplicate", {"duplicate-duplicate_of": theirs.code})
    assert response.status_code == 400
    assert 'id="id_duplicate-duplicate_of_error"' in response.content.decode()
    assert _status(mine) == Status.NEW


def test_change_category_previews_then_reroutes(make_report, officer_client):
    report = make_report(category="rac-thai")
    before = report.department
    preview = _act(officer_client, report, "recategorise",
                   {"recategorise-category": "ngap-nuoc", "step": "preview"})
    assert preview.status_code == 200
    assert "Thoát nước" in preview.content.decode()
    report.refresh_from_db()
    assert report.category.code == "rac-thai" and report.department == before

    _act(officer_client, report, "recategorise",
         {"recategorise-category": "ngap-nuoc", "recategorise-note": "Thực ra là ngập.",
          "step": "confirm"})
    report.refresh_from_db()
    assert report.category.code == "ngap-nuoc"
    assert report.department.code == "thoat-nuoc-hcm"
    assert report.events.filter(kind="recategorised").exists()


def test_internal_note_is_internal_unless_ticked(make_report, officer_client):
    report = make_report()
    _act(officer_client, report, "note", {"note-note": "Chờ đội vệ sinh chiều nay."})
    _act(officer_client, report, "note",
         {"note-note": "Đội sẽ đến lúc 15 giờ.", "note-public": "on"})
    notes = {e.note: e.public for e in report.events.filter(kind="note", actor__isnull=False)}
    assert notes == {"Chờ đội vệ sinh chiều nay.": False, "Đội sẽ đến lúc 15 giờ.": True}


def test_htmx_action_returns_the_panel_and_tells_the_queue(make_report, officer_client):
    report = make_report()
    response = _act(officer_client, report, "start", headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Trigger"] == "reportChanged"
    html = response.content.decode()
    assert "<html" not in html and 'id="notice"' in html
    assert 'data-status="in_progress"' in html


def test_htmx_error_comes_back_with_the_field_error(make_report, officer_client):
    report = make_report()
    response = _act(officer_client, report, "reject", {"reject-note": ""}, headers=HTMX)
    assert response.status_code == 400
    assert 'id="id_reject-note_error"' in response.content.decode()


# --- forged posts: actions not shown are refused by the services ------------------------

@pytest.mark.parametrize("fixture", ["leader_client", "operator_client"])
@pytest.mark.parametrize(
    "action,data",
    [
        ("resolve", {"resolve-note": "Giả mạo."}),
        ("start", {}),
        ("note", {"note-note": "Giả mạo."}),
        ("assign", {"assign-assignee": "canbo.binhquoi"}),
        ("recategorise", {"recategorise-category": "ngap-nuoc"}),
    ],
)
def test_readers_cannot_act_even_by_forging_a_post(make_report, fixture, action, data, request):
    client = request.getfixturevalue(fixture)
    report = make_report()
    events = report.events.count()
    response = _act(client, report, action, data)
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == Status.NEW and report.category.code == "rac-thai"
    assert report.events.count() == events
    assert 'role="alert"' in response.content.decode()


def test_a_transition_the_state_does_not_allow_is_refused(make_report, officer_client):
    report = make_report()
    html = officer_client.get(f"/console/reports/{report.code}").content.decode()
    assert 'id="action-reopen"' not in html and 'id="action-close"' not in html
    for action in ("reopen", "close"):
        response = _act(officer_client, report, action)
        assert response.status_code == 403
        assert _status(report) == Status.NEW


def test_assigning_someone_outside_the_reports_ward_is_refused(make_report, officer_client):
    report = make_report(ward="26911")
    response = _act(officer_client, report, "assign", {"assign-assignee": "canbo.giadinh"})
    assert response.status_code == 400
    assert 'id="id_assign-assignee_error"' in response.content.decode()
    assert _status(report) == Status.NEW


def test_unknown_action_is_404_and_get_is_not_allowed(make_report, officer_client):
    report = make_report()
    assert _act(officer_client, report, "delete").status_code == 404
    assert officer_client.get(
        f"/console/reports/{report.code}/actions/start"
    ).status_code == 405


def test_actions_need_csrf(make_report):
    from django.test import Client

    from smartdistrict.accounts.models import User

    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(username="canbo.binhquoi"))
    report = make_report()
    assert _act(client, report, "start").status_code == 403
    assert _status(report) == Status.NEW
    assert not ContactAccess.objects.exists()


def test_closed_report_cannot_change_category_by_forging(make_report, officer, officer_client):
    report = make_report()
    workflow.report_transition(report=report, to=Status.REJECTED, actor=officer, note="Sai.")
    response = _act(officer_client, report, "recategorise", {"recategorise-category": "khac"})
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.category.code == "rac-thai"
    assert not Event.objects.filter(report=report, kind="recategorised").exists()
    assert re.search(r'role="alert"', response.content.decode())
    assert Report.objects.filter(pk=report.pk, status=Status.REJECTED).exists()
