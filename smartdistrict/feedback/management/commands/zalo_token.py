"""``smartdistrict zalo_token``: show the Zalo OA token's state, set the first refresh token
(from Zalo's developer console), or renew the access token now. Tokens are read from
standard input when given as ``-`` (so they stay out of the shell's history) and never
printed back whole."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.feedback.channels.zalo_token import (
    zalo_token_refresh,
    zalo_token_row,
    zalo_token_set,
)
from smartdistrict.feedback.models.zalo import token_hint


class Command(BaseCommand):
    help = (
        "Show the Zalo OA token's state; with --refresh-token, store a new refresh token "
        "(and --access-token, the access token that came with it); with --refresh, renew "
        "the access token now. A value of '-' is read from standard input."
    )

    def add_arguments(self, parser):
        parser.add_argument("--refresh-token", default=None,
                            help="the OA refresh token ('-': read from standard input)")
        parser.add_argument("--access-token", default="",
                            help="the access token issued with it ('-': standard input)")
        parser.add_argument("--refresh", action="store_true",
                            help="renew the access token now (spends the refresh token)")

    def handle(self, *args, **options):
        refresh_token = self._value(options["refresh_token"])
        access_token = self._value(options["access_token"])
        if refresh_token is not None:
            if not refresh_token:
                raise CommandError(_("The refresh token is empty."))
            zalo_token_set(refresh_token=refresh_token, access_token=access_token or "")
            self.stdout.write(_("Zalo refresh token stored."))
        if options["refresh"] or (refresh_token is not None and not access_token):
            row = zalo_token_refresh(force=True)
            if row.last_error:
                raise CommandError(_("Zalo refused the refresh (error %(error)s); the old "
                                     "tokens are kept.") % {"error": row.last_error})
        self._show()

    def _value(self, given: str | None) -> str | None:
        if given == "-":
            return sys.stdin.readline().strip()
        return given.strip() if isinstance(given, str) else given

    def _show(self) -> None:
        row = zalo_token_row()
        self.stdout.write(_("access token: %(hint)s, expires %(when)s") % {
            "hint": token_hint(row.access_token), "when": when(row.expires_at)})
        self.stdout.write(_("refresh token: %(hint)s, last renewed %(when)s") % {
            "hint": token_hint(row.refresh_token), "when": when(row.refreshed_at)})
        if row.last_error:
            self.stdout.write(_("last refresh error: %(error)s at %(when)s") % {
                "error": row.last_error, "when": when(row.last_error_at)})


def when(moment) -> str:
    """A moment as staff read it: local time, or a dash for none."""
    return timezone.localtime(moment).strftime("%H:%M %d/%m/%Y") if moment else "—"
