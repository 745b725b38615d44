"""Data providers and stations. A station's ward comes from the geography app."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput, NotFound
from smartdistrict.core.text import nfc
from smartdistrict.environment.models import (
    DataProvider,
    Parameter,
    Station,
    StationKind,
    StationParameter,
)
from smartdistrict.geography.models import Unit
from smartdistrict.geography.selectors import lookup_point, validate_point


def provider_upsert(*, code: str, name: str, contact: str = "", active: bool = True
                    ) -> DataProvider:
    provider, _created = DataProvider.objects.update_or_create(
        code=code.strip(),
        defaults={"name": nfc(name.strip()), "contact": contact.strip(), "active": active},
    )
    return provider


def ward_for(lat: float, lon: float) -> Unit | None:
    """The ward holding the point today, or None outside the jurisdiction or on an
    unclear border (the station is still stored; its alerts then need a ward chosen)."""
    try:
        found = lookup_point(lat, lon)
    except NotFound:
        return None
    return Unit.objects.filter(pk=found.ward.id).first() if found.ward else None


@transaction.atomic
def station_upsert(
    *,
    code: str,
    name: str,
    lat: float,
    lon: float,
    kind: str,
    canal: str = "",
    provider: DataProvider | None = None,
    active: bool = True,
    reporting_interval: dt.timedelta | None = None,
    parameters: Iterable[str] | None = None,
) -> Station:
    """Create or update the station ``code``; its ward is looked up from the point.

    ``parameters`` (codes), when given, replaces the station's expected parameters.
    """
    code = code.strip()
    if not code or len(code) > 40:
        raise InvalidInput(_("A station code of 1 to 40 characters is required."), field="code")
    if kind not in StationKind.values:
        raise InvalidInput(_("Unknown station kind."), field="kind")
    lat, lon = validate_point(lat, lon)
    defaults = {
        "name": nfc(name.strip()), "canal": nfc(canal.strip()), "lat": lat, "lon": lon,
        "ward": ward_for(lat, lon), "kind": kind, "provider": provider, "active": active,
    }
    if reporting_interval is not None:
        if reporting_interval <= dt.timedelta(0):
            raise InvalidInput(_("The reporting interval must be positive."),
                               field="reporting_interval")
        defaults["reporting_interval"] = reporting_interval
    station, _created = Station.objects.update_or_create(code=code, defaults=defaults)
    if parameters is not None:
        wanted = list(dict.fromkeys(parameters))
        found = {p.code: p for p in Parameter.objects.filter(code__in=wanted)}
        missing = [c for c in wanted if c not in found]
        if missing:
            raise InvalidInput(_("Unknown parameters: %(codes)s.") % {"codes": ", ".join(missing)},
                               field="parameters")
        StationParameter.objects.filter(station=station).exclude(parameter__code__in=wanted
                                                                 ).delete()
        StationParameter.objects.bulk_create(
            [StationParameter(station=station, parameter=found[c]) for c in wanted],
            ignore_conflicts=True,
        )
    return station
