from django.core.management.base import BaseCommand, CommandError

from smartdistrict.accounts import throttle
from smartdistrict.core.clients import network_key


class Command(BaseCommand):
    help = (
        "Lift the log-in throttle's lock-out of an account (from every address) and/or of "
        "a client address, e.g. once a member of staff proved who they are."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", default="", help="the account's username")
        parser.add_argument("--address", default="", help="a client IP address")

    def handle(self, *args, **options):
        username = options["username"].strip()
        address = options["address"].strip()
        if not username and not address:
            raise CommandError("Give --username, --address or both.")
        if address:
            try:
                address = network_key(address)  # as the throttle counts it
            except ValueError:
                raise CommandError(f"Not an IP address: {address!r}") from None
        throttle.unlock(username=username, address=address)
        done = [f"account {username!r}"] if username else []
        done += [f"address {address}"] if address else []
        self.stdout.write("Lock-outs and failure counts lifted: " + ", ".join(done))
