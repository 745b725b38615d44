"""The link to citizen feedback: a low score or a request for an answer files a report in
the administrative-procedure category for the dossier's unit, through feedback's intake
service, so routing, deadline, notifications and the resident's tracking link are the
ones every report gets."""

from __future__ import annotations

from dataclasses import replace

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput
from smartdistrict.feedback.models import Report
from smartdistrict.feedback.report_input import Contact, Place, ReportInput
from smartdistrict.feedback.resident_token import resident_token
from smartdistrict.feedback.selectors import category_usable
from smartdistrict.feedback.services.intake import report_create
from smartdistrict.feedback.validation import contact_required, email_clean, phone_clean
from smartdistrict.survey.models import Response
from smartdistrict.survey.questionnaire import element_names, scale_labels

CHANNEL = "survey"


def contact_check(*, phone: str, email: str) -> None:
    """Refuse a malformed phone or e-mail before the answer is stored."""
    phone, email = phone_clean(phone), email_clean(email)
    category = category_usable(settings.SURVEY_REPORT_CATEGORY)
    if category is None:
        return  # report_for will fail and be logged; the answer is kept
    contact_required(category, phone=phone, email=email)


def description(response: Response, low: list[str]) -> str:
    """The report's text, in Vietnamese (staff read it in the console)."""
    with translation.override("vi"):
        names, labels = element_names(), scale_labels()
        dossier = response.dossier
        lines = [_("Satisfaction survey of dossier %(code)s, procedure “%(procedure)s”%(counter)s.")
                 % {"code": dossier.code, "procedure": dossier.procedure.name,
                    "counter": f", {dossier.counter.name}" if dossier.counter else ""}]
        if low:
            lines.append(_("Low scores: %(items)s.") % {"items": "; ".join(
                f"{names[item]}: {labels[response.score(item)]}" for item in low)})
        if response.asked_follow_up:
            lines.append(_("The resident asks for an answer."))
        if response.comment:
            lines.append(_("Comment: %(comment)s") % {"comment": response.comment})
        return "\n".join(str(line) for line in lines)


def report_for(response: Response, *, low: list[str], phone: str = "",
               email: str = "") -> tuple[Report, str]:
    """File the report (idempotent per answer) and return it with the resident's token."""
    unit = response.dossier.unit
    with translation.override("vi"):
        address = _("One-stop shop, %(unit)s") % {"unit": unit.name}
    data = ReportInput(
        category=settings.SURVEY_REPORT_CATEGORY,
        description=description(response, low),
        place=Place(address=address),
        contact=Contact(phone=phone, email=email),
        channel=CHANNEL,
        idempotency_key=f"survey-response-{response.pk}",
    )
    try:
        report, _created = report_create(data=data)
    except InvalidInput as error:
        if error.field not in ("address", "location") or unit.centre_lat is None:
            raise
        place = Place(lat=unit.centre_lat, lon=unit.centre_lon)
        report, _created = report_create(data=replace(data, place=place))
    return report, resident_token(report)
