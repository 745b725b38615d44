"""API keys: issued by command or admin (shown once), hashed at rest, revocable."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.contrib.admin.sites import site
from django.core.management import call_command
from django.test import RequestFactory

from smartdistrict.accounts.models import User
from smartdistrict.core.errors import PermissionDenied
from smartdistrict.open311.models import ApiKey
from smartdistrict.open311.services import api_key_check, api_key_create, api_key_revoke
from smartdistrict.open311.tests.conftest import BASE, WARD_POINTS

pytestmark = pytest.mark.django_db


def test_command_prints_the_key_as_its_last_line(client):
    out = io.StringIO()
    call_command("open311_key", "--name", "Ứng dụng Phường", stdout=out)
    key = out.getvalue().strip().splitlines()[-1]
    record = ApiKey.objects.get(name="Ứng dụng Phường")
    assert key.startswith(record.prefix)
    assert key not in (record.key_hash, record.prefix)  # only the hash is stored
    assert api_key_check(key) == record
    lat, lon = WARD_POINTS["26944"]
    response = client.post(BASE + "requests.json", {
        "api_key": key, "service_code": "tieng-on", "lat": lat, "long": lon,
        "description": "Karaoke hát rất to sau 23 giờ mỗi đêm."})
    assert response.status_code == 200
    call_command("open311_key", "--revoke", record.prefix, stdout=io.StringIO())
    with pytest.raises(PermissionDenied):
        api_key_check(key)


def test_revoking_sets_the_time_and_refuses_the_key():
    record, key = api_key_create(name="App")
    api_key_revoke(api_key=record)
    record.refresh_from_db()
    assert record.revoked_at is not None and not record.active
    with pytest.raises(PermissionDenied) as error:
        api_key_check(key)
    assert error.value.field == "api_key"


def _admin_request(user, method="get", data=None):
    factory = RequestFactory()
    request = getattr(factory, method)("/admin/", data or {})
    request.user = user
    request.session = {}
    from django.contrib.messages.storage.fallback import FallbackStorage

    request._messages = FallbackStorage(request)
    return request


def test_admin_creates_a_key_shown_once_and_revokes(client):
    admin_user = User.objects.get(username="admin")
    client.force_login(admin_user)
    response = client.post("/admin/open311/apikey/add/", {"name": "Zalo mini app",
                                                          "active": "on"}, follow=True)
    assert response.status_code == 200
    record = ApiKey.objects.get(name="Zalo mini app")
    shown = [str(m) for m in response.context["messages"]]
    key = next(word for m in shown for word in m.split() if word.startswith(record.prefix))
    assert api_key_check(key) == record
    model_admin = site._registry[ApiKey]
    model_admin.revoke(_admin_request(admin_user), ApiKey.objects.filter(pk=record.pk))
    record.refresh_from_db()
    assert record.revoked_at is not None
    listing = client.get("/admin/open311/apikey/")
    assert listing.status_code == 200 and key not in listing.content.decode()


def test_revoking_twice_keeps_the_first_time():
    record, _key = api_key_create(name="App")
    first = api_key_revoke(api_key=record).revoked_at
    ApiKey.objects.filter(pk=record.pk).update(active=True)
    record.refresh_from_db()
    api_key_revoke(api_key=record)
    record.refresh_from_db()
    assert record.revoked_at == first and not record.active


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("keys-admin", "k@example.org", "x-Pass-9")
    client.force_login(user)
    return client


def test_the_admin_shows_the_key_once_and_stores_only_its_hash(superuser_client):
    response = superuser_client.post("/admin/open311/apikey/add/",
                                     {"name": "Cổng tỉnh", "active": "on"}, follow=True)
    record = ApiKey.objects.get(name="Cổng tỉnh")
    shown = [str(m) for m in response.context["messages"]]
    keys = [word for m in shown for word in m.split() if word.startswith("o311_")]
    assert len(keys) == 1 and keys[0].startswith(record.prefix)
    key = keys[0]
    assert record.key_hash == hashlib.sha256(key.encode()).hexdigest()
    stored = ApiKey.objects.filter(pk=record.pk).values().get()
    assert key not in [str(value) for value in stored.values()]
    # The next page does not show it again.
    page = superuser_client.get(f"/admin/open311/apikey/{record.pk}/change/")
    assert page.status_code == 200 and key not in page.content.decode()


def test_unticking_active_in_the_admin_revokes_the_key(superuser_client):
    record, key = api_key_create(name="Old app")
    response = superuser_client.post(f"/admin/open311/apikey/{record.pk}/change/",
                                     {"name": "Old app (retired)"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.revoked_at is not None and not record.active
    assert record.name == "Old app (retired)"  # the rest of the edit is kept
    with pytest.raises(PermissionDenied):
        api_key_check(key)


def test_the_admin_action_is_labelled_for_keys_and_keys_are_not_deleted(superuser_client):
    record, _key = api_key_create(name="App")
    for language, label in [("en", "Revoke the selected keys"),
                            ("vi", "Thu hồi các khóa đã chọn")]:
        listing = superuser_client.get("/admin/open311/apikey/",
                                       headers={"accept-language": language})
        assert label in listing.content.decode()
    response = superuser_client.post("/admin/open311/apikey/", {
        "action": "revoke", "_selected_action": [record.pk]}, follow=True,
        headers={"accept-language": "en"})
    assert [str(m) for m in response.context["messages"]] == ["1 keys revoked."]
    record.refresh_from_db()
    assert record.revoked_at is not None
    assert superuser_client.get(f"/admin/open311/apikey/{record.pk}/delete/").status_code == 403
    assert ApiKey.objects.filter(pk=record.pk).exists()
