"""Asking for a download, building it, and removing expired ones.

An app offers an export by writing a builder, ``build(download, output) -> rows``, that
reads ``download.params``, writes its files with ``output.file(...)`` and reports progress
with ``output.progress(...)``; its view calls ``download_request`` with the builder's
dotted path and redirects to the download's page (core.downloads.views).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from huey.contrib.djhuey import db_task

from smartdistrict.core.errors import NotFound
from smartdistrict.core.models import Download, DownloadStatus

log = logging.getLogger(__name__)


def private_storage() -> Storage:
    """The storage of files only the app hands out (STORAGES["private"]): briefs, exports,
    workbooks waiting for their commit. A shared folder or object storage in production."""
    return storages["private"]


def _key(kind: str, params: dict, owner_id: int | None, language: str) -> str:
    text = json.dumps([kind, params, owner_id, language], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def download_request(*, kind: str, builder: str, params: dict[str, Any],
                     owner_id: int | None, language: str | None = None,
                     keep: dt.timedelta | None = None) -> Download:
    """The download of these parameters: one already asked for and not failed or expired
    (so a double click, or the same public export asked by many, is built once), or a new
    one queued after the commit. ``owner_id`` None: anyone with the link may fetch it."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    key = _key(kind, params, owner_id, language)
    now = timezone.now()
    existing = (
        Download.objects.filter(params_key=key, expires_at__gt=now)
        .exclude(status=DownloadStatus.FAILED).order_by("-created_at").first()
    )
    if existing is not None:
        return existing
    keep = keep or dt.timedelta(hours=settings.DOWNLOAD_KEEP_HOURS)
    with transaction.atomic():
        download = Download.objects.create(
            kind=kind, builder=builder, params=params, params_key=key, owner_id=owner_id,
            language=language, expires_at=now + keep,
        )
        transaction.on_commit(lambda: download_build_job(str(download.id)))
    return download


def download_for(download_id, user) -> Download:
    """The download if ``user`` may fetch it (its owner, or anyone for a public one)."""
    download = Download.objects.filter(id=download_id, expires_at__gt=timezone.now()).first()
    if download is None or (
        download.owner_id is not None and download.owner_id != getattr(user, "id", None)
    ):
        raise NotFound(code="download_not_found")
    return download


class Output:
    """What a builder writes through: files into the private storage, and its progress."""

    def __init__(self, download: Download):
        self.download = download
        self.files: list[dict[str, str]] = []

    def progress(self, percent: int, step: str = "") -> None:
        Download.objects.filter(id=self.download.id).update(
            progress=max(0, min(99, int(percent))), step=str(step)[:100]
        )

    @contextlib.contextmanager
    def file(self, filename: str, content_type: str) -> Iterator[IO[bytes]]:
        """A local temporary file to write; stored under downloads/<id>/ when the block ends."""
        with tempfile.TemporaryFile() as handle:
            yield handle
            handle.seek(0)
            name = private_storage().save(f"downloads/{self.download.id}/{filename}",
                                          File(handle))
        self.files.append({"name": name, "filename": filename, "content_type": content_type})


def download_build(*, download_id: str) -> Download:
    """Run the builder (a Huey job); a failure is recorded, never raised to the queue (a
    retry would only fail the same way; the page offers to ask again)."""
    download = Download.objects.get(id=download_id)
    if download.status not in (DownloadStatus.PENDING, DownloadStatus.RUNNING):
        return download
    Download.objects.filter(id=download.id).update(status=DownloadStatus.RUNNING)
    output = Output(download)
    try:
        with translation.override(download.language):
            rows = import_string(download.builder)(download, output)
    except Exception as error:
        log.exception("download %s (%s) failed", download.id, download.kind)
        _delete_files(output.files)
        download.status, download.error = DownloadStatus.FAILED, str(error)[:500]
        download.finished_at = timezone.now()
        download.save(update_fields=["status", "error", "finished_at"])
        return download
    download.files, download.rows = output.files, rows
    download.status, download.progress, download.step = DownloadStatus.DONE, 100, ""
    download.finished_at = timezone.now()
    download.save(update_fields=["files", "rows", "status", "progress", "step", "finished_at"])
    return download


def _delete_files(files: list[dict]) -> None:
    storage = private_storage()
    for entry in files:
        with contextlib.suppress(FileNotFoundError, OSError):
            storage.delete(entry["name"])


def downloads_purge(*, now: dt.datetime | None = None) -> int:
    """Delete expired downloads and their files; returns how many."""
    expired = list(Download.objects.filter(expires_at__lte=now or timezone.now()))
    for download in expired:
        _delete_files(download.files)
    Download.objects.filter(id__in=[d.id for d in expired]).delete()
    return len(expired)


@db_task(retries=0)
def download_build_job(download_id: str) -> None:
    """The queued form of ``download_build`` (listed in core.tasks for the consumer)."""
    download_build(download_id=download_id)
