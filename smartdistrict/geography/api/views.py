"""HTTP endpoints of the geography: thin wrappers over selectors."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from smartdistrict.core.errors import InvalidInput
from smartdistrict.geography import selectors
from smartdistrict.geography.address import resolve_address
from smartdistrict.geography.api import params
from smartdistrict.geography.api.params import parse_date, required_text
from smartdistrict.geography.index import get_index
from smartdistrict.geography.models import Boundary, Level
from smartdistrict.geography.selectors import approximate_note

DATE = OpenApiParameter("date", OpenApiTypes.DATE, description="Default: today (Asia/Ho_Chi_Minh).")


class LookupView(APIView):
    """Which units contain a point on a date."""

    @extend_schema(
        parameters=[
            OpenApiParameter("lat", OpenApiTypes.DOUBLE, required=True),
            OpenApiParameter("lon", OpenApiTypes.DOUBLE, required=True),
            DATE,
        ],
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        lat, lon = selectors.validate_point(
            request.query_params.get("lat"), request.query_params.get("lon")
        )
        found = selectors.lookup_point(lat, lon, parse_date(request.query_params.get("date")))
        return Response(
            {
                "date": found.date.isoformat(),
                "lat": found.lat,
                "lon": found.lon,
                "ward": found.ward.brief() if found.ward else None,
                "ambiguous": found.ward is None,
                "candidates": [c.brief() for c in found.candidates],
                "district": found.district.brief() if found.district else None,
                "city": found.city.brief() if found.city else None,
                "units": [u.brief() for u in found.units],
                "approximate": found.approximate,
                "boundary_note": approximate_note(found.approximate),
                "boundary_from": found.inherited_from.brief() if found.inherited_from else None,
                "note": found.note,
            }
        )


class ResolveView(APIView):
    """Which ward an address names, on a date."""

    @extend_schema(
        parameters=[
            OpenApiParameter("address", OpenApiTypes.STR, required=True), DATE,
            OpenApiParameter("lat", OpenApiTypes.DOUBLE,
                             description="With lon: decides between the units a former "
                                         "unit was split into."),
            OpenApiParameter("lon", OpenApiTypes.DOUBLE),
        ],
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        text = required_text(request.query_params.get("address"), "address")
        lat, lon = request.query_params.get("lat"), request.query_params.get("lon")
        point = selectors.validate_point(lat, lon) if lat or lon else None
        match = resolve_address(text, parse_date(request.query_params.get("date")), point)
        return Response(
            {
                "address": match.text,
                "date": match.date.isoformat(),
                "unit": match.unit.brief(),
                "named": match.named.brief(),
                "legacy": match.named.code != match.unit.code,
                "district_named": match.district_named,
            }
        )


class UnitListView(APIView):
    """Units valid on a date (no geometry)."""

    @extend_schema(
        parameters=[DATE, OpenApiParameter("level", OpenApiTypes.STR, enum=Level.values)],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        date = parse_date(request.query_params.get("date")) or selectors.today()
        level = request.query_params.get("level")
        if level and level not in Level.values:
            raise InvalidInput(_("Unknown level."), field="level")
        units = selectors.units_on(date)
        if level:
            units = units.filter(level=level)
        approximate = dict(Boundary.objects.values_list("unit_id", "approximate"))
        index = get_index()
        results = []
        for unit in units:
            results.append(
                {
                    **index.units[unit.id].brief(),
                    "parent": unit.parent.code if unit.parent else None,
                    "centre": (
                        {"lat": unit.centre_lat, "lon": unit.centre_lon}
                        if unit.centre_lat is not None
                        else None
                    ),
                    "has_boundary": unit.id in approximate,
                    "approximate": approximate.get(unit.id),
                }
            )
        return Response({"date": date.isoformat(), "count": len(results), "results": results})


SIMPLIFY = OpenApiParameter(
    "simplify", OpenApiTypes.INT,
    description="Simplify the outlines to this many metres (0–1000; default 0, the full "
                "boundaries). Maps use 60.",
)


class WardsGeoJSONView(APIView):
    """The ward map of a date as GeoJSON: one feature per area the data can tell apart.

    Where wards of that date had no boundary of their own (before 2025 the absorbed
    wards), the feature names all the wards it may belong to. The answer is built once
    per period and detail in each process (the index caches it) and sent gzipped.
    """

    @extend_schema(parameters=[DATE, SIMPLIFY], responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> HttpResponse:
        date = parse_date(request.query_params.get("date")) or selectors.today()
        metres = params.parse_simplify(request.query_params.get("simplify"))
        body = selectors.wards_geojson(date, metres)
        return HttpResponse(body, content_type="application/json")
