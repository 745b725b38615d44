"""Issue an ingest token for a station or a data provider (the token is the last line
printed, once), list tokens, or revoke one."""

from django.core.management.base import BaseCommand, CommandError

from smartdistrict.environment.models import DataProvider, IngestToken, Station
from smartdistrict.environment.services.tokens import ingest_token_create, ingest_token_revoke


class Command(BaseCommand):
    help = "Create an ingest token (--station CODE or --provider CODE), --list, or --revoke."

    def add_arguments(self, parser):
        parser.add_argument("--station", help="station code")
        parser.add_argument("--provider", help="data provider code")
        parser.add_argument("--name", default="", help="what the token is for")
        parser.add_argument("--revoke", metavar="PREFIX", help="revoke the token with this prefix")
        parser.add_argument("--list", action="store_true", help="list tokens (never the secret)")

    def handle(self, *args, station=None, provider=None, name="", revoke=None, list=False,
               **options):
        if list:
            for token in IngestToken.objects.select_related("station", "provider"):
                state = "active" if token.usable else "revoked"
                self.stdout.write(f"{token.prefix}  {state}  {token.station or token.provider}  "
                                  f"{token.name}")
            return
        if revoke:
            tokens = IngestToken.objects.filter(prefix=revoke)
            if tokens.count() != 1:
                raise CommandError(f"no single token has the prefix {revoke!r}")
            ingest_token_revoke(token=tokens.get())
            self.stdout.write(f"revoked: {revoke}")
            return
        if bool(station) == bool(provider):
            raise CommandError("give exactly one of --station CODE or --provider CODE")
        try:
            owner = (
                {"station": Station.objects.get(code=station)} if station
                else {"provider": DataProvider.objects.get(code=provider)}
            )
        except (Station.DoesNotExist, DataProvider.DoesNotExist):
            raise CommandError(f"unknown {'station' if station else 'provider'}") from None
        record, raw = ingest_token_create(name=name, **owner)
        self.stdout.write(f"ingest token for {station or provider} (prefix {record.prefix}); "
                          "it is not stored and will not be shown again:")
        self.stdout.write(raw)
