"""A resident's request to see or erase the personal data the platform holds about them.

The personal data protection law (Law 91/2025/QH15, detailed by Decree 356/2025/NĐ-CP,
which replaced Decree 13/2023/NĐ-CP on 1 January 2026) gives a data subject the right to
see and to have erased their data, and the controller a short time to answer. The request
is registered by staff (a resident calls, writes or comes in), answered within
DATA_REQUEST_ANSWER_WORKING_DAYS working days on the jurisdiction's calendar, and every
step is logged, so the answer can be shown to an inspector.

The request itself holds the requester's contact: that is the proof of what was asked and
done, kept as the law's record rather than as report data (the purge does not touch it).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from smartdistrict.feedback.models.reports import Report


class DataRequestKind(models.TextChoices):
    ACCESS = "access", _("see their data")
    ERASURE = "erasure", _("erase their data")


class DataRequestStatus(models.TextChoices):
    OPEN = "open", _("open")
    ANSWERED = "answered", _("answered")
    REFUSED = "refused", _("refused")


class DataRequest(models.Model):
    kind = models.CharField(_("request"), max_length=10, choices=DataRequestKind.choices)
    requester_name = models.CharField(_("requester's name"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    details = models.TextField(_("what was asked"), blank=True)
    received_at = models.DateTimeField(_("received"))
    due_at = models.DateTimeField(_("answer due"))
    status = models.CharField(_("status"), max_length=10, choices=DataRequestStatus.choices,
                              default=DataRequestStatus.OPEN)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    reports = models.ManyToManyField(Report, blank=True, related_name="data_requests",
                                     verbose_name=_("reports"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        indexes = [models.Index(fields=["status", "due_at"], name="data_request_status_due")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class DataRequestAction(models.TextChoices):
    REGISTERED = "registered", _("registered")
    REPORTS_ADDED = "reports_added", _("reports added")
    EXPORTED = "exported", _("data exported")
    ERASED = "erased", _("data erased")
    ANSWERED = "answered", _("answered")
    REFUSED = "refused", _("refused")


class DataRequestEntry(models.Model):
    """One step of a request's log. Never edited or deleted."""

    request = models.ForeignKey(DataRequest, models.CASCADE, related_name="entries")
    action = models.CharField(max_length=15, choices=DataRequestAction.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    download_id = models.UUIDField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("personal data request step")
        verbose_name_plural = _("personal data request steps")

    def __str__(self) -> str:
        return f"{self.action} #{self.request_id}"
