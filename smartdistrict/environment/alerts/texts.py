"""The words an alert writes into a feedback report: the description, the note when it
fires again, the note when it recovers.

They are stored text, read by staff and (public notes) by residents, so they are written
in the platform's language (settings.LANGUAGE_CODE, Vietnamese) whatever the language of
the request or job that triggered the evaluation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from smartdistrict.environment.models import AlertKind, AlertRule, Parameter, Station


def number(value: float | None) -> str:
    """At most two decimals, the language's decimal separator (7,25 in Vietnamese)."""
    if value is None:
        return "–"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", formats.get_format("DECIMAL_SEPARATOR"))


def moment(value: str | dt.datetime | None) -> str:
    """A stored time as local "HH:MM DD/MM/YYYY"."""
    if not value:
        return "–"
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")


def _parameter_name(rule: AlertRule, code: str) -> str:
    parameter = rule.parameter if rule.parameter_id and rule.parameter.code == code else None
    if parameter is None:
        parameter = Parameter.objects.filter(code=code).only("name", "name_en", "code").first()
    if parameter is None:
        return code
    if translation.get_language().startswith("en") and parameter.name_en:
        return parameter.name_en
    return parameter.name


def _band_name(details: Mapping[str, Any], prefix: str) -> str:
    english = translation.get_language().startswith("en")
    return str(details.get(f"{prefix}_en" if english else f"{prefix}_vi", ""))


def _where(station: Station) -> str:
    if station.canal:
        return _("Station %(code)s (%(name)s, canal %(canal)s)") % {
            "code": station.code, "name": station.name, "canal": station.canal}
    return _("Station %(code)s (%(name)s)") % {"code": station.code, "name": station.name}


def condition(rule: AlertRule, details: Mapping[str, Any]) -> str:
    """What the rule saw, in one sentence (without the station)."""
    if rule.kind == AlertKind.QCVN_CLASS:
        return _(
            "%(parameter)s %(value)s %(unit)s at %(time)s is class %(klass)s of QCVN "
            "08:2023, worse than class %(threshold)s (%(limit)s)."
        ) % {
            "parameter": _parameter_name(rule, details["parameter"]),
            "value": number(details["value"]), "unit": details.get("unit", ""),
            "time": moment(details.get("observed_at")), "klass": details["class"],
            "threshold": details["threshold"], "limit": details.get("limit", ""),
        }
    if rule.kind == AlertKind.WQI_BAND:
        return _(
            "VN_WQI of the latest values (%(time)s) is %(index)s, “%(band)s”: at or below "
            "“%(limit)s”."
        ) % {
            "time": moment(details.get("observed_at")), "index": details["vn_wqi"],
            "band": _band_name(details, "band_name"), "limit": _band_name(details, "level_name"),
        }
    return _(
        "No reading since %(time)s (%(hours)s hours), longer than %(factor)s × the "
        "reporting interval of %(interval)s minutes: the sensor or its link may be down."
    ) % {
        "time": moment(details.get("last_seen")),
        "hours": number(details["silent_minutes"] / 60), "factor": number(details["factor"]),
        "interval": number(details["interval_minutes"]),
    }


def recovery(rule: AlertRule, details: Mapping[str, Any]) -> str:
    """What the rule sees now that the condition is over."""
    if rule.kind == AlertKind.QCVN_CLASS:
        return _("%(parameter)s %(value)s %(unit)s at %(time)s, class %(klass)s.") % {
            "parameter": _parameter_name(rule, details["parameter"]),
            "value": number(details["value"]), "unit": details.get("unit", ""),
            "time": moment(details.get("observed_at")), "klass": details["class"],
        }
    if rule.kind == AlertKind.WQI_BAND:
        return _("VN_WQI %(index)s, “%(band)s” (%(time)s).") % {
            "index": details["vn_wqi"], "band": _band_name(details, "band_name"),
            "time": moment(details.get("observed_at")),
        }
    return _("Readings arrive again (newest at %(time)s).") % {
        "time": moment(details.get("last_seen"))}


def in_platform_language(build, *args) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return build(*args)


def report_description(rule: AlertRule, station: Station, details: Mapping[str, Any]) -> str:
    def build() -> str:
        return _("Automatic alert. %(where)s: %(condition)s Alert rule: %(rule)s.") % {
            "where": _where(station), "condition": condition(rule, details), "rule": rule.name}
    return in_platform_language(build)


def fired_again_note(rule: AlertRule, station: Station, details: Mapping[str, Any]) -> str:
    def build() -> str:
        return _("New alert while this report is open. %(where)s: %(condition)s Alert rule: "
                 "%(rule)s.") % {
            "where": _where(station), "condition": condition(rule, details), "rule": rule.name}
    return in_platform_language(build)


def recovered_note(rule: AlertRule, station: Station, details: Mapping[str, Any],
                   opened_at: dt.datetime) -> str:
    def build() -> str:
        return _("Recovered. %(where)s: %(now)s The alert “%(rule)s” opened at %(opened)s "
                 "is closed.") % {
            "where": _where(station), "now": recovery(rule, details), "rule": rule.name,
            "opened": moment(opened_at)}
    return in_platform_language(build)


def rule_off_note(rule: AlertRule, station: Station, opened_at: dt.datetime) -> str:
    def build() -> str:
        return _("%(where)s: the alert rule “%(rule)s” was switched off; its alert opened at "
                 "%(opened)s is closed.") % {
            "where": _where(station), "rule": rule.name, "opened": moment(opened_at)}
    return in_platform_language(build)
