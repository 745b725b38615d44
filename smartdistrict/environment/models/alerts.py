"""Alert rules (data an officer edits) and the alerts they open and clear.

A rule watches one station or every station (optionally of one kind) for one condition:
a reading worse than a QCVN 08:2023 class, the station's VN_WQI band at or below a level,
or a station silent for longer than k × its reporting interval. While the condition holds
for a (rule, station) there is exactly one open alert (a conditional unique constraint);
its feedback report is opened, or reused, by the alert services.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from smartdistrict.environment.models.stations import Parameter, Station, StationKind


class AlertKind(models.TextChoices):
    QCVN_CLASS = "qcvn_class", _("reading worse than a QCVN 08:2023 class")
    WQI_BAND = "wqi_band", _("VN_WQI band at or below a level")
    SILENCE = "silence", _("station silent")


class QcvnThreshold(models.TextChoices):
    """Fire when a reading is in a class *worse* than this one."""

    A = "A", _("worse than class A")
    B = "B", _("worse than class B")
    C = "C", _("worse than class C")


class AlertRule(models.Model):
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=AlertKind.choices)
    station = models.ForeignKey(
        Station, models.CASCADE, null=True, blank=True, related_name="alert_rules",
        verbose_name=_("station"), help_text=_("Empty: every active station."),
    )
    station_kind = models.CharField(
        _("kind of station"), max_length=10, choices=StationKind.choices, blank=True,
        help_text=_("With no station chosen: only stations of this kind (empty: all)."),
    )
    parameter = models.ForeignKey(
        Parameter, models.PROTECT, null=True, blank=True, related_name="alert_rules",
        verbose_name=_("parameter"),
        help_text=_("Required for a QCVN class rule; for a silence rule, watch only this "
                    "parameter (empty: any reading of the station)."),
    )
    qcvn_class = models.CharField(
        _("QCVN 08 threshold"), max_length=1, choices=QcvnThreshold.choices, blank=True,
    )
    wqi_level = models.PositiveSmallIntegerField(
        _("VN_WQI band level"), null=True, blank=True,
        help_text=_("Fire when the band's level is this or higher: 5 is “Kém” (poor) or "
                    "worse, 6 is “Ô nhiễm rất nặng”."),
    )
    silence_factor = models.FloatField(
        _("silence factor (k)"), null=True, blank=True,
        help_text=_("Fire when the newest reading is older than k × the station's "
                    "reporting interval."),
    )
    category_code = models.CharField(
        _("report category"), max_length=60, blank=True,
        help_text=_("Code of the feedback category of the reports this rule opens "
                    "(empty: the ENVIRONMENT_ALERT_CATEGORY setting)."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("alert rule")
        verbose_name_plural = _("alert rules")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="qcvn_class")
                | (Q(parameter__isnull=False) & Q(qcvn_class__in=["A", "B", "C"])),
                name="alert_rule_qcvn_needs_parameter_and_class",
                violation_error_message=_("A QCVN class rule needs a parameter and a "
                                          "threshold class (A, B or C)."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="wqi_band")
                | Q(wqi_level__isnull=False, wqi_level__gte=1, wqi_level__lte=6),
                name="alert_rule_wqi_needs_level",
                violation_error_message=_("A VN_WQI rule needs a band level from 1 to 6."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="silence")
                | Q(silence_factor__isnull=False, silence_factor__gt=0),
                name="alert_rule_silence_needs_factor",
                violation_error_message=_("A silence rule needs a factor k above 0."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Alert(models.Model):
    """One episode of a rule's condition at one station, from opening to clearing.

    ``value`` is the value that opened it (the reading, the index, or the silence in
    hours); ``details`` what the evaluation saw then (class, limit, band, times) and, in
    ``last``, the most recent evaluation while open.
    """

    rule = models.ForeignKey(AlertRule, models.PROTECT, related_name="alerts",
                             verbose_name=_("rule"))
    station = models.ForeignKey(Station, models.CASCADE, related_name="alerts",
                                verbose_name=_("station"))
    opened_at = models.DateTimeField(_("opened"))
    cleared_at = models.DateTimeField(_("cleared"), null=True, blank=True)
    report = models.ForeignKey(
        "feedback.Report", models.SET_NULL, null=True, blank=True, related_name="alerts",
        verbose_name=_("report"),
    )
    opened_report = models.BooleanField(
        _("opened the report"), default=False,
        help_text=_("False when the alert was added to a report already open."),
    )
    value = models.FloatField(_("value"), null=True, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "station"], condition=Q(cleared_at__isnull=True),
                name="alert_one_open_per_rule_station",
            )
        ]
        indexes = [models.Index(fields=["station", "cleared_at"], name="alert_station_open")]

    def __str__(self) -> str:
        return f"{self.rule} @ {self.station_id} ({self.opened_at:%Y-%m-%d %H:%M})"

    @property
    def is_open(self) -> bool:
        return self.cleared_at is None
