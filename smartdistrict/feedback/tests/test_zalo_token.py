"""The Zalo OA token renews itself (docs/channels.md, "Zalo tokens"), against a stand-in of
Zalo that issues tokens, expires them (-216) and spends each refresh token once."""

from __future__ import annotations

import datetime as dt
import logging
import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from smartdistrict.core.testing.standin import StandIn
from smartdistrict.feedback.channels import DeliveryRefused, Kind, Message
from smartdistrict.feedback.channels.zalo import ZaloChannel
from smartdistrict.feedback.channels.zalo_token import (
    REFUSED_WAIT,
    zalo_access_token,
    zalo_token_refresh,
    zalo_token_row,
)
from smartdistrict.feedback.models import Channel, ReportConversation, ZaloToken
from smartdistrict.feedback.tasks import refresh_zalo_token
from smartdistrict.feedback.tests.zalo_standin import TOKEN_PATH, ZaloFake

APP_ID, APP_SECRET, USER = "3608465249409039", "app-secret-key", "24684588352"
FIRST_ACCESS, FIRST_REFRESH = "first-access-token-AAAA", "first-refresh-token-RRRR"


@pytest.fixture
def zalo(settings):
    fake = ZaloFake(app_id=APP_ID, secret_key=APP_SECRET, access_token=FIRST_ACCESS,
                    refresh_token=FIRST_REFRESH)
    with StandIn(fake) as server:
        settings.ZALO_APP_ID, settings.ZALO_APP_SECRET_KEY = APP_ID, APP_SECRET
        settings.ZALO_OA_ACCESS_TOKEN, settings.ZALO_OA_REFRESH_TOKEN = (FIRST_ACCESS,
                                                                         FIRST_REFRESH)
        settings.ZALO_API_URL = settings.ZALO_OAUTH_URL = server.url
        server.fake = fake
        yield server


def every_token(fake: ZaloFake) -> set[str]:
    return ({FIRST_ACCESS, FIRST_REFRESH} | {t for pair in fake.issued for t in pair})


def assert_no_token_in(text: str, fake: ZaloFake) -> None:
    for token in every_token(fake):
        assert token not in text


@pytest.mark.django_db
def test_the_job_renews_a_token_before_it_expires_and_only_then(zalo):
    fake = zalo.fake
    refresh_zalo_token.call_local()  # seeded from settings, expiry unknown: renewed
    row = ZaloToken.objects.get()
    [(access, refresh)] = fake.issued
    assert (row.access_token, row.refresh_token) == (access, refresh)
    [asked] = zalo.to(TOKEN_PATH)
    assert asked.method == "POST" and asked.headers["secret_key"] == APP_SECRET
    assert asked.headers["content-type"] == "application/x-www-form-urlencoded"
    assert {k: v[0] for k, v in asked.form().items()} == {
        "app_id": APP_ID, "grant_type": "refresh_token", "refresh_token": FIRST_REFRESH}
    # Zalo's expires_in: 90000 seconds, 25 hours.
    assert abs((row.expires_at - row.refreshed_at) - dt.timedelta(seconds=90000)) \
        < dt.timedelta(seconds=1)

    refresh_zalo_token.call_local()  # 25 hours left: nothing asked
    assert len(zalo.to(TOKEN_PATH)) == 1

    ZaloToken.objects.update(expires_at=timezone.now() + dt.timedelta(minutes=90))
    refresh_zalo_token.call_local()  # due within two hours: renewed with the new token
    assert len(zalo.to(TOKEN_PATH)) == 2
    assert zalo.to(TOKEN_PATH)[1].form()["refresh_token"] == [refresh]
    assert ZaloToken.objects.get().access_token == fake.issued[1][0]
    assert fake.refused_refresh == []


@pytest.mark.django_db
def test_an_expired_token_is_renewed_and_the_message_sent_once_more(zalo, make_report):
    fake = zalo.fake
    report = make_report()
    ReportConversation.objects.create(report=report, channel=Channel.ZALO, address=USER)
    fake.expire(FIRST_ACCESS)  # Zalo ended it before our schedule did
    message_id = ZaloChannel().send_text(USER, "Phản ánh đã được xử lý")
    [(access, _refresh)] = fake.issued
    assert message_id == "m1" and fake.delivered[0][0] == access
    sends = zalo.to("/v3.0/oa/message/cs")
    assert [r.headers["access_token"] for r in sends] == [FIRST_ACCESS, access]
    assert ZaloToken.objects.get().access_token == access

    # A token Zalo refuses again right after a renewal is not renewed in a loop.
    fake.expire(access)
    fake.refresh_error = -14014
    with pytest.raises(DeliveryRefused) as refused:
        ZaloChannel().send(Message(subject="s", body="b", report_code=report.code,
                                   kind=Kind.STATUS))
    assert refused.value.code == "-216"
    assert len(zalo.to(TOKEN_PATH)) == 2


@pytest.mark.django_db
def test_a_spent_refresh_token_is_refused_and_never_used_twice(zalo):
    fake = zalo.fake
    zalo_token_refresh(force=True)
    zalo_token_refresh(force=True)
    spent = [r.form()["refresh_token"][0] for r in zalo.to(TOKEN_PATH)]
    assert len(spent) == len(set(spent)) == 2 and fake.refused_refresh == []
    # The stand-in refuses a reused one, as Zalo does:
    ZaloToken.objects.update(refresh_token=FIRST_REFRESH)
    row = zalo_token_refresh(force=True)
    assert fake.refused_refresh == [FIRST_REFRESH] and row.last_error == "-14014"
    # A worker that saw -216 with a token already renewed by another asks nothing.
    before = len(zalo.to(TOKEN_PATH))
    zalo_token_refresh(spent="an-older-access-token")
    assert len(zalo.to(TOKEN_PATH)) == before


@pytest.mark.django_db
def test_a_failed_refresh_keeps_the_old_token_is_shown_and_logs_no_token(
        zalo, client, caplog, admin_client):
    fake = zalo.fake
    fake.refresh_error = -14002
    caplog.set_level(logging.DEBUG)
    refresh_zalo_token.call_local()
    row = ZaloToken.objects.get()
    assert (row.access_token, row.refresh_token) == (FIRST_ACCESS, FIRST_REFRESH)
    assert row.last_error == "-14002" and row.last_error_at is not None
    assert zalo_access_token() == FIRST_ACCESS  # still sent with until Zalo refuses it

    state = client.get("/readyz").json()["zalo"]
    assert state["ok"] is True  # Zalo must not take the web hosts out of rotation
    assert state["degraded"] is True and state["last_error"] == "-14002"
    page = admin_client.get(f"/admin/feedback/zalotoken/{row.pk}/change/")
    assert page.status_code == 200 and "-14002" in page.content.decode()
    assert_no_token_in(page.content.decode(), fake)
    assert "-14002" in caplog.text
    assert_no_token_in(caplog.text, fake)

    fake.refresh_error = None  # Zalo answers again: the error is cleared
    ZaloToken.objects.update(last_error_at=timezone.now() - REFUSED_WAIT)  # waited
    refresh_zalo_token.call_local()
    assert ZaloToken.objects.get().last_error == ""
    assert client.get("/readyz").json()["zalo"]["degraded"] is False
    assert_no_token_in(caplog.text, fake)


@pytest.mark.django_db
def test_a_refused_refresh_token_is_not_sent_again_every_ten_minutes(zalo, make_report):
    fake = zalo.fake
    fake.refresh_error = -14014  # expired after three months unused, say
    refresh_zalo_token.call_local()
    assert fake.refused_refresh == [FIRST_REFRESH]
    refresh_zalo_token.call_local()  # the next runs within the hour ask nothing
    refresh_zalo_token.call_local()
    report = make_report()
    ReportConversation.objects.create(report=report, channel=Channel.ZALO, address=USER)
    fake.expire(FIRST_ACCESS)
    with pytest.raises(DeliveryRefused):  # a -216 does not ask either
        ZaloChannel().send(Message(subject="s", body="b", report_code=report.code,
                                   kind=Kind.STATUS))
    assert len(zalo.to(TOKEN_PATH)) == 1
    assert ZaloToken.objects.get().last_error == "-14014"

    ZaloToken.objects.update(last_error_at=timezone.now() - REFUSED_WAIT)
    refresh_zalo_token.call_local()  # an hour later: asked once more
    assert fake.refused_refresh == [FIRST_REFRESH, FIRST_REFRESH]
    fake.refresh_error = None
    zalo_token_refresh(force=True)  # the operator's --refresh asks at once
    assert len(zalo.to(TOKEN_PATH)) == 3 and ZaloToken.objects.get().last_error == ""


@pytest.mark.django_db
def test_a_network_error_is_not_a_refusal_and_is_retried_at_the_next_run(zalo, settings):
    settings.ZALO_OAUTH_URL = "http://127.0.0.1:9"  # nothing listens there
    refresh_zalo_token.call_local()
    assert ZaloToken.objects.get().last_error == "ConnectionError"
    settings.ZALO_OAUTH_URL = zalo.url
    refresh_zalo_token.call_local()
    row = ZaloToken.objects.get()
    assert row.last_error == "" and row.access_token == zalo.fake.issued[0][0]


@pytest.mark.django_db
def test_the_command_stores_a_refresh_token_and_prints_none(zalo, capsys, monkeypatch):
    import io

    fake = zalo.fake
    fake.valid_refresh.add("console-refresh-token-CCCC")
    monkeypatch.setattr("sys.stdin", io.StringIO("console-refresh-token-CCCC\n"))
    call_command("zalo_token", "--refresh-token", "-")
    out = capsys.readouterr().out
    row = ZaloToken.objects.get()
    assert "console-refresh-token-CCCC" in fake.spent_refresh
    assert row.access_token == fake.issued[-1][0] and row.last_error == ""
    assert_no_token_in(out, fake) and "CCCC" not in out
    fake.refresh_error = -14014
    with pytest.raises(CommandError):
        call_command("zalo_token", "--refresh")
    assert ZaloToken.objects.get().access_token == row.access_token


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_spend_the_refresh_token_once(zalo):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite: the test with worker processes below covers it")
    zalo_token_row()
    start = threading.Barrier(4)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            zalo_token_refresh(spent=FIRST_ACCESS)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert len(zalo.to(TOKEN_PATH)) == 1 and zalo.fake.refused_refresh == []
    assert ZaloToken.objects.get().access_token == zalo.fake.issued[0][0]


WORKER = """
import os, sys, time
import django
django.setup()
from django.db import connection
from smartdistrict.feedback.channels.zalo_token import zalo_token_refresh, zalo_token_row
from smartdistrict.feedback.models import ZaloToken
if sys.argv[1] == "setup":
    with connection.schema_editor() as editor:
        editor.create_model(ZaloToken)
    zalo_token_row()
else:
    time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
    zalo_token_refresh(spent=sys.argv[3])
"""


def test_worker_processes_on_one_sqlite_file_spend_the_refresh_token_once(zalo, tmp_path):
    """The deployment's SQLite path: separate processes (job consumers) on one database
    file, each refusing the same access token at once; the IMMEDIATE transaction lets one
    renew while the others wait, then find the row renewed."""
    import os
    import subprocess
    import sys
    import time

    zalo.fake.refresh_delay = 1.0  # the first holds the lock while the others arrive
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "smartdistrict.settings",
           "DATABASE_URL": f"sqlite:///{tmp_path / 'workers.sqlite3'}",
           "ZALO_APP_ID": APP_ID, "ZALO_APP_SECRET_KEY": APP_SECRET,
           "ZALO_OA_ACCESS_TOKEN": FIRST_ACCESS, "ZALO_OA_REFRESH_TOKEN": FIRST_REFRESH,
           "ZALO_OAUTH_URL": zalo.url, "ZALO_API_URL": zalo.url}

    def run(*args: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-c", WORKER, *args], env=env,  # noqa: S603
                                stderr=subprocess.PIPE, text=True)

    assert run("setup").wait(timeout=60) == 0
    start = str(time.time() + 4)
    workers = [run("refresh", start, FIRST_ACCESS) for _ in range(3)]
    failures = [w.stderr.read() for w in workers if w.wait(timeout=90) != 0]
    assert failures == []
    assert len(zalo.to(TOKEN_PATH)) == 1 and zalo.fake.refused_refresh == []
