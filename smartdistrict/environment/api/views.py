"""REST endpoints of the environment data: thin wrappers over ingestion sources and selectors."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers as s
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import ParseError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from smartdistrict.core.errors import InvalidInput
from smartdistrict.core.ratelimits import IngestThrottle
from smartdistrict.environment import selectors
from smartdistrict.environment.api import inputs, presenters
from smartdistrict.environment.api.auth import (
    IngestTokenAuthentication,
    ingest_scope,
    upload_scope,
)
from smartdistrict.environment.ingestion.fiware import station_entity
from smartdistrict.environment.ingestion.registry import get_source
from smartdistrict.environment.models import StationParameter

INGEST_AUTH = [IngestTokenAuthentication, SessionAuthentication, TokenAuthentication]
PREVIEW_ROWS = 1000

_REJECTION = inline_serializer("ReadingRejection", {
    "index": s.IntegerField(), "line": s.IntegerField(required=False),
    "code": s.CharField(), "message": s.CharField(), "field": s.CharField(required=False),
})
_READING = inline_serializer("IngestedReading", {
    "index": s.IntegerField(), "line": s.IntegerField(required=False),
    "station": s.CharField(), "parameter": s.CharField(), "observed_at": s.DateTimeField(),
    "value": s.FloatField(), "unit": s.CharField(), "quality": s.CharField(),
})
INGEST_RESULT = inline_serializer("IngestResult", {
    "dry_run": s.BooleanField(),
    "received": s.IntegerField(), "stored": s.IntegerField(), "duplicates": s.IntegerField(),
    "flagged": _READING.__class__(many=True),
    "rejected": _REJECTION.__class__(many=True),
    "conflicts": _REJECTION.__class__(many=True),
    "statuses": s.ListField(child=s.ChoiceField(
        choices=["stored", "duplicate", "conflict", "rejected"]), required=False),
    "ignored": s.ListField(child=s.CharField(), required=False),
    "readings": _READING.__class__(many=True, required=False),
    "readings_truncated": s.BooleanField(required=False),
})
ERROR = inline_serializer("EnvironmentError", {
    "detail": s.CharField(), "code": s.CharField(), "field": s.CharField(required=False),
})


def _body(request: Request):
    try:
        return request.data
    except ParseError:
        raise InvalidInput(_("The body is not valid JSON."), code="malformed_json") from None


def _origin(request: Request) -> str:
    """Where a device's batch came from, for its dead letters: the path and the token."""
    return f"{request.path} (token {request.auth.prefix}, {request.auth.name})"


class LdJsonRenderer(JSONRenderer):
    media_type = "application/ld+json"


class LdJsonParser(JSONParser):
    media_type = "application/ld+json"


class ReadingIngestView(APIView):
    authentication_classes = [IngestTokenAuthentication]
    parser_classes = [JSONParser]
    throttle_classes = [IngestThrottle]  # per address and per ingest token (core.ratelimits)

    @extend_schema(
        operation_id="environment_readings_ingest",
        request=inline_serializer("ReadingBatch", {
            "readings": inline_serializer("ReadingIn", {
                "station": s.CharField(required=False, help_text="station code, e.g. XT-01"),
                "parameter": s.CharField(help_text="parameter key, e.g. DO, pH, N-NH4"),
                "observed_at": s.DateTimeField(help_text="ISO 8601 with a zone"),
                "value": s.FloatField(),
                "unit": s.CharField(required=False),
                "quality": s.ChoiceField(choices=["ok", "suspect"], required=False),
            }, many=True),
        }),
        responses={200: INGEST_RESULT, 400: ERROR, 401: ERROR, 429: ERROR},
        description="Store a batch of readings (atomic, idempotent). Authorization: Token "
                    "<ingest token> of the station, or of the provider of every station sent.",
    )
    def post(self, request: Request) -> Response:
        scope = ingest_scope(request)
        result = get_source("http").ingest(_body(request), scope=scope,
                                           dead_letters=_origin(request))
        return Response(result.as_dict())


class NgsiLdEntitiesView(APIView):
    authentication_classes = [IngestTokenAuthentication]
    parser_classes = [JSONParser, LdJsonParser]
    throttle_classes = [IngestThrottle]

    @extend_schema(
        operation_id="environment_ngsi_ld_ingest",
        request=OpenApiTypes.OBJECT,
        responses={200: INGEST_RESULT, 400: ERROR, 401: ERROR, 429: ERROR},
        description="Store FIWARE WaterQualityObserved entities (one, or a list; normalised "
                    "or key-values NGSI-LD). Same tokens as POST readings.",
    )
    def post(self, request: Request) -> Response:
        scope = ingest_scope(request)
        body = _body(request)
        if not isinstance(body, dict | list):
            raise InvalidInput(_("Send an NGSI-LD entity or a list of entities."),
                               code="malformed_batch")
        result = get_source("fiware").ingest(body, scope=scope, dead_letters=_origin(request))
        return Response(result.as_dict())


class ReadingImportView(APIView):
    authentication_classes = INGEST_AUTH
    parser_classes = [MultiPartParser, FormParser]
    throttle_classes = [IngestThrottle]

    @extend_schema(
        operation_id="environment_readings_import",
        request={"multipart/form-data": inline_serializer("ReadingImport", {
            "file": s.FileField(help_text="CSV or .xlsx, wide or long layout"),
            "dry_run": s.BooleanField(required=False, default=True),
            "timezone": s.CharField(required=False,
                                    help_text="zone of times without one, e.g. Asia/Ho_Chi_Minh"),
        })},
        responses={200: INGEST_RESULT, 400: ERROR, 401: ERROR, 403: ERROR, 429: ERROR},
        description="Laboratory results: a dry run (default) previews what would be stored, "
                    "flagged and rejected with line numbers; dry_run=false stores.",
    )
    def post(self, request: Request) -> Response:
        scope = upload_scope(request)
        upload = inputs.uploaded_file(request)
        dry_run = inputs.flag(request.data, "dry_run", default=True)
        result = get_source("file").ingest(
            (upload.name, upload.read()), scope=scope, dry_run=dry_run,
            default_tz=inputs.zone(request.data),
        )
        return Response(result.as_dict(preview_limit=PREVIEW_ROWS, statuses=False))


_LATEST = inline_serializer("LatestValue", {
    "parameter": s.CharField(), "value": s.FloatField(), "unit": s.CharField(),
    "observed_at": s.DateTimeField(), "quality": s.CharField(),
})
STATION = inline_serializer("Station", {
    "code": s.CharField(), "name": s.CharField(), "canal": s.CharField(),
    "lat": s.FloatField(), "lon": s.FloatField(), "kind": s.CharField(),
    "active": s.BooleanField(), "ward": s.DictField(allow_null=True),
    "provider": s.CharField(allow_null=True), "reporting_interval_seconds": s.IntegerField(),
    "parameters": s.ListField(child=s.CharField()),
    "last_observed_at": s.DateTimeField(allow_null=True), "late": s.BooleanField(),
    "latest": _LATEST.__class__(many=True),
})


def _station_rows(queryset):
    return queryset.prefetch_related(
        Prefetch("expected", queryset=StationParameter.objects.select_related("parameter"))
    )


class StationListView(APIView):
    @extend_schema(
        operation_id="environment_stations_list",
        parameters=[OpenApiParameter("include_inactive", OpenApiTypes.BOOL)],
        responses={200: STATION.__class__(many=True)},
        description="Every station with its latest value of each parameter (three queries).",
    )
    def get(self, request: Request) -> Response:
        include = inputs.flag(request.query_params, "include_inactive", default=False)
        items = list(_station_rows(selectors.stations(active=None if include else True)))
        latest = selectors.latest_by_station(station_ids=None)
        now = timezone.now()
        return Response([presenters.station(i, latest.get(i.id, []), now=now) for i in items])


class StationDetailView(APIView):
    @extend_schema(operation_id="environment_stations_retrieve",
                   responses={200: STATION, 404: ERROR})
    def get(self, request: Request, code: str) -> Response:
        station = selectors.station_by_code(code)
        item = _station_rows(selectors.stations(active=None).filter(pk=station.pk)).get()
        latest = selectors.latest_by_station(station_ids=[station.pk]).get(station.pk, [])
        return Response(presenters.station(item, latest, now=timezone.now()))


class StationReadingsView(APIView):
    @extend_schema(
        operation_id="environment_station_readings",
        parameters=[
            OpenApiParameter("parameter", OpenApiTypes.STR, required=True),
            OpenApiParameter("start", OpenApiTypes.DATETIME,
                             description="default: 7 days before end"),
            OpenApiParameter("end", OpenApiTypes.DATETIME, description="default: now"),
            OpenApiParameter("limit", OpenApiTypes.INT,
                             description=f"at most {selectors.MAX_SERIES} (the default)"),
        ],
        responses={200: inline_serializer("ReadingSeries", {
            "station": s.CharField(), "parameter": s.CharField(), "unit": s.CharField(),
            "start": s.DateTimeField(), "end": s.DateTimeField(), "count": s.IntegerField(),
            "truncated": s.BooleanField(),
            "readings": inline_serializer("SeriesPoint", {
                "observed_at": s.DateTimeField(), "value": s.FloatField(),
                "quality": s.CharField(),
            }, many=True),
        }), 400: ERROR, 404: ERROR},
        description="Readings of one parameter at a station in [start, end), oldest first; "
                    "truncated is true when more than limit exist (ask again from the last).",
    )
    def get(self, request: Request, code: str) -> Response:
        params = request.query_params
        station = selectors.station_by_code(code)
        parameter = selectors.parameter_by_code(inputs.required_text(params, "parameter"))
        end = inputs.moment(params, "end") or timezone.now()
        start = inputs.moment(params, "start") or end - dt.timedelta(days=7)
        limit = inputs.limit(params, selectors.MAX_SERIES)
        rows = list(selectors.readings_for(station, parameter, start, end, limit=limit + 1))
        return Response({
            "station": station.code, "parameter": parameter.code, "unit": parameter.unit,
            "start": presenters.iso(start), "end": presenters.iso(end),
            "count": min(len(rows), limit), "truncated": len(rows) > limit,
            "readings": [presenters.reading(r) for r in rows[:limit]],
        })


class StationNgsiLdView(APIView):
    renderer_classes = [LdJsonRenderer, JSONRenderer]

    @extend_schema(
        operation_id="environment_station_ngsi_ld",
        responses={200: OpenApiTypes.OBJECT, 404: ERROR},
        description="The station's latest observation as a FIWARE WaterQualityObserved "
                    "NGSI-LD entity (normalised, with @context).",
    )
    def get(self, request: Request, code: str) -> Response:
        station = selectors.station_by_code(code)
        latest = list(selectors.latest_values(station_ids=[station.pk]))
        return Response(station_entity(station, latest))
