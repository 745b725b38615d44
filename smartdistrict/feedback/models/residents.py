"""What residents leave beside their reports: "this is my problem too" (one per browser or
resident) and the reasons staff choose from when they refuse a report."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from smartdistrict.feedback.models.reports import Report


class Support(models.Model):
    """One "this is my problem too": stored, so that one browser (or one resident) counts
    once however often the button is pressed. ``supporter`` is a digest of the browser's
    id (never the id itself, never a person's name or number)."""

    report = models.ForeignKey(Report, models.CASCADE, related_name="supports")
    supporter = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["report", "supporter"], name="support_once")
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.supporter[:8]}"


class RefusalReason(models.Model):
    """A reason staff pick when they refuse a report; its text is the public note the
    resident reads (edited by the administrator, in both languages)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    text = models.TextField(_("text (Vietnamese)"))
    text_en = models.TextField(_("text (English)"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("refusal reason")
        verbose_name_plural = _("refusal reasons")

    def __str__(self) -> str:
        return self.text[:80]


class ResidentCode(models.Model):
    """A one-time code a resident asked for to open "my reports" (feedback.services.
    my_reports): only its keyed digest is kept; it expires, is used once and takes a few
    tries at most."""

    address = models.CharField(max_length=254, db_index=True)  # e-mail (lower case) or +84…
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("resident's one-time code")
        verbose_name_plural = _("residents' one-time codes")

    def __str__(self) -> str:
        return f"{self.address[:3]}… {self.created_at:%Y-%m-%d %H:%M}"
