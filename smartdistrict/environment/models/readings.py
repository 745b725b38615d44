"""Readings: one value of one parameter at one station at one instant, stored once."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from smartdistrict.environment.models.stations import Parameter, Station


class Source(models.TextChoices):
    HTTP = "http", _("HTTP API")
    MQTT = "mqtt", _("MQTT")
    FILE = "file", _("file upload")
    FIWARE = "fiware", _("FIWARE NGSI-LD")
    DEMO = "demo", _("demo data")


class Quality(models.TextChoices):
    OK = "ok", _("ok")
    OUT_OF_RANGE = "out_of_range", _("outside the plausible range")
    SUSPECT = "suspect", _("suspect")


class Reading(models.Model):
    """Idempotent on (station, parameter, observed_at): a resent reading adds nothing.

    ``unit`` is the parameter's unit (values in another known unit are converted on the
    way in). ``observed_at`` is stored in UTC.
    """

    station = models.ForeignKey(Station, models.CASCADE, related_name="readings")
    parameter = models.ForeignKey(Parameter, models.PROTECT, related_name="readings")
    observed_at = models.DateTimeField(_("observed at"))
    value = models.FloatField(_("value"))
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    quality = models.CharField(
        _("quality"), max_length=12, choices=Quality.choices, default=Quality.OK
    )
    received_at = models.DateTimeField(_("received at"))

    class Meta:
        verbose_name = _("reading")
        verbose_name_plural = _("readings")
        constraints = [
            # Also the index of every time-series read (station, parameter, period).
            models.UniqueConstraint(
                fields=["station", "parameter", "observed_at"], name="reading_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.station_id}/{self.parameter_id}@{self.observed_at:%Y-%m-%d %H:%M}"


class LatestReading(models.Model):
    """The newest reading of each (station, parameter), kept by the ingest service in the
    same transaction as the readings, so current-state pages read one small table."""

    station = models.ForeignKey(Station, models.CASCADE, related_name="latest")
    parameter = models.ForeignKey(Parameter, models.PROTECT, related_name="+")
    observed_at = models.DateTimeField(_("observed at"))
    value = models.FloatField(_("value"))
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    quality = models.CharField(_("quality"), max_length=12, choices=Quality.choices)
    received_at = models.DateTimeField(_("received at"))

    class Meta:
        ordering = ["station", "parameter"]
        verbose_name = _("latest reading")
        verbose_name_plural = _("latest readings")
        constraints = [
            models.UniqueConstraint(fields=["station", "parameter"], name="latest_reading_once")
        ]

    def __str__(self) -> str:
        return f"{self.station_id}/{self.parameter_id} = {self.value}"
