"""Dead letters: what an unattended channel sent that could not be stored, with why.

A station's MQTT message is acknowledged even when nothing in it can be stored (else the
broker would send it again forever and block the ones behind it); a device's HTTP batch
gets its per-row refusals in the answer, which no one reads. Both are kept here so an
environment officer can see what a sensor is sending and have it fixed. Read-only in the
admin; old letters are purged on schedule (ENVIRONMENT_DEAD_LETTER_DAYS).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from smartdistrict.environment.models.readings import Source


class DeadLetter(models.Model):
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    origin = models.CharField(
        _("origin"), max_length=300, blank=True,
        help_text=_("The MQTT topic, the HTTP path and token, or the file name."),
    )
    payload = models.TextField(
        _("payload"), blank=True,
        help_text=_("The message or row as received (long payloads are cut)."),
    )
    code = models.CharField(_("reason code"), max_length=40)
    reason = models.TextField(_("reason"))
    received_at = models.DateTimeField(_("received at"), db_index=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("dead letter")
        verbose_name_plural = _("dead letters")

    def __str__(self) -> str:
        return f"{self.source} {self.origin} {self.code}"
