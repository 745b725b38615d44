"""Who gets in: staff only, each within their scope; others are sent to log in or refused."""

import pytest
from django.test import Client

from smartdistrict.accounts.models import User

pytestmark = pytest.mark.django_db

CONSOLE_PAGES = ["/console/", "/console/intake", "/console/intake/ward?address=P.25"]


@pytest.mark.parametrize("url", CONSOLE_PAGES)
def test_anonymous_visitors_are_sent_to_the_console_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/console/login/?next=")


def test_anonymous_report_page_and_action_go_to_login_too(client, make_report):
    report = make_report()
    assert client.get(f"/console/reports/{report.code}")["Location"].startswith(
        "/console/login/"
    )
    response = client.post(f"/console/reports/{report.code}/actions/start")
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "new"


def test_htmx_request_without_session_redirects_the_whole_page(client):
    response = client.get("/console/", headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == "/console/login/"


def test_an_account_without_a_staff_role_is_refused(db):
    user = User.objects.create_user("resident.like", password="x" * 12)
    client = Client()
    client.force_login(user)
    response = client.get("/console/")
    assert response.status_code == 403
    assert "This account cannot use the console" in response.content.decode() or (
        "không dùng được" in response.content.decode()
    )


def test_officer_of_another_ward_gets_404_and_does_not_see_it_in_the_queue(
    make_report, officer_client, other_officer_client
):
    report = make_report(ward="26911")  # Bình Quới
    assert officer_client.get(f"/console/reports/{report.code}").status_code == 200
    assert other_officer_client.get(f"/console/reports/{report.code}").status_code == 404
    queue = other_officer_client.get("/console/?status=all").content.decode()
    assert report.code not in queue
    assert report.code in officer_client.get("/console/?status=all").content.decode()


def test_out_of_scope_posts_answer_404_and_change_nothing(make_report, other_officer_client):
    report = make_report(ward="26911")
    for url in (
        f"/console/reports/{report.code}/actions/start",
        f"/console/reports/{report.code}/contact",
    ):
        assert other_officer_client.post(url).status_code == 404
    report.refresh_from_db()
    assert report.status == "new"
    assert not report.contact_accesses.exists()


def test_department_staff_see_their_departments_reports_only(make_report, department_client):
    theirs = make_report(ward="26956", category="lan-chiem-via-he")  # urban affairs, Thạnh Mỹ Tây
    other = make_report(ward="26956", category="khac")  # the ward's People's Committee
    assert theirs.department.code == "kthtdt-thanh-my-tay"
    page = department_client.get("/console/").content.decode()
    assert theirs.code in page
    assert other.code not in page
    assert department_client.get(f"/console/reports/{other.code}").status_code == 404


def test_unknown_code_is_404(officer_client):
    assert officer_client.get("/console/reports/BT-1999-999999").status_code == 404
