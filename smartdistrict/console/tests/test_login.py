"""The console's log-in page, log-out, and throttling of repeated failures."""

import pytest
from django.test import Client

from smartdistrict.accounts.models import User
from smartdistrict.console.tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(
        "/console/login/", {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_login_page_is_vietnamese_with_labelled_fields(client):
    response = client.get("/console/login/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert 'for="id_username"' in html and 'for="id_password"' in html
    assert "Đăng nhập" in html
    assert "autofocus" in html


def test_good_credentials_open_the_queue(client):
    response = _login(client, "canbo.binhquoi", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/console/"
    assert client.get("/console/").status_code == 200


def test_next_parameter_is_followed(client, make_report):
    report = make_report()
    url = f"/console/reports/{report.code}"
    response = client.post(
        f"/console/login/?next={url}",
        {"username": "canbo.binhquoi", "password": PASSWORD, "next": url},
    )
    assert response["Location"] == url


def test_wrong_password_is_refused_with_a_message(client):
    response = _login(client, "canbo.binhquoi", "wrong-password")
    assert response.status_code == 200
    assert "sai" in response.content.decode()  # "Tên đăng nhập hoặc mật khẩu sai"
    assert "_auth_user_id" not in client.session


def test_account_without_role_cannot_log_in(client):
    User.objects.create_user("norole", password="a-long-password-1")
    response = _login(client, "norole", "a-long-password-1")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_throttling_refuses_even_the_right_password_after_too_many_failures(client, settings):
    """The console's page goes through the one log-in throttle (accounts.throttle; every
    entrance is tested in accounts/tests/test_login_throttle.py)."""
    settings.LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        _login(client, "canbo.binhquoi", "wrong-password")
    response = _login(client, "canbo.binhquoi", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    html = response.content.decode()
    assert "Quá nhiều lần đăng nhập sai" in html
    assert 'href="/console/login/"' in html
    # Another address, or another username from the same address, is not blocked.
    assert _login(Client(), "canbo.binhquoi", PASSWORD, address="10.0.0.2").status_code == 302
    assert _login(Client(), "canbo.giadinh", PASSWORD).status_code == 302


def test_many_usernames_from_one_address_are_throttled_too(client, settings):
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 4
    for n in range(4):
        _login(client, f"guess{n}", "wrong-password")
    assert _login(client, "canbo.binhquoi", PASSWORD).status_code == 429
    assert _login(Client(), "canbo.binhquoi", PASSWORD, address="10.9.9.9").status_code == 302


def test_a_success_clears_the_count(client, settings):
    settings.LOGIN_MAX_FAILURES = 3
    _login(client, "canbo.binhquoi", "wrong-password")
    _login(client, "canbo.binhquoi", "wrong-password")
    assert _login(Client(), "canbo.binhquoi", PASSWORD).status_code == 302
    _login(client, "canbo.binhquoi", "wrong-password")
    _login(client, "canbo.binhquoi", "wrong-password")
    assert _login(Client(), "canbo.binhquoi", PASSWORD).status_code == 302


def test_logout_is_a_post(officer_client):
    assert officer_client.get("/console/logout/").status_code == 405
    response = officer_client.post("/console/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/console/login/"
    assert officer_client.get("/console/").status_code == 302
