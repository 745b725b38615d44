"""No public output contains a reporter's contact (acceptance 6 of issue 3); access is logged."""

import datetime as dt
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from smartdistrict.core.errors import PermissionDenied
from smartdistrict.feedback.models import ContactAccess, Report, Status
from smartdistrict.feedback.services.privacy import personal_data_purge, report_contact_view
from smartdistrict.feedback.services.workflow import report_transition
from smartdistrict.feedback.tests.conftest import WARD_POINTS

pytestmark = pytest.mark.django_db
SECRET = {"reporter_name": "Trương Thị Kín Đáo", "reporter_phone": "0987654321",
          "reporter_email": "kin.dao@example.org"}


def public_paths(resolver=None, prefix="") -> list[str]:
    """Every GET route of the site but the admin, with route parameters left as <name>."""
    resolver = resolver or get_resolver()
    paths = []
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if route.startswith("admin/"):
            continue
        if isinstance(pattern, URLResolver):
            paths += public_paths(pattern, route)
        elif isinstance(pattern, URLPattern):
            paths.append("/" + route)
    return paths


GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)|<(?:\w+:)?(\w+)>")


def concrete_urls(path: str, values: dict[str, list[str]]) -> list[str]:
    """Fill each route parameter (path converters or regex groups) with every known value."""
    match = GROUP.search(path)
    if match is None:
        return [path.replace("\\", "")]
    name = match.group(1) or match.group(2)
    urls = []
    for value in values.get(name, []):
        urls += concrete_urls(path[: match.start()] + value + path[match.end():], values)
    return urls


def test_no_public_endpoint_or_page_shows_the_reporter(client, make_report, officer):
    """Also an alley project (/alleys/, /api/v1/alleys/) whose households include one with
    the same name and phone that did not agree to be named."""
    from smartdistrict.alleys.tests.privacy import NAMED, project_with_a_private_household

    report = make_report(**SECRET)
    report_transition(report=report, to=Status.RESOLVED, actor=officer, note="Đã xử lý xong.")
    project = project_with_a_private_household(
        name=SECRET["reporter_name"], phone=SECRET["reporter_phone"], officer=officer)
    lat, lon = WARD_POINTS["26911"]
    query = {"category": "rac-thai", "lat": lat, "lon": lon, "address": "Phường Bình Quới",
             "text": "rác", "code": report.code, "service_request_id": report.code,
             "ward": "26911"}
    values = {"code": [report.code, "rac-thai", project.code, project.alley.code],
              "request_id": [report.code], "fmt": ["json", "xml"], "path": ["media"]}
    checked = 0
    for path in public_paths():
        for url in concrete_urls(path, values):
            response = client.get(url, {**query, "extensions": "true"})
            body = response.content.decode("utf-8", errors="replace")
            for value in SECRET.values():
                assert value not in body, f"{url} shows {value}"
            checked += 1
    assert checked >= 25
    detail = client.get(f"/api/v1/reports/{report.code}").json()
    assert detail["code"] == report.code  # the walk did reach the report itself
    assert "reporter_name" not in detail
    page = client.get(f"/alleys/{project.code}/").content.decode()
    assert project.title in page and NAMED in page  # the walk reached the project
    assert NAMED in client.get(f"/api/v1/alleys/projects/{project.code}").json()["named"]


def test_staff_see_contact_only_through_a_logged_action(client, make_report, officer):
    report = make_report(**SECRET)
    client.force_login(officer)
    detail = client.get(f"/api/v1/reports/{report.code}").json()
    assert detail["has_contact"] is True
    assert SECRET["reporter_phone"] not in str(detail)
    contact = client.get(f"/api/v1/reports/{report.code}/contact").json()
    assert contact["phone"] == SECRET["reporter_phone"]
    access = ContactAccess.objects.get(report=report)
    assert access.user == officer and access.channel == "api"


def test_staff_outside_scope_cannot_see_contact(client, make_report, other_officer):
    report = make_report(**SECRET)
    client.force_login(other_officer)
    assert client.get(f"/api/v1/reports/{report.code}/contact").status_code == 404
    with pytest.raises(PermissionDenied):
        report_contact_view(report=report, user=other_officer)
    assert not ContactAccess.objects.exists()


def test_purge_anonymises_only_old_closed_reports(make_report, officer):
    old = make_report(**SECRET)
    report_transition(report=old, to=Status.REJECTED, actor=officer, note="Không thuộc thẩm quyền.")
    Report.objects.filter(pk=old.pk).update(closed_at=timezone.now() - dt.timedelta(days=800))
    recent = make_report(**SECRET)
    report_transition(report=recent, to=Status.REJECTED, actor=officer, note="Trùng lặp.")
    still_open = make_report(**SECRET)
    long_ago = timezone.now() - dt.timedelta(days=900)
    Report.objects.filter(pk=still_open.pk).update(created_at=long_ago)
    assert personal_data_purge(months=24) == 1
    old.refresh_from_db()
    assert (old.reporter_name, old.reporter_phone, old.reporter_email) == ("", "", "")
    assert old.personal_data_removed_at is not None
    for kept in (recent, still_open):
        kept.refresh_from_db()
        assert kept.reporter_phone == SECRET["reporter_phone"]


def test_purge_command_is_a_dry_run_by_default(make_report, officer, capsys):
    from django.core.management import call_command

    report = make_report(**SECRET)
    report_transition(report=report, to=Status.REJECTED, actor=officer, note="Không hợp lệ.")
    Report.objects.filter(pk=report.pk).update(closed_at=timezone.now() - dt.timedelta(days=800))
    call_command("purge_personal_data")
    assert "older than 24 months: 1" in capsys.readouterr().out
    report.refresh_from_db()
    assert report.reporter_phone
    call_command("purge_personal_data", "--commit")
    report.refresh_from_db()
    assert report.reporter_phone == ""
