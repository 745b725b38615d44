"""A report's page: what it shows, to whom, and the audited contact details."""

import re

import pytest

from smartdistrict.feedback.models import ContactAccess, Event
from smartdistrict.feedback.services import workflow

pytestmark = pytest.mark.django_db


def _actions(html: str) -> set[str]:
    return set(re.findall(r'<div class="action" id="action-([a-z]+)"', html))


def test_page_shows_facts_map_and_whole_timeline(make_report, officer, officer_client):
    report = make_report()
    workflow.report_note(report=report, actor=officer, note="Đã gọi tổ dân phố 5.")
    html = officer_client.get(f"/console/reports/{report.code}").content.decode()
    assert "<h1" in html and report.code in html
    assert 'id="report-map"' in html
    assert f'data-lat="{report.lat}"' in html  # not localised (no decimal comma)
    assert "Đã gọi tổ dân phố 5." in html  # internal notes are shown to staff
    assert 'class="badge internal"' in html
    assert report.ward.name in html


def test_contact_is_hidden_until_asked_and_each_look_is_logged(make_report, officer_client):
    report = make_report()
    url = f"/console/reports/{report.code}"
    html = officer_client.get(url).content.decode()
    assert "0912345678" not in html and "bi.mat@example.com" not in html
    assert 'id="show-contact"' in html
    assert not ContactAccess.objects.filter(report=report).exists()

    response = officer_client.post(f"{url}/contact")  # without JavaScript: the whole page
    assert response.status_code == 200
    assert "0912345678" in response.content.decode()
    assert "<h1" in response.content.decode()
    partial = officer_client.post(f"{url}/contact", headers={"HX-Request": "true"})
    assert "bi.mat@example.com" in partial.content.decode()
    assert "<html" not in partial.content.decode()
    accesses = ContactAccess.objects.filter(report=report)
    assert accesses.count() == 2
    assert {a.user.username for a in accesses} == {"canbo.binhquoi"}
    assert {a.channel for a in accesses} == {"console"}


def test_contact_is_a_post_only(make_report, officer_client):
    report = make_report()
    assert officer_client.get(f"/console/reports/{report.code}/contact").status_code == 405


def test_officer_sees_the_actions_of_a_new_report(make_report, officer_client):
    report = make_report()
    html = officer_client.get(f"/console/reports/{report.code}").content.decode()
    assert _actions(html) == {
        "assign", "start", "resolve", "reject", "duplicate", "recategorise", "note", "forward"
    }


def test_actions_follow_the_state(make_report, officer, officer_client):
    report = make_report()
    workflow.report_transition(report=report, to="resolved", actor=officer, note="Đã dọn.")
    html = officer_client.get(f"/console/reports/{report.code}").content.decode()
    assert _actions(html) == {"close", "reopen", "note"}


def test_readers_see_no_action(make_report, leader_client):
    report = make_report()
    html = leader_client.get(f"/console/reports/{report.code}").content.decode()
    assert _actions(html) == set()
    assert 'id="actions"' not in html
    assert 'id="show-contact"' in html  # they may still read the contact (logged)


def test_the_hotline_operator_only_forwards(make_report, operator_client):
    report = make_report()
    html = operator_client.get(f"/console/reports/{report.code}").content.decode()
    assert _actions(html) == {"forward"}
    assert 'id="show-contact"' in html


def test_assign_offers_only_staff_covering_the_report(make_report, officer_client):
    report = make_report(ward="26911")
    html = officer_client.get(f"/console/reports/{report.code}").content.decode()
    select = re.search(r'<select name="assign-assignee".*?</select>', html, re.S).group(0)
    assert 'value="canbo.binhquoi"' in select
    assert 'value="admin"' in select
    assert 'value="canbo.giadinh"' not in select
    assert 'value="kthtdt.thanhmytay"' not in select


def test_htmx_gets_the_panel_with_lower_headings(make_report, officer_client):
    report = make_report()
    response = officer_client.get(
        f"/console/reports/{report.code}",
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/console/"},
    )
    html = response.content.decode()
    assert "<html" not in html
    assert '<h2 id="report-title"' in html
    assert "<h3" in html and "<h1" not in html
    assert "HX-Request" in response["Vary"]


def test_reroute_preview_names_the_department(make_report, officer_client):
    report = make_report(category="rac-thai")
    response = officer_client.get(
        f"/console/reports/{report.code}/reroute?recategorise-category=ngap-nuoc"
    )
    html = response.content.decode()
    assert "Thoát nước" in html  # the drainage company takes floods
    unknown = officer_client.get(
        f"/console/reports/{report.code}/reroute?recategorise-category=nope"
    ).content.decode()
    assert 'class="error-text"' in unknown
    assert not Event.objects.filter(report=report, kind="recategorised").exists()


def test_photos_are_shown(make_report, officer_client, settings, tmp_path):
    from smartdistrict.feedback.tests.photo_samples import encode, two_colour

    settings.MEDIA_ROOT = tmp_path
    report = make_report(photos=[encode(two_colour((64, 48)), "JPEG")])
    html = officer_client.get(f"/console/reports/{report.code}").content.decode()
    assert 'id="photos"' in html
    assert report.photos.get().thumbnail.url in html
