"""Issue an Open311 API key for a client application; the key is the last line printed."""

from django.core.management.base import BaseCommand, CommandError

from smartdistrict.open311.models import ApiKey
from smartdistrict.open311.services import api_key_create, api_key_revoke


class Command(BaseCommand):
    help = "Create an Open311 API key (printed once, as the last line), or revoke one."

    def add_arguments(self, parser):
        parser.add_argument("--name", help="the client application's name")
        parser.add_argument("--revoke", metavar="PREFIX", help="revoke the key with this prefix")

    def handle(self, *args, name=None, revoke=None, **options):
        if revoke:
            keys = list(ApiKey.objects.filter(prefix=revoke))
            if len(keys) != 1:
                raise CommandError(f"no single key has the prefix {revoke!r}")
            api_key_revoke(api_key=keys[0])
            self.stdout.write(f"revoked: {keys[0]}")
            return
        if not (name or "").strip():
            raise CommandError("give --name NAME (the client application)")
        record, raw = api_key_create(name=name)
        self.stdout.write(f"Open311 API key for {record.name} (prefix {record.prefix}); "
                          "it is not stored and will not be shown again:")
        self.stdout.write(raw)
