"""The Zalo Official Account's tokens, kept in the database because they change by
themselves: Zalo's access token lives about 25 hours and its refresh token is single-use
(each refresh answers a new one, which must be stored at once). One row per OA app."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


def token_hint(token: str) -> str:
    """A token as it may be shown or logged: its length and last four characters only."""
    return f"…{token[-4:]} ({len(token)})" if token else "—"


class ZaloToken(models.Model):
    """The access and refresh tokens the Zalo channel uses now (docs/channels.md, "Zalo
    tokens"). Written only by ``feedback.channels.zalo_token``; read under a row lock when
    refreshing, so two workers never spend the same refresh token."""

    key = models.CharField(_("key"), max_length=40, unique=True, default="oa")
    access_token = models.TextField(_("access token"), blank=True)
    refresh_token = models.TextField(_("refresh token"), blank=True)
    expires_at = models.DateTimeField(_("access token expires at"), null=True, blank=True)
    refreshed_at = models.DateTimeField(_("last refreshed at"), null=True, blank=True)
    last_error = models.CharField(_("last refresh error"), max_length=200, blank=True)
    last_error_at = models.DateTimeField(_("last refresh error at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("Zalo token")
        verbose_name_plural = _("Zalo tokens")

    def __str__(self) -> str:
        return f"Zalo {self.key} {token_hint(self.access_token)}"
