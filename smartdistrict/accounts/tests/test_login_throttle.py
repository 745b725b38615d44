"""One log-in throttle in front of every entrance: the console, the admin, the API's
browsable log-in and HTTP Basic. After N failures on any of them the right password is
refused on all of them until the lock-out ends; then it is accepted again."""

from __future__ import annotations

import base64
import time

import pytest
from django.test import Client

from smartdistrict.accounts import throttle
from smartdistrict.demo.data import DEMO_PASSWORD

pytestmark = pytest.mark.django_db

USERNAME = "admin"  # the demo administrator may use every entrance
ADDRESS = "10.1.1.1"
ENTRANCES = ["console", "admin", "api-auth", "basic"]


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.ROOT_URLCONF = "smartdistrict.accounts.tests.urls_basic"
    settings.LOGIN_MAX_FAILURES = 3
    settings.LOGIN_MAX_FAILURES_PER_ACCOUNT = 20
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 50
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 600
    settings.LOGIN_LOCKOUT_SECONDS = 600


@pytest.fixture
def clock(monkeypatch):
    """Moves the clock that the throttle and the cache read (``time.time``) forward on
    demand. The tests below once slept past one-second windows; on a loaded machine three
    log-ins (an Argon2 hash each) took longer than the window itself, so the count never
    reached its limit. Now windows last minutes and the test jumps over them."""
    real = time.time
    offset = [0.0]
    monkeypatch.setattr(time, "time", lambda: real() + offset[0])

    def advance(seconds: float) -> None:
        offset[0] += seconds

    return advance


def attempt(entrance: str, password: str, *, username: str = USERNAME,
            address: str = ADDRESS, language: str | None = None):
    """One log-in attempt on ``entrance`` from ``address``, in a fresh browser."""
    client = Client(HTTP_ACCEPT_LANGUAGE=language) if language else Client()
    form = {"username": username, "password": password}
    if entrance == "console":
        return client.post("/console/login/", form, REMOTE_ADDR=address)
    if entrance == "admin":
        return client.post("/admin/login/", {**form, "next": "/admin/"}, REMOTE_ADDR=address)
    if entrance == "api-auth":
        return client.post("/api-auth/login/", {**form, "next": "/api/v1/categories"},
                           REMOTE_ADDR=address)
    token = base64.b64encode(f"{username}:{password}".encode()).decode()
    return client.get("/api/v1/test-basic-auth", HTTP_AUTHORIZATION=f"Basic {token}",
                      REMOTE_ADDR=address)


def accepted(entrance: str, response) -> bool:
    if entrance == "basic":
        return response.status_code == 200 and response.json()["username"] == USERNAME
    return response.status_code == 302 and "_auth_user_id" in response.client.session


def assert_locked_out(response) -> None:
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "_auth_user_id" not in response.client.session
    text = response.content.decode()
    assert "Quá nhiều lần đăng nhập sai" in text  # Vietnamese by default


@pytest.mark.parametrize("entrance", ENTRANCES)
def test_the_right_password_is_accepted_on_every_entrance(entrance):
    assert accepted(entrance, attempt(entrance, DEMO_PASSWORD))


@pytest.mark.parametrize("entrance", ENTRANCES)
def test_failures_on_one_entrance_lock_every_entrance_until_the_lockout_ends(entrance, settings,
                                                                           clock):
    settings.LOGIN_LOCKOUT_SECONDS = 60
    for _ in range(2):
        response = attempt(entrance, "wrong-password")
        assert not accepted(entrance, response) and response.status_code != 429
    assert_locked_out(attempt(entrance, "wrong-password"))  # the third starts the lock-out
    for other in ENTRANCES:
        assert_locked_out(attempt(other, DEMO_PASSWORD))
    clock(61)  # the real cache's lock-out expires
    assert accepted(entrance, attempt(entrance, DEMO_PASSWORD))


def test_the_lockout_lasts_its_setting_not_the_failure_window(settings, clock):
    settings.LOGIN_FAILURE_WINDOW_SECONDS = 30
    settings.LOGIN_LOCKOUT_SECONDS = 600
    for _ in range(3):
        attempt("admin", "wrong-password")
    clock(31)  # the failure window is over, the lock-out is not
    response = attempt("console", DEMO_PASSWORD)
    assert_locked_out(response)
    assert 600 - 31 - 10 <= int(response["Retry-After"]) <= 600 - 31


def test_the_basic_entrance_answers_json_in_the_request_language():
    for _ in range(3):
        attempt("basic", "wrong-password")
    response = attempt("basic", DEMO_PASSWORD, language="en")
    assert response.status_code == 429
    assert response.json()["code"] == "login_locked"
    assert response.json()["detail"].startswith("Too many failed log-in attempts")
    assert response.json()["retry_after"] == int(response["Retry-After"])


def test_the_lockout_page_is_translated_to_english_when_asked():
    for _ in range(3):
        attempt("console", "wrong-password")
    response = attempt("admin", DEMO_PASSWORD, language="en")
    assert response.status_code == 429
    assert "Too many failed log-in attempts. Try again in 10 minutes." in (
        response.content.decode()
    )


def test_another_address_or_another_account_is_not_locked_by_one_pair():
    for _ in range(3):
        attempt("console", "wrong-password")
    assert accepted("admin", attempt("admin", DEMO_PASSWORD, address="10.2.2.2"))
    assert accepted("console", attempt("console", DEMO_PASSWORD, username="canbo.binhquoi"))


def test_one_account_guessed_from_many_addresses_is_locked_everywhere(settings):
    settings.LOGIN_MAX_FAILURES_PER_ACCOUNT = 4
    for n in range(4):
        attempt("admin", "wrong-password", address=f"10.3.3.{n}")
    assert_locked_out(attempt("console", DEMO_PASSWORD, address="10.9.9.9"))
    assert accepted("console", attempt("console", DEMO_PASSWORD, username="canbo.binhquoi"))


def test_the_account_limit_can_be_switched_off(settings):
    settings.LOGIN_MAX_FAILURES_PER_ACCOUNT = 0
    for n in range(6):
        attempt("admin", "wrong-password", address=f"10.3.3.{n}")
    assert accepted("console", attempt("console", DEMO_PASSWORD, address="10.9.9.9"))


def test_many_accounts_guessed_from_one_address_lock_that_address(settings):
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 4
    for n in range(4):
        attempt("api-auth", "wrong-password", username=f"guess{n}")
    assert_locked_out(attempt("console", DEMO_PASSWORD, username="canbo.binhquoi"))
    assert accepted("console", attempt("console", DEMO_PASSWORD, username="canbo.binhquoi",
                                       address="10.4.4.4"))


def test_account_names_are_counted_folded():
    for name in ("Admin", "ADMIN", "admin"):
        attempt("admin", "wrong-password", username=name)
    assert_locked_out(attempt("admin", DEMO_PASSWORD))


def test_a_success_clears_the_accounts_count():
    for _ in range(2):
        attempt("console", "wrong-password")
    assert accepted("console", attempt("console", DEMO_PASSWORD))
    for _ in range(2):
        attempt("console", "wrong-password")
    assert accepted("admin", attempt("admin", DEMO_PASSWORD))


def test_refused_attempts_during_a_lockout_do_not_prolong_it(settings, clock):
    settings.LOGIN_LOCKOUT_SECONDS = 60
    for _ in range(3):
        attempt("console", "wrong-password")
    clock(30)
    assert_locked_out(attempt("console", "wrong-password"))
    clock(31)  # 61 s after the lock began: had the refusal prolonged it, still locked
    assert accepted("console", attempt("console", DEMO_PASSWORD))


def test_an_administrator_can_lift_a_lock():
    for _ in range(3):
        attempt("console", "wrong-password")
    throttle.unlock(username="ADMIN")
    assert accepted("console", attempt("console", DEMO_PASSWORD))


def test_behind_a_trusted_proxy_the_forwarded_address_is_counted(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(3):
        Client().post("/console/login/", {"username": USERNAME, "password": "wrong"},
                      REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.0.0.1")
    # Same proxy, another client: not locked. The locked client: locked.
    ok = Client().post("/console/login/", {"username": USERNAME, "password": DEMO_PASSWORD},
                       REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.0.0.2")
    assert ok.status_code == 302
    locked = Client().post("/console/login/", {"username": USERNAME, "password": DEMO_PASSWORD},
                           REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="9.9.9.9, 10.0.0.1")
    assert locked.status_code == 429


@pytest.mark.service
def test_the_throttle_counts_in_redis_shared_by_every_process(redis_cache):
    """Production keeps the counts in Redis: the lock set through one cache connection
    is seen through another (as another host would)."""
    for _ in range(3):
        attempt("admin", "wrong-password")
    redis_cache.close()  # drop the connection: the next attempt opens a new one
    assert_locked_out(attempt("console", DEMO_PASSWORD))


def test_the_unlock_command_lifts_an_address_lock(settings):
    from django.core.management import CommandError, call_command

    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 3
    for n in range(3):
        attempt("console", "wrong-password", username=f"guess{n}")
    assert_locked_out(attempt("console", DEMO_PASSWORD))
    call_command("login_unlock", address=ADDRESS)
    assert accepted("console", attempt("console", DEMO_PASSWORD))
    with pytest.raises(CommandError):
        call_command("login_unlock")
    with pytest.raises(CommandError):
        call_command("login_unlock", address="not-an-address")


def test_an_ipv6_client_is_counted_by_its_64_network(settings):
    settings.LOGIN_MAX_FAILURES_PER_ADDRESS = 3
    for n in range(3):
        attempt("console", "wrong-password", username=f"guess{n}", address=f"2001:db8:1:2::{n}")
    assert_locked_out(attempt("console", DEMO_PASSWORD, address="2001:db8:1:2:ffff::1"))
    assert accepted("console", attempt("console", DEMO_PASSWORD, address="2001:db8:1:3::1"))
