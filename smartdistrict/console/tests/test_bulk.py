"""Bulk actions on the queue: assign several, merge several into one."""

import pytest

from smartdistrict.feedback.models import Status

pytestmark = pytest.mark.django_db


def _bulk(client, **data):
    payload = {"next": "/console/?status=all"}
    payload.update({f"bulk-{k}": v for k, v in data.items()})
    return client.post("/console/bulk", payload)


def _messages(client) -> str:
    return client.get("/console/?status=all").content.decode()


def test_assign_several(make_report, officer_client):
    reports = [make_report(offset=i * 0.0003) for i in range(3)]
    response = _bulk(officer_client, action="assign", assignee="canbo.binhquoi",
                     codes=[r.code for r in reports])
    assert response.status_code == 302
    assert response["Location"] == "/console/?status=all"
    for report in reports:
        report.refresh_from_db()
        assert report.status == Status.ASSIGNED
        assert report.assignee.username == "canbo.binhquoi"
    assert all(r.code in _messages(officer_client) for r in reports)


def test_merge_selected_into_one(make_report, officer_client):
    original, *copies = [make_report(offset=i * 0.0003) for i in range(3)]
    _bulk(officer_client, action="merge", original=original.code,
          codes=[original.code, *(c.code for c in copies)])
    for copy in copies:
        copy.refresh_from_db()
        assert copy.status == Status.DUPLICATE and copy.duplicate_of_id == original.pk
    original.refresh_from_db()
    assert original.status == Status.NEW
    assert original.supporters == 2


def test_reports_out_of_scope_are_reported_and_left_alone(make_report, officer_client):
    mine = make_report(ward="26911")
    theirs = make_report(ward="26944")
    _bulk(officer_client, action="assign", assignee="canbo.binhquoi",
          codes=[mine.code, theirs.code])
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == Status.ASSIGNED
    assert theirs.status == Status.NEW
    page = _messages(officer_client)
    assert f"{theirs.code}:" in page


def test_each_report_succeeds_or_fails_on_its_own(make_report, officer, officer_client):
    open_one = make_report()
    closed = make_report(offset=0.0003)
    from smartdistrict.feedback.services import workflow

    workflow.report_transition(report=closed, to=Status.REJECTED, actor=officer, note="Sai.")
    _bulk(officer_client, action="assign", assignee="canbo.binhquoi",
          codes=[open_one.code, closed.code])
    open_one.refresh_from_db()
    closed.refresh_from_db()
    assert open_one.status == Status.ASSIGNED and closed.status == Status.REJECTED
    assert f"{closed.code}:" in _messages(officer_client)


def test_missing_choices_are_said_and_nothing_changes(make_report, officer_client):
    report = make_report()
    _bulk(officer_client, action="assign", codes=[report.code])
    _bulk(officer_client, action="merge", codes=[report.code])
    _bulk(officer_client, action="assign", assignee="canbo.binhquoi")
    report.refresh_from_db()
    assert report.status == Status.NEW
    page = _messages(officer_client)
    assert 'class="error"' in page


def test_readers_cannot_bulk_assign(make_report, leader_client):
    report = make_report()
    _bulk(leader_client, action="assign", assignee="canbo.binhquoi", codes=[report.code])
    report.refresh_from_db()
    assert report.status == Status.NEW


def test_next_must_stay_in_the_console(make_report, officer_client):
    report = make_report()
    response = officer_client.post("/console/bulk", {
        "next": "https://evil.example/", "bulk-action": "assign",
        "bulk-assignee": "canbo.binhquoi", "bulk-codes": [report.code],
    })
    assert response["Location"] == "/console/"
