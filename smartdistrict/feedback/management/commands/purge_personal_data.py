from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput
from smartdistrict.feedback.services.privacy import (
    personal_data_due,
    personal_data_purge,
    retention_cutoff,
    retention_months,
)


class Command(BaseCommand):
    help = (
        "Remove the personal data of closed reports older than the retention period: contact "
        "details, phone numbers, e-mail addresses and ID numbers written in their texts, "
        "device and account ids, photos as PERSONAL_DATA_PHOTOS says. A dry run that only "
        "counts, unless --commit is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=None,
                            help="retention in months, at least 1 "
                                 "(default PERSONAL_DATA_RETENTION_MONTHS)")
        parser.add_argument("--commit", action="store_true", help="really remove")

    def handle(self, *args, **options):
        try:
            months = retention_months(options["months"])
        except InvalidInput as error:
            raise CommandError(f"--months {options['months']}: {error.message}") from None
        now = timezone.now()
        cutoff = timezone.localtime(retention_cutoff(months=months, now=now))
        due = personal_data_due(months=months, now=now).count()
        self.stdout.write(
            _("Reports closed before %(cutoff)s (retention %(months)d months) whose personal "
              "data is still held: %(n)d")
            % {"cutoff": f"{cutoff:%d/%m/%Y %H:%M}", "months": months, "n": due}
        )
        if not options["commit"]:
            self.stdout.write(_("Dry run: nothing changed (add --commit to remove it)."))
            return
        done = personal_data_purge(months=months, now=now)
        self.stdout.write(self.style.SUCCESS(_("Removed: %(summary)s.")
                                             % {"summary": done.summary()}))
