"""FIWARE Smart Data Model ``WaterQualityObserved`` (NGSI-LD), in and out.

In: an entity (or a list), normalised (``{"type": "Property", "value": …}``) or simplified
(key-values); the station is the last part of ``refPointOfInterest``
(urn:ngsi-ld:PointOfInterest:<code>) or else of the entity id
(urn:ngsi-ld:WaterQualityObserved:<code>); each attribute's time is its ``observedAt``,
else the entity's ``dateObserved``. Attributes this platform does not keep are ignored
and named in the answer.

Out: a station's latest values as one normalised entity with @context.

Values keep the platform's meaning: NH4, NO3, NO2 and PO4 carry N-NH4, N-NO3, N-NO2 and
P-PO4 (as N, as P), since the data model does not state the basis; conductivity is
converted between the data model's S/m and the platform's µS/cm.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from smartdistrict.environment.ingestion.base import Decoded, Source
from smartdistrict.environment.services.parsing import rejection

ENTITY_TYPE = "WaterQualityObserved"
ID_PREFIX = f"urn:ngsi-ld:{ENTITY_TYPE}:"
POI_PREFIX = "urn:ngsi-ld:PointOfInterest:"
CONTEXT = [
    "https://raw.githubusercontent.com/smart-data-models/dataModel.Environment/master/context.jsonld",
    "https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context-v1.8.jsonld",
]


# data-model attribute → (platform parameter, factor: platform value = model value × factor,
# UN/CEFACT unit code of the model's value or "")
MAPPING: dict[str, tuple[str, float, str]] = {
    "temperature": ("temperature", 1.0, "CEL"),
    "pH": ("pH", 1.0, ""),
    "O2": ("DO", 1.0, "M1"),
    "bod": ("BOD5", 1.0, "M1"),
    "cod": ("COD", 1.0, "M1"),
    "NH4": ("N-NH4", 1.0, "M1"),
    "NO3": ("N-NO3", 1.0, "M1"),
    "NO2": ("N-NO2", 1.0, "M1"),
    "PO4": ("P-PO4", 1.0, "M1"),
    "turbidity": ("turbidity", 1.0, ""),
    "tss": ("TSS", 1.0, "M1"),
    "conductivity": ("conductivity", 10_000.0, "D10"),  # S/m → µS/cm
    "escherichiaColi": ("E.coli", 1.0, ""),
}
PLATFORM_TO_MODEL = {code: (attribute, factor, unit)
                     for attribute, (code, factor, unit) in MAPPING.items()}
# Entity members that are not readings.
STRUCTURAL = {"id", "type", "@context", "dateObserved", "location", "refPointOfInterest",
              "name", "description", "address", "source", "dataProvider", "dateCreated",
              "dateModified", "areaServed", "alternateName", "seeAlso", "owner"}


def _value(member: Any) -> Any:
    """The value of a normalised Property (``value``, or ``@value`` of a typed literal),
    a Relationship (``object``) or a simplified member (itself)."""
    if isinstance(member, dict):
        if "object" in member:
            return member["object"]
        if "value" in member:
            return _value(member["value"])
        if "@value" in member:
            return member["@value"]
    return member


def _station_code(entity: dict) -> str:
    poi = _value(entity.get("refPointOfInterest"))
    if isinstance(poi, str) and poi.startswith(POI_PREFIX):
        return poi.removeprefix(POI_PREFIX)
    identifier = entity.get("id")
    if isinstance(identifier, str) and identifier.startswith(ID_PREFIX):
        return identifier.removeprefix(ID_PREFIX)
    return ""


def decode_entities(payload: Any) -> Decoded:
    """Rows from one entity or a list; an entity of another type, or without a station or
    a time for its values, is rejected as a whole (index = its position)."""
    entities = payload if isinstance(payload, list) else [payload]
    decoded = Decoded()
    ignored: set[str] = set()
    for position, entity in enumerate(entities):
        if not isinstance(entity, dict):
            decoded.rejected.append(rejection(position, "not_an_object"))
            continue
        if entity.get("type") != ENTITY_TYPE:
            decoded.rejected.append(rejection(position, "wrong_type", field="type",
                                              value=entity.get("type"), expected=ENTITY_TYPE))
            continue
        station = _station_code(entity)
        if not station:
            decoded.rejected.append(rejection(position, "missing_field",
                                              field="refPointOfInterest"))
            continue
        date_observed = _value(entity.get("dateObserved"))
        for attribute, member in entity.items():
            if attribute in STRUCTURAL:
                continue
            if attribute not in MAPPING:
                ignored.add(attribute)
                continue
            code, factor, _unit = MAPPING[attribute]
            value = _value(member)
            if isinstance(value, int | float) and not isinstance(value, bool):
                value = value * factor
            observed = member.get("observedAt") if isinstance(member, dict) else None
            decoded.rows.append({"station": station, "parameter": code,
                                 "observed_at": observed or date_observed, "value": value})
    decoded.received = len(decoded.rows) + len(decoded.rejected)
    decoded.ignored = sorted(ignored)
    return decoded


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def station_entity(station: Any, latest: list[Any]) -> dict[str, Any]:
    """The station's latest values (selectors.LatestValue rows) as a
    normalised WaterQualityObserved entity; parameters outside MAPPING are left out."""
    entity: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"{ID_PREFIX}{station.code}",
        "type": ENTITY_TYPE,
        "name": {"type": "Property", "value": station.name},
        "location": {"type": "GeoProperty",
                     "value": {"type": "Point", "coordinates": [station.lon, station.lat]}},
        "refPointOfInterest": {"type": "Relationship", "object": f"{POI_PREFIX}{station.code}"},
    }
    newest = None
    for row in latest:
        mapped = PLATFORM_TO_MODEL.get(row.parameter_code)
        if mapped is None:
            continue
        attribute, factor, unit = mapped
        member = {"type": "Property", "value": row.value / factor,
                  "observedAt": _iso(row.observed_at)}
        if unit:
            member["unitCode"] = unit
        entity[attribute] = member
        newest = row.observed_at if newest is None else max(newest, row.observed_at)
    if newest is not None:
        entity["dateObserved"] = {"type": "Property",
                                  "value": {"@type": "DateTime", "@value": _iso(newest)}}
    return entity


class FiwareSource(Source):
    """Payload: a WaterQualityObserved entity or a list of them (parsed JSON)."""

    name = "fiware"
    label = "FIWARE WaterQualityObserved (NGSI-LD)"

    def decode(self, payload: Any, **options: Any) -> Decoded:
        return decode_entities(payload)
