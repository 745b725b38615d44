"""No public output contains a reporter's contact (acceptance 6 of issue 3); access is logged."""

import datetime as dt
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from smartdistrict.core.errors import PermissionDenied
from smartdistrict.feedback.models import ContactAccess, Report, Status
from smartdistrict.feedback.privacy import public_text
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


# Personal data a resident or an officer writes into free text, in the forms people use.
PLANTED = {
    "phone, spaced": "0912 345 678",
    "phone, international": "+84 913456789",
    "phone, dotted": "091.234.5678",
    "landline": "(028) 3829 1234",
    "e-mail": "nguoi.dan@example.net",
    "CCCD": "079123456789",
    "CMND": "023456789",
}
PLANTED_TEXT = "Gọi {} hoặc {}, {}, cơ quan {}, thư {}; CCCD {}, CMND {}.".format(
    *PLANTED.values()
)


def test_no_public_endpoint_or_page_shows_the_reporter(client, make_report, officer):
    """Every public GET route (pages, REST, Open311 JSON and XML, map data, fragments)
    is walked with a closed and an open report whose contact fields, description,
    address and public notes hold personal data, and with an alley project whose households
    include one with the reporter's name and phone that did not agree to be named: none of
    it may come out."""
    from smartdistrict.alleys.tests.privacy import NAMED, project_with_a_private_household

    report = make_report(**SECRET, description="Rác ùn ứ. " + PLANTED_TEXT,
                         address="Hẻm 42, gọi 0912 345 678")
    report_transition(report=report, to=Status.RESOLVED, actor=officer,
                      note="Đã xử lý xong, liên hệ cán bộ 091.234.5678 hoặc nguoi.dan@example.net.")
    still_open = make_report(**SECRET, description="Đèn hỏng, gọi +84 913456789. " + PLANTED_TEXT,
                             address="CCCD 079123456789")
    report_transition(report=still_open, to=Status.IN_PROGRESS, actor=officer,
                      note="Đã giao, hỏi (028) 3829 1234.")
    project = project_with_a_private_household(
        name=SECRET["reporter_name"], phone=SECRET["reporter_phone"], officer=officer)
    lat, lon = WARD_POINTS["26911"]
    query = {"category": "rac-thai", "lat": lat, "lon": lon, "address": "Phường Bình Quới",
             "text": "rác", "code": report.code,
             "service_request_id": f"{report.code},{still_open.code}", "ward": "26911"}
    codes = [report.code, still_open.code]
    values = {"code": [*codes, "rac-thai", project.code, project.alley.code],
              "request_id": codes,
              "fmt": ["json", "xml"], "path": ["media"]}
    secrets = {**SECRET, **PLANTED}
    placeholders = {public_text(value) for value in PLANTED.values()}  # in Vietnamese
    checked, shown = 0, set()
    for path in public_paths():
        for url in concrete_urls(path, values):
            for extra in ({"extensions": "true"}, {"extensions": "true", "page": "1"}):
                response = client.get(url, {**query, **extra})
                body = response.content.decode("utf-8", errors="replace")
                for kind, value in secrets.items():
                    assert value not in body, f"{url} shows the {kind} {value}"
                if any(placeholder in body for placeholder in placeholders):
                    shown.add(url)
                checked += 1
    assert checked >= 50
    # The walk reached the reports' texts: their masked forms were served.
    assert any(url.startswith("/open311/v2/requests") for url in shown), shown
    assert any(url.startswith("/track/") for url in shown), shown
    assert "/reports/" in shown, shown  # the public list showed the texts, masked
    assert f"/api/v1/reports/{report.code}" in shown, shown
    detail = client.get(f"/api/v1/reports/{report.code}").json()
    assert detail["code"] == report.code
    assert "reporter_name" not in detail
    nearby = client.get("/report/nearby", {"category": "rac-thai", "lat": lat, "lon": lon})
    assert still_open.code in nearby.content.decode()  # the fragment did list the open one
    page = client.get(f"/alleys/{project.code}/").content.decode()
    assert project.title in page and NAMED in page  # the walk reached the project
    assert NAMED in client.get(f"/api/v1/alleys/projects/{project.code}").json()["named"]


def test_staff_see_the_free_text_as_written(client, make_report, officer):
    report = make_report(description="Rác ùn ứ. " + PLANTED_TEXT, address="gọi 0912 345 678")
    report_transition(report=report, to=Status.IN_PROGRESS, actor=officer,
                      note="Hỏi cán bộ 091.234.5678.")
    client.force_login(officer)
    detail = client.get(f"/api/v1/reports/{report.code}").json()
    assert detail["description"] == report.description
    assert detail["address"] == "gọi 0912 345 678"
    assert "091.234.5678" in str(detail["timeline"])
    page = client.get(f"/console/reports/{report.code}").content.decode()
    assert "079123456789" in page and "nguoi.dan@example.net" in page
    listed = client.get("/api/v1/reports").json()["results"]
    assert any(r["description"] == report.description for r in listed)


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


def _closed_long_ago(report, officer, days=800):
    report_transition(report=report, to=Status.REJECTED, actor=officer, note="Không hợp lệ.")
    Report.objects.filter(pk=report.pk).update(closed_at=timezone.now() - dt.timedelta(days=days))


def test_purge_removes_only_old_closed_reports_personal_data(make_report, officer):
    old = make_report(**SECRET, description="Rác ùn ứ. " + PLANTED_TEXT,
                      address="Hẻm 42, gọi 0912 345 678", idempotency_key="app-device-42-xyz")
    report_transition(report=old, to=Status.IN_PROGRESS, actor=officer,
                      note="Đã gọi lại số 0987654321 của người dân.")
    _closed_long_ago(old, officer)
    recent = make_report(**SECRET)
    report_transition(report=recent, to=Status.REJECTED, actor=officer, note="Trùng lặp.")
    still_open = make_report(**SECRET)
    long_ago = timezone.now() - dt.timedelta(days=900)
    Report.objects.filter(pk=still_open.pk).update(created_at=long_ago)
    done = personal_data_purge(months=24)
    assert (done.reports, done.contacts) == (1, 1)
    assert done.texts == 3  # description, address, one note
    old.refresh_from_db()
    assert (old.reporter_name, old.reporter_phone, old.reporter_email) == ("", "", "")
    assert old.personal_data_removed_at is not None
    assert old.idempotency_key is None
    stored = " ".join([old.description, old.address,
                       *old.events.values_list("note", flat=True)])
    for value in [*PLANTED.values(), "0987654321"]:
        assert value not in stored
    assert old.description.startswith("Rác ùn ứ. Gọi [")  # the rest of the text stays
    for kept in (recent, still_open):
        kept.refresh_from_db()
        assert kept.reporter_phone == SECRET["reporter_phone"]
    assert personal_data_purge(months=24).reports == 0  # done once


def test_purge_clears_open311_ids_and_reduces_photos(make_report, officer, settings, tmp_path):
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    from smartdistrict.feedback.models import Photo
    from smartdistrict.open311.models import Open311Submission
    from smartdistrict.open311.services import api_key_create

    settings.MEDIA_ROOT = tmp_path
    report = make_report(**SECRET)
    key, _raw = api_key_create(name="app")
    Open311Submission.objects.create(report=report, api_key=key, device_id="phone-123",
                                     account_id="acc-9", token="t-purge")
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "red").save(buffer, "JPEG")
    photo = Photo(report=report, content_type="image/jpeg", width=1600, height=1200, sha256="x")
    photo.image.save("big.jpg", ContentFile(b"full-size"), save=False)
    photo.thumbnail.save("small.jpg", ContentFile(buffer.getvalue()), save=False)
    photo.save()
    big = tmp_path / photo.image.name
    assert big.exists()
    _closed_long_ago(report, officer)
    with django_capture_on_commit():
        done = personal_data_purge(months=24)
    assert done.photos_reduced == 1 and sum(done.others.values()) == 1
    submission = Open311Submission.objects.get(report=report)
    assert (submission.device_id, submission.account_id) == ("", "")
    photo.refresh_from_db()
    assert photo.image.name == photo.thumbnail.name and (photo.width, photo.height) == (64, 48)
    assert not big.exists()


def test_purge_photo_policy_delete(make_report, officer, settings, tmp_path):
    from django.core.files.base import ContentFile

    from smartdistrict.feedback.models import Photo
    from smartdistrict.feedback.services.privacy import reports_personal_data_erase

    settings.MEDIA_ROOT = tmp_path
    report = make_report()
    photo = Photo(report=report, content_type="image/jpeg", width=10, height=10, sha256="y")
    photo.image.save("a.jpg", ContentFile(b"a"), save=False)
    photo.thumbnail.save("b.jpg", ContentFile(b"b"), save=False)
    photo.save()
    with django_capture_on_commit():
        done = reports_personal_data_erase(report_ids=[report.id], photos="delete")
    assert done.photos_deleted == 1 and not Photo.objects.filter(report=report).exists()
    assert not any(tmp_path.rglob("*.jpg"))


def test_purge_command_is_a_dry_run_by_default_and_says_what_it_did(make_report, officer,
                                                                     capsys):
    from django.core.management import call_command
    from django.utils import translation

    report = make_report(**SECRET, description="Rác ùn ứ, gọi 0912 345 678 giúp.")
    _closed_long_ago(report, officer)
    with translation.override("en"):
        call_command("purge_personal_data")
        out = capsys.readouterr().out
        assert "(retention 24 months) whose personal data is still held: 1" in out
        assert "Dry run" in out
        report.refresh_from_db()
        assert report.reporter_phone
        call_command("purge_personal_data", "--commit")
        out = capsys.readouterr().out
    assert "Removed: 1 reports; contact details cleared on 1; 1 free-text fields masked" in out
    report.refresh_from_db()
    assert report.reporter_phone == "" and "0912 345 678" not in report.description


@pytest.mark.parametrize("months", ["0", "-3"])
def test_purge_command_refuses_a_retention_below_one_month(make_report, officer, months):
    from django.core.management import CommandError, call_command

    report = make_report(**SECRET)
    _closed_long_ago(report, officer, days=10)
    with pytest.raises(CommandError, match=f"--months {months}: "):
        call_command("purge_personal_data", "--months", months, "--commit")
    report.refresh_from_db()
    assert report.reporter_phone


def test_a_retention_of_one_month_is_honoured(make_report, officer):
    report = make_report(**SECRET)
    _closed_long_ago(report, officer, days=40)
    assert personal_data_purge(months=1).reports == 1


class django_capture_on_commit:
    """Run the on-commit callbacks of the test's transaction (file deletions) at exit."""

    def __enter__(self):
        from django.test import TestCase

        self._context = TestCase.captureOnCommitCallbacks(execute=True)
        return self._context.__enter__()

    def __exit__(self, *exc):
        return self._context.__exit__(*exc)
