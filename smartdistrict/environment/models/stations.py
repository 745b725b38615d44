"""What is measured (parameters), where (stations), and who may send readings (tokens)."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from smartdistrict.core.models import ShownOnceSecret


class Parameter(models.Model):
    """A measured quantity. ``code`` is the platform key used in every API, file and index
    (the keys of the shared water-quality document: "pH", "DO", "BOD5", "N-NH4", …)."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name (Vietnamese)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    # Readings outside [plausible_min, plausible_max] are stored but flagged out_of_range:
    # these are sanity bounds of the instrument and the canal, not quality limits.
    plausible_min = models.FloatField(_("plausible minimum"), null=True, blank=True)
    plausible_max = models.FloatField(_("plausible maximum"), null=True, blank=True)
    aliases = models.CharField(
        _("other names"), max_length=300, blank=True,
        help_text=_("Other names accepted in file headers and messages, separated by ';' "
                    "(matched without accents or case)."),
    )
    source = models.CharField(_("source of the reference values"), max_length=300, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("parameter")
        verbose_name_plural = _("parameters")
        constraints = [
            models.CheckConstraint(
                condition=Q(plausible_min__isnull=True)
                | Q(plausible_max__isnull=True)
                | Q(plausible_min__lte=models.F("plausible_max")),
                name="parameter_plausible_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.unit})" if self.unit else self.code


class DataProvider(models.Model):
    """An organisation that operates stations or sends laboratory results."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("data provider")
        verbose_name_plural = _("data providers")

    def __str__(self) -> str:
        return self.name


class StationKind(models.TextChoices):
    AUTOMATIC = "automatic", _("automatic sensor")
    MANUAL = "manual", _("manual sampling")


class Station(models.Model):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    canal = models.CharField(_("canal"), max_length=120, blank=True)
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    # Set by the station service from the geography app (point → ward) when the location
    # is saved; empty when the point lies outside the jurisdiction or on an unclear border.
    ward = models.ForeignKey(
        "geography.Unit", models.PROTECT, null=True, blank=True, related_name="stations",
        verbose_name=_("ward"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=StationKind.choices)
    provider = models.ForeignKey(
        DataProvider, models.PROTECT, null=True, blank=True, related_name="stations",
        verbose_name=_("data provider"),
    )
    active = models.BooleanField(_("active"), default=True)
    reporting_interval = models.DurationField(
        _("reporting interval"), default=dt.timedelta(days=1),
        help_text=_("How often readings are expected (5 minutes for a sensor, a day or a "
                    "month for sampling); a station silent for longer is late."),
    )
    parameters = models.ManyToManyField(
        Parameter, through="StationParameter", related_name="stations", blank=True,
        verbose_name=_("expected parameters"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("station")
        verbose_name_plural = _("stations")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class StationParameter(models.Model):
    """A parameter a station is expected to report (others are still accepted)."""

    station = models.ForeignKey(Station, models.CASCADE, related_name="expected")
    parameter = models.ForeignKey(Parameter, models.PROTECT, related_name="+")

    class Meta:
        ordering = ["station", "parameter"]
        verbose_name = _("expected parameter")
        verbose_name_plural = _("expected parameters")
        constraints = [
            models.UniqueConstraint(fields=["station", "parameter"], name="station_parameter_once")
        ]

    def __str__(self) -> str:
        return f"{self.station_id}:{self.parameter_id}"


class IngestToken(ShownOnceSecret):
    """A secret that lets a station, or every station of a provider, send readings.

    Only the SHA-256 of the token is stored; the token is shown once when created.
    """

    name = models.CharField(_("name"), max_length=120, blank=True)
    station = models.ForeignKey(
        Station, models.CASCADE, null=True, blank=True, related_name="tokens",
        verbose_name=_("station"),
    )
    provider = models.ForeignKey(
        DataProvider, models.CASCADE, null=True, blank=True, related_name="tokens",
        verbose_name=_("data provider"),
    )
    prefix = models.CharField(_("token prefix"), max_length=16, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("ingest token")
        verbose_name_plural = _("ingest tokens")
        constraints = [
            models.CheckConstraint(
                condition=Q(station__isnull=True, provider__isnull=False)
                | Q(station__isnull=False, provider__isnull=True),
                name="ingest_token_one_scope",
            )
        ]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.station or self.provider})"
