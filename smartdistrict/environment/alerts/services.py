"""Evaluating alert rules: open an alert (and a feedback report) when a rule fires, clear
it (with a public note in the report) when the condition is over.

One evaluation reads the active rules, the stations, their latest values and their open
alerts in four queries, then writes only where something changed. It runs after every
ingested batch (the ingest hook, whatever the source) and every ten minutes (silence).

Reports: a firing rule opens one feedback report for the station's ward (category from
the rule or ENVIRONMENT_ALERT_CATEGORY, channel "sensor", filed by the platform). While a
report opened by an alert of the same station and category is still open, a new alert is
attached to it with a public note instead of opening another report.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from smartdistrict.core.errors import DomainError
from smartdistrict.environment.alerts import texts
from smartdistrict.environment.alerts.rules import (
    CLEAR,
    FIRING,
    LatestValue,
    Verdict,
    qcvn_verdict,
    silence_verdict,
    wqi_verdict,
)
from smartdistrict.environment.models import (
    Alert,
    AlertKind,
    AlertRule,
    LatestReading,
    Station,
)
from smartdistrict.feedback.models import OPEN_STATES, Channel, Report
from smartdistrict.feedback.report_input import Place, ReportInput
from smartdistrict.feedback.services.intake import report_create
from smartdistrict.feedback.services.workflow import report_note_system

logger = logging.getLogger(__name__)



def alert_category() -> str:
    """The feedback category of alert reports when a rule names none."""
    return settings.ENVIRONMENT_ALERT_CATEGORY


@dataclass
class EvaluationSummary:
    """What one evaluation did (also the Huey task's and the command's answer)."""

    rules: int = 0
    checks: int = 0
    opened: list[int] = field(default_factory=list)
    cleared: list[int] = field(default_factory=list)
    reports_opened: list[str] = field(default_factory=list)
    notes: int = 0
    still_open: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"rules": self.rules, "checks": self.checks, "opened": len(self.opened),
                "cleared": len(self.cleared), "reports_opened": self.reports_opened,
                "notes": self.notes, "still_open": self.still_open}


def rule_applies(rule: AlertRule, station: Station) -> bool:
    if rule.station_id is not None:
        return rule.station_id == station.id
    return not rule.station_kind or rule.station_kind == station.kind


def verdict_for(rule: AlertRule, station: Station, latest: dict[str, LatestValue],
                now: dt.datetime) -> Verdict:
    """The rule's verdict on the station, from its latest values."""
    if rule.kind == AlertKind.QCVN_CLASS:
        return qcvn_verdict(parameter=rule.parameter.code, threshold=rule.qcvn_class,
                            latest=latest.get(rule.parameter.code))
    if rule.kind == AlertKind.WQI_BAND:
        return wqi_verdict(level=rule.wqi_level, latest=latest)
    if rule.parameter_id is not None:
        watched = latest.get(rule.parameter.code)
        last_seen = watched.observed_at if watched else None
    else:
        last_seen = max((item.observed_at for item in latest.values()), default=None)
    return silence_verdict(factor=rule.silence_factor, interval=station.reporting_interval,
                           last_seen=last_seen, now=now)


def _latest_values(station_ids: list[int]) -> dict[int, dict[str, LatestValue]]:
    by_station: dict[int, dict[str, LatestValue]] = defaultdict(dict)
    rows = LatestReading.objects.filter(station_id__in=station_ids).values_list(
        "station_id", "parameter__code", "value", "observed_at", "unit", "quality")
    for station_id, code, value, observed_at, unit, quality in rows:
        by_station[station_id][code] = LatestValue(code, value, observed_at, unit, quality)
    return by_station


def alerts_evaluate(
    *,
    station_ids: Iterable[int] | None = None,
    kinds: Iterable[str] | None = None,
    now: dt.datetime | None = None,
) -> EvaluationSummary:
    """Evaluate the active rules on active stations (``station_ids``: only those;
    ``kinds``: only those kinds of rule) and open or clear alerts accordingly.

    Alerts of rules that were switched off are closed too (with a note), so a rule an
    officer disables does not leave a case open forever.
    """
    now = now or timezone.now()
    summary = EvaluationSummary()
    rules_qs = AlertRule.objects.select_related("parameter", "station")
    if kinds is not None:
        rules_qs = rules_qs.filter(kind__in=list(kinds))
    rules = list(rules_qs.filter(active=True))
    summary.rules = len(rules)
    stations_qs = Station.objects.filter(active=True)
    if station_ids is not None:
        stations_qs = stations_qs.filter(id__in=list(station_ids))
    stations = list(stations_qs)
    ids = [station.id for station in stations]
    latest = _latest_values(ids)
    open_alerts = {
        (alert.rule_id, alert.station_id): alert
        for alert in Alert.objects.filter(cleared_at__isnull=True, station_id__in=ids)
        .select_related("rule", "report")
    }
    active_ids = {rule.id for rule in rules}
    for station in stations:
        values = latest.get(station.id, {})
        for rule in rules:
            if not rule_applies(rule, station):
                continue
            summary.checks += 1
            verdict = verdict_for(rule, station, values, now)
            alert = open_alerts.get((rule.id, station.id))
            if verdict.state == FIRING and alert is None:
                _open(rule, station, verdict, now, summary)
            elif verdict.state == FIRING:
                _still_firing(alert, verdict, now)
                summary.still_open += 1
            elif verdict.state == CLEAR and alert is not None:
                _clear(alert, station, verdict, now, summary)
            elif alert is not None:
                summary.still_open += 1
    stations_by_id = {station.id: station for station in stations}
    for (rule_id, station_id), alert in open_alerts.items():
        # A rule switched off (or of a kind not asked for: left alone).
        if rule_id not in active_ids and not alert.rule.active:
            _clear(alert, stations_by_id[station_id], None, now, summary)
    return summary


def _open(rule: AlertRule, station: Station, verdict: Verdict, now: dt.datetime,
          summary: EvaluationSummary) -> Alert | None:
    """Open the alert and its report (or note it in the station's open report), in one
    transaction: an alert is never left half-opened."""
    details = dict(verdict.details)
    category = rule.category_code or alert_category()
    with transaction.atomic():
        # Serialise the alerts of one station (PostgreSQL; SQLite's write lock does it), so
        # two rules firing at once still share one report.
        list(Station.objects.select_for_update().filter(pk=station.pk).values_list("pk"))
        try:
            with transaction.atomic():
                alert = Alert.objects.create(rule=rule, station=station, opened_at=now,
                                             value=verdict.value, details=details)
        except IntegrityError:  # another evaluation opened it a moment ago
            return None
        report = _open_report_of(station, category)
        try:
            if report is not None:
                report_note_system(report=report,
                                   note=texts.fired_again_note(rule, station, details))
                notes, opened_report = 1, False
            else:
                report, _created = report_create(data=ReportInput(
                    category=category,
                    description=texts.report_description(rule, station, details),
                    place=Place(lat=station.lat, lon=station.lon),
                    channel=Channel.SENSOR, system=True,
                    idempotency_key=f"environment-alert-{alert.pk}",
                ))
                notes, opened_report = 0, True
        except DomainError as error:
            # The alert stands (staff see it on the alerts page) without a report: say why.
            logger.warning("alert %s: no report (%s)", alert.pk, error.message)
            alert.details = {**details, "report_error": str(error.message)}
            alert.save(update_fields=["details"])
            summary.opened.append(alert.pk)
            return alert
        alert.report, alert.opened_report = report, opened_report
        alert.save(update_fields=["report", "opened_report"])
    summary.opened.append(alert.pk)
    summary.notes += notes
    if opened_report:
        summary.reports_opened.append(report.code)
    return alert


def _open_report_of(station: Station, category: str) -> Report | None:
    """The open report of an earlier alert of this station in this category, if any."""
    earlier = (
        Alert.objects.filter(station=station, report__isnull=False,
                             report__status__in=list(OPEN_STATES),
                             report__category__code=category)
        .select_related("report").order_by("-opened_at", "-pk").first()
    )
    return earlier.report if earlier else None


def _still_firing(alert: Alert, verdict: Verdict, now: dt.datetime) -> None:
    """Keep the newest evaluation in the alert (what the staff page shows as "now")."""
    last = {**verdict.details, "value": verdict.value, "evaluated_at": now.isoformat()}
    if alert.details.get("last") != last:
        alert.details = {**alert.details, "last": last}
        Alert.objects.filter(pk=alert.pk).update(details=alert.details)


def _clear(alert: Alert, station: Station, verdict: Verdict | None, now: dt.datetime,
           summary: EvaluationSummary) -> None:
    """Close the alert once (a concurrent evaluation may have done it) and note it."""
    details = dict(alert.details)
    if verdict is not None:
        details["recovered"] = {**verdict.details, "value": verdict.value}
    with transaction.atomic():
        done = Alert.objects.filter(pk=alert.pk, cleared_at__isnull=True).update(
            cleared_at=now, details=details)
        if not done:
            return
        summary.cleared.append(alert.pk)
        if alert.report is None:
            return
        if verdict is None:
            note = texts.rule_off_note(alert.rule, station, alert.opened_at)
        else:
            note = texts.recovered_note(alert.rule, station, verdict.details, alert.opened_at)
        report_note_system(report=alert.report, note=note, public=True)
        summary.notes += 1
