"""Writes of the Open311 adapter: API keys, and a submission (through feedback's intake)."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from smartdistrict.core import shown_once
from smartdistrict.core.errors import PermissionDenied
from smartdistrict.feedback.models import Channel, Report
from smartdistrict.feedback.report_input import ReportInput
from smartdistrict.feedback.services.intake import report_create
from smartdistrict.open311.models import ApiKey, Open311Submission

KEY_PREFIX = "o311_"  # public: marks an Open311 key in logs and lists


def api_key_create(*, name: str) -> tuple[ApiKey, str]:
    """A new key for a client application. Returns (record, the key): the key is not stored."""
    secret = shown_once.new_secret(KEY_PREFIX)
    record = ApiKey.objects.create(
        name=name.strip()[:120], prefix=secret.prefix, key_hash=secret.digest
    )
    return record, secret.raw


def api_key_revoke(*, api_key: ApiKey) -> ApiKey:
    """Refuse the key from now on (the record stays: it tells who sent which report)."""
    return shown_once.revoke(api_key)


def api_key_check(raw: str | None) -> ApiKey:
    """The usable key matching ``raw``, else PermissionDenied (403) naming api_key."""
    raw = (raw or "").strip()
    if not raw:
        raise PermissionDenied(_("An API key is required to submit a request."),
                               field="api_key", code="api_key_missing")
    record = ApiKey.objects.filter(key_hash=shown_once.secret_hash(raw)).first()
    if record is None or not record.usable:
        raise PermissionDenied(_("This API key is not valid or has been revoked."),
                               field="api_key", code="api_key_invalid")
    return record


@dataclass(frozen=True)
class SubmissionResult:
    report: Report
    submission: Open311Submission
    created: bool


def open311_request_create(
    *,
    data: ReportInput,
    api_key: ApiKey,
    address_id: str = "",
    device_id: str = "",
    account_id: str = "",
    media_url: str = "",
) -> SubmissionResult:
    """Create the report through feedback's intake (every rule lives there) and stamp it
    with the key and the protocol's fields. A retry with the same client token (``data``'s
    idempotency key, scoped to the API key) returns the first report."""
    data = replace(data, channel=Channel.OPEN311, client=f"open311:{api_key.id}")
    submission_fields = {
        "api_key": api_key,
        "device_id": device_id.strip()[:100],
        "account_id": account_id.strip()[:100],
        "address_id": address_id.strip()[:40],
        "media_url": media_url.strip()[:500],
        "token": secrets.token_urlsafe(18),
    }

    # Stored by feedback's write with the report (on PostgreSQL its one statement).
    submission = Open311Submission(**submission_fields)
    report, created = report_create(data=data, attached=[submission])
    if not created:  # a retry with the same client token: the first report's stamp
        submission, _new = Open311Submission.objects.get_or_create(
            report=report, defaults=submission_fields
        )
    return SubmissionResult(report=report, submission=submission, created=created)


def submissions_personal_data_purge(*, report_ids: Sequence[int]) -> tuple[str, int]:
    """A PERSONAL_DATA_PURGE_HOOKS hook: the device and account ids Open311 clients sent
    with these reports (they identify a phone or a person in the client's system)."""
    cleared = (
        Open311Submission.objects.filter(report_id__in=report_ids)
        .exclude(device_id="", account_id="")
        .update(device_id="", account_id="")
    )
    return _("Open311 device and account ids cleared"), cleared
