"""`smartdistrict wqi FILE.json`: the VN_WQI of a sample (or a list of samples) from a file.

The file holds {"parameters": {...}, "options": {...}} as the API takes, a bare
{parameter: value} object, or a JSON list of either; `-` reads standard input. The result
is printed as JSON; bad input is a clear message and exit status 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from smartdistrict.core.errors import DomainError
from smartdistrict.environment.indices import present, vn_wqi
from smartdistrict.environment.indices.wqi import WqiOptions


def _one(sample: object, where: str, defaults: WqiOptions) -> dict:
    if not isinstance(sample, Mapping):
        raise CommandError(_("%(where)s: a sample must be a JSON object.") % {"where": where})
    if "parameters" in sample:
        parameters = sample["parameters"]
        if not isinstance(parameters, Mapping):
            raise CommandError(_('%(where)s: "parameters" must be a JSON object.')
                               % {"where": where})
        options = present.wqi_options(sample.get("options")) if "options" in sample else defaults
    else:
        parameters, options = sample, defaults
    return present.wqi_as_dict(vn_wqi(parameters, options=options))


class Command(BaseCommand):
    help = "Compute VN_WQI (Decision 1460/QĐ-TCMT) of the sample(s) in a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON file, or - for standard input")
        parser.add_argument("--core", choices=["square_root", "weighted"], default=None)
        parser.add_argument("--on-breakpoint", choices=["higher_q", "lower_q"], default=None)
        parser.add_argument("--language", choices=["vi", "en"], default=None,
                            help="language of messages (default: the site's, Vietnamese)")

    def handle(self, *args, **options):
        with translation.override(options["language"] or settings.LANGUAGE_CODE):
            self.stdout.write(self._run(options))

    def _run(self, options) -> str:
        try:
            if options["file"] == "-":
                document = json.load(sys.stdin)
            else:
                with open(options["file"], encoding="utf-8") as handle:
                    document = json.load(handle)
        except OSError as error:
            raise CommandError(_("Cannot read %(file)s: %(error)s")
                               % {"file": options["file"], "error": error.strerror}) from None
        except ValueError as error:
            raise CommandError(_("%(file)s is not valid JSON: %(error)s")
                               % {"file": options["file"], "error": error}) from None
        chosen = {key: value for key, value in (("core", options["core"]),
                  ("on_breakpoint", options["on_breakpoint"])) if value}
        try:
            defaults = present.wqi_options(chosen)
            if isinstance(document, list):
                result = [_one(sample, f"[{n}]", defaults) for n, sample in enumerate(document)]
            else:
                result = _one(document, options["file"], defaults)
        except DomainError as error:
            where = f" ({error.field})" if error.field else ""
            raise CommandError(f"{error.message}{where}") from None
        return json.dumps(result, ensure_ascii=False, indent=2)
