"""Downloads built in the background: owner only, shared storage, failure, expiry."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import TestCase
from django.utils import timezone

from smartdistrict.accounts.models import User
from smartdistrict.core.downloads.services import (
    download_request,
    downloads_purge,
    private_storage,
)
from smartdistrict.core.models import Download, DownloadStatus

pytestmark = pytest.mark.django_db


def build_text(download, output) -> int:
    output.progress(50, "half")
    with output.file("hello.txt", "text/plain") as handle:
        handle.write(download.params["text"].encode())
    return 1


def build_failing(download, output) -> int:
    with output.file("partial.txt", "text/plain") as handle:
        handle.write(b"x")
    raise RuntimeError("the builder broke")


def _request(builder: str, owner: User | None, text: str = "xin chào") -> Download:
    with TestCase.captureOnCommitCallbacks(execute=True):
        made = download_request(kind="test", builder=f"{__name__}.{builder}",
                                params={"text": text}, owner_id=owner.id if owner else None)
    made.refresh_from_db()
    return made


def test_only_its_owner_may_fetch_a_private_download(client):
    owner, other = User.objects.get(username="lanhdao"), User.objects.get(username="tongdai")
    made = _request("build_text", owner)
    assert made.status == DownloadStatus.DONE and made.rows == 1 and made.progress == 100
    assert private_storage().exists(made.files[0]["name"])
    url = f"/downloads/{made.id}/hello.txt"
    assert client.get(url).status_code == 404
    client.force_login(other)
    assert client.get(url).status_code == 404
    assert client.get(f"/downloads/{made.id}").status_code == 404
    client.force_login(owner)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == \
        "xin chào".encode()
    assert client.get(f"/downloads/{made.id}/other.txt").status_code == 404


def test_a_public_download_is_shared_and_built_once(client):
    first = _request("build_text", None)
    again = _request("build_text", None)
    assert first.id == again.id
    assert client.get(f"/downloads/{first.id}/hello.txt").status_code == 200


def test_a_failed_build_is_recorded_and_leaves_no_file(client):
    made = _request("build_failing", None)
    assert made.status == DownloadStatus.FAILED and "broke" in made.error
    assert not private_storage().exists(f"downloads/{made.id}/partial.txt")
    html = client.get(f"/downloads/{made.id}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "could not be prepared" in html
    assert _request("build_failing", None).id != made.id  # asking again builds again


def test_a_pending_download_page_refreshes_itself(client):
    made = download_request(kind="test", builder=f"{__name__}.build_text",
                            params={"text": "x"}, owner_id=None)  # never committed: pending
    html = client.get(f"/downloads/{made.id}").content.decode()
    assert 'http-equiv="refresh"' in html and 'data-status="pending"' in html


def test_expired_downloads_and_their_files_are_purged(client):
    made = _request("build_text", None)
    name = made.files[0]["name"]
    assert downloads_purge() == 0
    assert downloads_purge(now=timezone.now() + dt.timedelta(days=2)) == 1
    assert not private_storage().exists(name) and not Download.objects.exists()
