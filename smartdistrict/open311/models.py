"""Open311 client applications (API keys) and what each submission brought besides the report.

The report itself is a feedback Report created by feedback's intake service; this app
only records which key created it and the protocol's own fields (device, account, token).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from smartdistrict.core.models import ShownOnceSecret
from smartdistrict.feedback.models import Report


class ApiKey(ShownOnceSecret):
    """A client application's key. Only its SHA-256 is stored; the key is shown once."""

    name = models.CharField(_("application"), max_length=120)
    prefix = models.CharField(_("key prefix"), max_length=16, editable=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("Open311 API key")
        verbose_name_plural = _("Open311 API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class Open311Submission(models.Model):
    """The Open311 side of a report created through POST requests.{fmt}."""

    report = models.OneToOneField(
        Report, models.CASCADE, related_name="open311_submission", verbose_name=_("report")
    )
    api_key = models.ForeignKey(
        ApiKey, models.PROTECT, related_name="submissions", verbose_name=_("Open311 API key")
    )
    device_id = models.CharField(_("device id"), max_length=100, blank=True)
    account_id = models.CharField(_("account id"), max_length=100, blank=True)
    address_id = models.CharField(_("address id"), max_length=40, blank=True)
    media_url = models.URLField(_("media URL"), max_length=500, blank=True)
    token = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Open311 submission")
        verbose_name_plural = _("Open311 submissions")

    def __str__(self) -> str:
        return f"{self.report_id} via {self.api_key_id}"
