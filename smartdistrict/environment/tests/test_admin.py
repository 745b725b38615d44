"""Admin: a station gets its ward from its point; a token is shown once; readings read-only."""

from __future__ import annotations

import hashlib

import pytest

from smartdistrict.environment.models import IngestToken, Reading, Station
from smartdistrict.environment.services.ingest import readings_ingest
from smartdistrict.environment.services.tokens import (
    NotAuthenticated,
    ingest_token_check,
    ingest_token_create,
    ingest_token_revoke,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("env-admin", "a@example.com", "x-pass-1")
    client.force_login(user)
    return client


def test_a_station_saved_in_the_admin_is_placed_in_its_ward(admin_client, reference):
    response = admin_client.post("/admin/environment/station/add/", {
        "code": "NL-01", "name": "Kênh Nhiêu Lộc", "canal": "Nhiêu Lộc – Thị Nghè",
        "lat": "10.7983", "lon": "106.699", "kind": "manual", "active": "on",
        "reporting_interval": "1 00:00:00",
        "expected-TOTAL_FORMS": "0", "expected-INITIAL_FORMS": "0",
    })
    assert response.status_code == 302, response.content[:2000]
    station = Station.objects.get(code="NL-01")
    assert station.ward is not None and station.ward.level == "ward"


def test_a_token_made_in_the_admin_is_shown_once(admin_client, station):
    response = admin_client.post("/admin/environment/ingesttoken/add/", {
        "name": "sensor", "station": station.pk, "active": "on"}, follow=True)
    message = next(str(m) for m in response.context["messages"])
    raw = next(word for word in message.split() if word.startswith("env_"))
    assert ingest_token_check(raw).station == station
    assert IngestToken.objects.get().prefix == raw[:10]


def test_readings_are_listed_but_not_editable(admin_client, station):
    readings_ingest(rows=[{"station": "XT-01", "parameter": "DO", "value": 4.2,
                           "observed_at": "2026-11-29T08:00:00+07:00"}], source="http")
    assert admin_client.get("/admin/environment/reading/").status_code == 200
    reading = Reading.objects.get()
    assert admin_client.post(f"/admin/environment/reading/{reading.pk}/change/",
                             {"value": "9"}).status_code == 403
    assert Reading.objects.get().value == 4.2


def test_the_token_is_shown_once_and_only_its_hash_is_stored(admin_client, station):
    response = admin_client.post("/admin/environment/ingesttoken/add/", {
        "name": "sensor", "station": station.pk, "active": "on"}, follow=True,
        headers={"accept-language": "en"})
    messages = [str(m) for m in response.context["messages"]]
    tokens = [word for m in messages for word in m.split() if word.startswith("env_")]
    assert len(tokens) == 1
    assert "copy it now: it will not be shown again." in messages[0]
    record = IngestToken.objects.get()
    assert record.key_hash == hashlib.sha256(tokens[0].encode()).hexdigest()
    stored = IngestToken.objects.filter(pk=record.pk).values().get()
    assert tokens[0] not in [str(value) for value in stored.values()]
    page = admin_client.get(f"/admin/environment/ingesttoken/{record.pk}/change/")
    assert page.status_code == 200 and tokens[0] not in page.content.decode()


def test_unticking_active_revokes_the_token(admin_client, station):
    record, raw = ingest_token_create(station=station, name="sensor")
    response = admin_client.post(f"/admin/environment/ingesttoken/{record.pk}/change/", {
        "name": "sensor (replaced)", "station": station.pk})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.revoked_at is not None and not record.active
    assert record.name == "sensor (replaced)"
    with pytest.raises(NotAuthenticated):
        ingest_token_check(raw)


def test_the_revoke_action_keeps_the_first_time_and_tokens_are_not_deleted(
    admin_client, station
):
    record, raw = ingest_token_create(station=station, name="sensor")
    for language, label in [("en", "Revoke the selected tokens"),
                            ("vi", "Thu hồi các mã khóa đã chọn")]:
        listing = admin_client.get("/admin/environment/ingesttoken/",
                                   headers={"accept-language": language})
        assert label in listing.content.decode()
    response = admin_client.post("/admin/environment/ingesttoken/", {
        "action": "revoke", "_selected_action": [record.pk]}, follow=True,
        headers={"accept-language": "en"})
    assert [str(m) for m in response.context["messages"]] == ["1 tokens revoked."]
    record.refresh_from_db()
    first = record.revoked_at
    assert first is not None
    ingest_token_revoke(token=record)
    record.refresh_from_db()
    assert record.revoked_at == first
    with pytest.raises(NotAuthenticated):
        ingest_token_check(raw)
    delete = admin_client.get(f"/admin/environment/ingesttoken/{record.pk}/delete/")
    assert delete.status_code == 403 and IngestToken.objects.filter(pk=record.pk).exists()
