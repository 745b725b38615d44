"""A bad reading never costs the good ones (issue 13, item 1): over HTTP the row is refused
with its reason and kept as a dead letter, the rest stored; dead letters are read-only in
the admin, counted on the staff page, purged after ENVIRONMENT_DEAD_LETTER_DAYS."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.utils import timezone

from smartdistrict.accounts.models import Role
from smartdistrict.environment.models import DeadLetter, Reading
from smartdistrict.environment.services.dead_letters import (
    Letter,
    dead_letters_purge,
    dead_letters_record,
    printable,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/environment/readings"
POISON = [
    "0001-01-01T00:00:00+07:00",  # OverflowError before the fix: a 500, the batch lost
    "9999-12-31T23:59:59-07:00",
    "1200-01-01T00:00:00+07:00",  # centuries old: was accepted
    "2026-11-29T08:00:00+23:59",  # an offset no place uses
]


def reading(at: str, value: float = 4.2) -> dict:
    return {"station": "XT-01", "parameter": "DO", "observed_at": at, "value": value}


def post(client, token, rows, **headers):
    return client.post(URL, {"readings": rows}, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Token {token}", **headers)


@pytest.mark.parametrize("poison", POISON)
def test_a_poison_row_is_refused_and_the_good_rows_of_its_batch_are_stored(
        client, station_token, poison):
    rows = [reading("2026-11-28T08:00:00+07:00"), reading(poison),
            reading("2026-11-28T08:05:00+07:00", 4.3)]
    response = post(client, station_token, rows, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["statuses"] == ["stored", "rejected", "stored"]
    refused = body["rejected"][0]
    assert refused["index"] == 1 and refused["field"] == "observed_at"
    assert refused["code"] in ("time_too_early", "future_time", "bad_offset")
    assert Reading.objects.count() == 2
    letter = DeadLetter.objects.get()
    assert (letter.source, letter.code) == ("http", refused["code"])
    assert poison in letter.payload and letter.reason == refused["message"]
    assert letter.origin.startswith(URL) and "sensor XT-01" in letter.origin


def test_the_refusal_is_translated(client, station_token):
    response = post(client, station_token, [reading(POISON[0])], HTTP_ACCEPT_LANGUAGE="vi")
    message = response.json()["rejected"][0]["message"]
    assert "2000-01-01" in message and "trước" in message


def test_the_earliest_instant_is_a_setting(client, station_token, settings):
    settings.ENVIRONMENT_EARLIEST_OBSERVATION = dt.date(1990, 1, 1)
    body = post(client, station_token, [reading("1995-03-01T08:00:00+07:00"),
                                        reading("1989-12-31T08:00:00+07:00")]).json()
    assert body["statuses"] == ["stored", "rejected"]
    assert "1990-01-01" in body["rejected"][0]["message"]


def test_a_row_that_is_stored_or_a_duplicate_is_no_dead_letter(client, station_token):
    rows = [reading("2026-11-28T08:00:00+07:00")]
    post(client, station_token, rows)
    post(client, station_token, rows)
    assert not DeadLetter.objects.exists()


def test_ngsi_ld_rows_refused_are_dead_letters_too(client, station_token):
    entity = {"id": "urn:ngsi-ld:WaterQualityObserved:XT-01", "type": "WaterQualityObserved",
              "dateObserved": "0001-01-01T00:00:00+07:00", "O2": 4.2}
    other = {"id": "urn:ngsi-ld:AirQualityObserved:A1", "type": "AirQualityObserved"}
    response = client.post("/api/v1/environment/ngsi-ld/entities", [entity, other],
                           content_type="application/ld+json",
                           HTTP_AUTHORIZATION=f"Token {station_token}")
    assert response.status_code == 200, response.content
    assert sorted(DeadLetter.objects.values_list("source", "code")) == [
        ("fiware", "time_too_early"), ("fiware", "wrong_type")]
    assert "AirQualityObserved" in DeadLetter.objects.get(code="wrong_type").payload


def test_a_staff_upload_shows_its_refusals_and_keeps_no_dead_letter(client, station,
                                                                   django_user_model):
    user = django_user_model.objects.create_user("officer", password="x-pass-1",
                                                 role=Role.DEPARTMENT_STAFF)
    client.force_login(user)
    from django.core.files.uploadedfile import SimpleUploadedFile

    csv = ("station,parameter,observed_at,value\n"
           "XT-01,DO,0001-01-01T00:00:00+07:00,4.2\nXT-01,DO,2026-11-28T08:00:00+07:00,4.2\n")
    response = client.post("/api/v1/environment/readings/import", {
        "file": SimpleUploadedFile("lab.csv", csv.encode()), "dry_run": "false"})
    assert response.status_code == 200, response.content
    assert [r["code"] for r in response.json()["rejected"]] == ["time_too_early"]
    assert Reading.objects.count() == 1 and not DeadLetter.objects.exists()


def test_the_import_command_keeps_what_it_refuses(station, tmp_path):
    path = tmp_path / "lab.csv"
    path.write_text("station,parameter,observed_at,value\n"
                    "XT-01,DO,1970-01-01T00:00:00+07:00,4.2\n", encoding="utf-8")
    call_command("import_readings", str(path), "--commit", stdout=io.StringIO())
    letter = DeadLetter.objects.get()
    assert (letter.source, letter.code, letter.origin) == (
        "file", "time_too_early", "import_readings lab.csv")


def test_the_import_command_refuses_an_unknown_zone_clearly(station, tmp_path):
    from django.core.management.base import CommandError

    path = tmp_path / "lab.csv"
    path.write_text("station,parameter,observed_at,value\n", encoding="utf-8")
    for zone in ("Mars/Olympus", "../../etc/passwd"):
        with pytest.raises(CommandError, match="unknown time zone"):
            call_command("import_readings", str(path), "--timezone", zone)


def test_what_a_stranger_sends_is_kept_as_text_any_database_stores():
    raw = b'{"station": "XT\x00-01", "v": "\xff\xfe"}' + b"x" * 20_000
    dead_letters_record(source="mqtt", letters=[
        Letter(origin="t/\x00", payload=raw, code="malformed_message", reason="bad \ud800")])
    letter = DeadLetter.objects.get()
    assert "\x00" not in letter.payload and "\\x00" in letter.payload
    assert "\\xff\\xfe" in letter.payload and letter.payload.endswith("characters in all)")
    assert letter.origin == "t/\\x00" and letter.reason == "bad \\ud800"
    assert printable({"a": [1, 2]}) == '{"a": [1, 2]}'


def test_old_dead_letters_are_purged_on_schedule(settings):
    now = timezone.now()
    for days in (1, 89, 91, 400):
        dead_letters_record(source="mqtt", now=now - dt.timedelta(days=days),
                            letters=[Letter("t", b"{}", "malformed_message", "x")])
    assert dead_letters_purge(now=now) == 2
    assert DeadLetter.objects.count() == 2
    settings.ENVIRONMENT_DEAD_LETTER_DAYS = 0
    assert dead_letters_purge(now=now + dt.timedelta(days=1000)) == 0


@pytest.fixture
def letters():
    now = timezone.now()
    for days, code in ((0, "time_too_early"), (3, "unknown_station"), (30, "bad_time")):
        dead_letters_record(source="mqtt", now=now - dt.timedelta(days=days, minutes=1),
                            letters=[Letter("smartdistrict/stations/XT-01/readings",
                                            b'{"value": 1}', code, f"reason {code}")])


def test_the_admin_lists_dead_letters_read_only_with_their_count(client, django_user_model,
                                                                 letters):
    officer = django_user_model.objects.create_user(
        "env-officer", password="x-pass-1", is_staff=True, role=Role.DEPARTMENT_STAFF)
    officer.user_permissions.add(Permission.objects.get(codename="view_deadletter"))
    client.force_login(officer)
    page = client.get("/admin/environment/deadletter/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    text = page.content.decode()
    assert "1 in the last 24 hours, 2 in 7 days, 3 kept" in text
    assert "reason unknown_station" in text
    letter = DeadLetter.objects.first()
    assert client.get(f"/admin/environment/deadletter/{letter.pk}/change/").status_code == 200
    assert client.post(f"/admin/environment/deadletter/{letter.pk}/change/",
                       {"code": "x"}).status_code == 403
    assert client.get("/admin/environment/deadletter/add/").status_code == 403
    assert DeadLetter.objects.get(pk=letter.pk).code != "x"


def test_without_the_permission_the_admin_list_is_closed(client, django_user_model, letters):
    clerk = django_user_model.objects.create_user("clerk", password="x-pass-1", is_staff=True)
    client.force_login(clerk)
    assert client.get("/admin/environment/deadletter/").status_code == 403


def test_the_staff_alerts_page_counts_them_and_links_the_list(client, django_user_model,
                                                             letters):
    officer = django_user_model.objects.create_user(
        "env-officer", password="x-pass-1", is_staff=True, role=Role.DEPARTMENT_STAFF)
    client.force_login(officer)
    page = client.get("/environment/staff/alerts", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "could not be stored in the last 7 days: 2." in page
    assert "/admin/environment/deadletter/" not in page  # no permission: no link
    officer.user_permissions.add(Permission.objects.get(codename="view_deadletter"))
    page = client.get("/environment/staff/alerts", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "/admin/environment/deadletter/" in page
