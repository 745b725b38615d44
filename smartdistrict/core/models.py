"""Administrator overrides of the working-time calendar (core.calendar).

The ``holidays`` package knows the law and the government's swap days; a district also
closes for a typhoon or an election and works the occasional Saturday. Each such day is
one row here, and it wins over the package.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _


class OverrideKind(models.TextChoices):
    DAY_OFF = "day_off", _("extra day off")
    WORKING_DAY = "working_day", _("make-up working day")


class CalendarOverrideQuerySet(models.QuerySet):
    def version(self) -> tuple:
        """A cheap fingerprint of the rows: it changes on every create, edit and delete."""
        state = self.aggregate(n=Count("id"), last_id=Max("id"), last_change=Max("updated_at"))
        return (state["n"], state["last_id"], state["last_change"])

    def days_off(self) -> CalendarOverrideQuerySet:
        return self.filter(kind=OverrideKind.DAY_OFF)

    def working_days(self) -> CalendarOverrideQuerySet:
        return self.filter(kind=OverrideKind.WORKING_DAY)


class CalendarOverride(models.Model):
    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OverrideKind.choices)
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("Why, e.g. the decision's number.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Edits must change the cache fingerprint too (see CalendarOverrideQuerySet.version).
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CalendarOverrideQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.get_kind_display()}"


class ShownOnceSecret(models.Model):
    """The fields of a secret shown once (smartdistrict.core.shown_once): only the SHA-256
    is stored, so the secret cannot be read back; ``prefix`` (declared by each model, with
    its own label) is the part kept in clear to tell records apart."""

    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def usable(self) -> bool:
        """Whether the secret is still accepted: active and never revoked."""
        return self.active and self.revoked_at is None


class ConfigVersion(models.Model):
    """A counter per cached configuration (geography, feedback configuration…).

    Writers bump it in the same transaction as their change; each process compares it
    with the version its cache was built from and reloads only when it moved, so a
    cache costs one indexed read per check instead of a reload on a timer.
    """

    name = models.CharField(max_length=40, primary_key=True)
    version = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("configuration version")
        verbose_name_plural = _("configuration versions")

    def __str__(self) -> str:
        return f"{self.name}: {self.version}"


class DownloadStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    RUNNING = "running", _("being built")
    DONE = "done", _("ready")
    FAILED = "failed", _("failed")


class Download(models.Model):
    """A file built in the background (an export, a workbook) for one user or for anyone
    with its link, kept in the private storage (shared by every host) until it expires.

    ``builder`` is the dotted path of the function that writes it (set by code, never by a
    request); ``owner_id`` a user id as a plain integer (core depends on no app), None for
    public data."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=40)
    builder = models.CharField(max_length=200)
    params = models.JSONField(default=dict)
    params_key = models.CharField(max_length=64, db_index=True)
    owner_id = models.BigIntegerField(null=True, blank=True)
    language = models.CharField(max_length=10, default="vi")
    status = models.CharField(max_length=10, choices=DownloadStatus.choices,
                              default=DownloadStatus.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    step = models.CharField(max_length=100, blank=True)
    files = models.JSONField(default=list, blank=True)  # [{name, filename, content_type}]
    rows = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("download")
        verbose_name_plural = _("downloads")

    def __str__(self) -> str:
        return f"{self.kind} {self.id} ({self.status})"


class PeriodicRun(models.Model):
    """One run of a periodic job for one period (its schedule's minute): the row is the
    lock that lets only the first of N consumers that queued it run it (core.periodic)."""

    task = models.CharField(max_length=150)
    slot = models.DateTimeField()  # the scheduled minute, in Huey's clock
    task_id = models.CharField(max_length=64)
    consumer = models.CharField(max_length=200, blank=True)  # host:pid
    started_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "slot"], name="periodic_run_once")
        ]
        verbose_name = _("periodic job run")
        verbose_name_plural = _("periodic job runs")

    def __str__(self) -> str:
        return f"{self.task} @ {self.slot:%Y-%m-%d %H:%M}"
