"""Every message the e-mail and Zalo doors receive, kept as it came with what became of
it: a door never loses a message, even one it cannot read (docs/channels.md)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Door(models.TextChoices):
    EMAIL = "email", _("e-mail")
    ZALO = "zalo", _("Zalo")


class Outcome(models.TextChoices):
    RECEIVED = "received", _("received, not yet handled")
    CREATED = "created", _("became a report")
    ADDED = "added", _("added to a report")
    WAITING = "waiting", _("kept for the conversation")
    REFUSED = "refused", _("answered: could not be read as a report")
    IGNORED = "ignored", _("not answered (automatic message)")
    FAILED = "failed", _("failed: see the reason")


class InboundMessage(models.Model):
    """One received e-mail or Zalo event: the raw bytes first, then what became of it."""

    door = models.CharField(_("door"), max_length=10, choices=Door.choices)
    received_at = models.DateTimeField(_("received"), db_index=True)
    sender = models.CharField(_("sender"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    message_id = models.CharField(max_length=300, blank=True, db_index=True)
    reply_id = models.CharField(
        _("our answer's Message-ID"), max_length=300, blank=True, db_index=True
    )
    raw = models.BinaryField(_("message as received"))
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.RECEIVED
    )
    reason = models.TextField(_("reason"), blank=True)
    report = models.ForeignKey(
        "feedback.Report", models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("report"),
    )

    class Meta:
        verbose_name = _("received message")
        verbose_name_plural = _("received messages")
        ordering = ["-received_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_door_display()} {self.received_at:%Y-%m-%d %H:%M} {self.outcome}"


class ZaloConversation(models.Model):
    """What one Zalo user has sent so far: a report in the making (text, shared location,
    photos' addresses) until it has what intake needs, then the report it became, to
    which later messages are added while the conversation lasts
    (ZALO_CONVERSATION_MINUTES since the last message)."""

    user_id = models.CharField(_("Zalo user"), max_length=100, db_index=True)
    text = models.TextField(_("text"), blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    photo_urls = models.JSONField(default=list, blank=True)
    report = models.ForeignKey(
        "feedback.Report", models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("report"),
    )
    started_at = models.DateTimeField(_("started"))
    updated_at = models.DateTimeField(_("last message"), db_index=True)

    class Meta:
        verbose_name = _("Zalo conversation")
        verbose_name_plural = _("Zalo conversations")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return f"Zalo {self.user_id} {self.updated_at:%Y-%m-%d %H:%M}"
