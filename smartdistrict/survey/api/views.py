"""REST endpoints of the survey under /api/v1/survey/: thin wrappers over its services
and selectors (the same ones the pages use)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from smartdistrict.accounts.selectors import scope_for
from smartdistrict.core import datetimes
from smartdistrict.core.datetimes import MomentError, aware_utc
from smartdistrict.core.errors import InvalidInput, NotFound, PermissionDenied
from smartdistrict.core.parsers import FormBodyParser, JSONBodyParser
from smartdistrict.core.ratelimits import ReportIntakeThrottle
from smartdistrict.feedback.api import schemas as feedback_schemas
from smartdistrict.geography.models import Unit
from smartdistrict.survey import policy, selectors
from smartdistrict.survey.api import schemas
from smartdistrict.survey.forms import default_months
from smartdistrict.survey.indices import ItemIndex
from smartdistrict.survey.models import Channel, Counter, Procedure, TallyScope
from smartdistrict.survey.selectors import Line, Months
from smartdistrict.survey.services.dossiers import dossier_register
from smartdistrict.survey.services.responses import response_submit

errors = feedback_schemas.errors
BY = ("unit", "procedure", "counter", "month")
RETURNED_FIRST_YEAR = 2000


def _month(value: str, field: str) -> dt.date | None:
    if not value:
        return None
    try:
        year, month = (int(p) for p in value.split("-"))
        return dt.date(year, month, 1)
    except ValueError:
        raise InvalidInput(_("Write the month as YYYY-MM, e.g. 2025-07."), field=field) from None


def _item(found: ItemIndex) -> dict:
    return {"n": found.n, "satisfied": found.satisfied, "value": found.value,
            "mean": found.mean, "low": found.low, "high": found.high, "few": found.few}


def line_out(line: Line) -> dict:
    found = line.indices
    return {"code": line.code, "name": line.name, "rank": line.rank,
            "responses": found.responses, "overall": found.overall, "few": found.few,
            "items": {k: _item(v) for k, v in found.items.items()},
            "reports": line.reports, "comments": line.comments}


def _reader(request: Request):
    if not policy.can_view_results(request.user):
        raise PermissionDenied(_("Log in as a ward officer, leader or hotline operator."),
                               code="not_authenticated")


class IndicesView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("start", OpenApiTypes.STR, description="first month, YYYY-MM"),
            OpenApiParameter("end", OpenApiTypes.STR, description="last month, YYYY-MM"),
            OpenApiParameter("unit", OpenApiTypes.STR, description="a unit code (required "
                             "for by=procedure or by=counter)"),
            OpenApiParameter("by", OpenApiTypes.STR, enum=BY, description="default: unit"),
        ],
        responses={200: schemas.IndicesOut, **errors(400, 403, 404)},
    )
    def get(self, request: Request) -> Response:
        """Indices per element and overall, from the monthly tallies, in your scope."""
        _reader(request)
        scope = scope_for(request.user)
        default = default_months()
        start = _month(request.query_params.get("start", ""), "start") or default.start
        end = _month(request.query_params.get("end", ""), "end") or default.end
        if start > end or (end.year - start.year) * 12 + end.month - start.month >= 36:
            raise InvalidInput(_("Choose between one and 36 months."), field="start")
        months = Months(start, end)
        by = request.query_params.get("by", "unit")
        if by not in BY:
            raise InvalidInput(_("Unknown grouping."), field="by")
        unit = None
        code = request.query_params.get("unit", "")
        if code:
            unit = Unit.objects.filter(code=code).first()
            if unit is None or not scope.covers(unit_id=unit.id, department_id=None):
                raise NotFound(_("No unit in your scope has this code."), field="unit")
        if by in ("procedure", "counter") and unit is None:
            raise InvalidInput(_("Choose a unit to see its procedures or counters."),
                               field="unit")
        unit_ids = {unit.id} if unit else None
        if by == "unit":
            lines = selectors.by_unit(scope, months, unit_ids)
        elif by == "month":
            lines = selectors.by_month(scope, months, unit_ids)
        else:
            kind = TallyScope.PROCEDURE if by == "procedure" else TallyScope.COUNTER
            lines = selectors.by_key(scope, months, unit.id, kind)
        return Response({
            "start": f"{start:%Y-%m}", "end": f"{end:%Y-%m}", "by": by,
            "unit": unit.code if unit else None,
            "total": line_out(selectors.total(scope, months, unit_ids)),
            "lines": [line_out(x) for x in lines],
        })


class CodeCursor(CursorPagination):
    ordering = "code"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500


class ProcedureListView(APIView):
    @extend_schema(parameters=[OpenApiParameter("unit", OpenApiTypes.STR,
                                                description="only this unit's one-stop shop")],
                   responses={200: schemas.ProcedurePageOut})
    def get(self, request: Request) -> Response:
        """The catalogue of administrative procedures (public)."""
        rows = Procedure.objects.all()
        unit = request.query_params.get("unit", "")
        if unit:
            rows = rows.filter(offered__unit__code=unit, offered__active=True)
        paginator = CodeCursor()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response([
            {"code": p.code, "name": p.name, "field": p.field,
             "time_limit_days": p.time_limit_days} for p in page])


class CounterListView(APIView):
    @extend_schema(parameters=[OpenApiParameter("unit", OpenApiTypes.STR)],
                   responses={200: schemas.CounterPageOut})
    def get(self, request: Request) -> Response:
        """Counters of the one-stop shops (public)."""
        rows = Counter.objects.filter(active=True).select_related("unit")
        unit = request.query_params.get("unit", "")
        if unit:
            rows = rows.filter(unit__code=unit)
        paginator = CodeCursor()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response([
            {"unit": c.unit.code, "code": c.code, "name": c.name} for c in page])


def _str(data, name: str) -> str:
    value = data.get(name, "")
    return value if isinstance(value, str) else ""


def _returned_at(text: str) -> dt.datetime:
    """When the result was handed back: an aware time no later than now (a kiosk's clock
    may run a little fast) and not before the 2025 reform's year."""
    try:
        return aware_utc(text, years=(RETURNED_FIRST_YEAR, timezone.now().year))
    except MomentError as error:
        if error.reason in (datetimes.FORMAT, datetimes.NAIVE):
            raise InvalidInput(_("Give the time with its zone, e.g. 2025-07-01T09:30:00+07:00."),
                               field="returned_at") from None
        raise InvalidInput(_("Give a time between %(first)d and now.")
                           % {"first": RETURNED_FIRST_YEAR}, field="returned_at") from None


class DossierCreateView(APIView):
    parser_classes = [JSONBodyParser, FormBodyParser]

    @extend_schema(request=schemas.DossierIn, responses={201: schemas.DossierOut,
                                                          200: schemas.DossierOut,
                                                          **errors(400, 403, 404)})
    def post(self, request: Request) -> Response:
        """Register a dossier whose result was returned; answers its survey link and QR."""
        data = request.data
        if not hasattr(data, "get"):
            raise InvalidInput(_("Send the dossier as a JSON object."))
        unit = Unit.objects.filter(code=_str(data, "unit")).first()
        if unit is None:
            raise NotFound(_("No ward, commune or special zone has this code."), field="unit")
        if not policy.can_register(request.user, unit.id):
            raise PermissionDenied(_("Only the unit's ward officers register its dossiers."))
        returned_at = None
        if _str(data, "returned_at"):
            returned_at = _returned_at(_str(data, "returned_at"))
        dossier, created = dossier_register(
            unit=unit, procedure=_str(data, "procedure"), counter=_str(data, "counter"),
            servant=_str(data, "servant"), code=_str(data, "code"), returned_at=returned_at)
        absolute = request.build_absolute_uri
        return Response({
            "code": dossier.code, "token": dossier.token,
            "survey_url": absolute(reverse("survey:answer", args=[dossier.token])),
            "qr_svg": absolute(reverse("survey:qr", args=[dossier.token, "svg"])),
            "qr_png": absolute(reverse("survey:qr", args=[dossier.token, "png"])),
            "created": created, "answered": hasattr(dossier, "response"),
        }, status=201 if created else 200)


class ResponseCreateView(APIView):
    parser_classes = [JSONBodyParser]
    throttle_classes = [ReportIntakeThrottle]

    @extend_schema(request=schemas.ResponseIn, responses={201: schemas.ResponseOut,
                                                           **errors(400, 404, 429)})
    def post(self, request: Request) -> Response:
        """Answer the survey of a dossier (once), e.g. from a kiosk application."""
        data = request.data if isinstance(request.data, dict) else {}
        answers = data.get("answers")
        if not isinstance(answers, dict):
            raise InvalidInput(_("Give the answers as an object of scores."), field="answers")
        lists = {}
        for name in ("statements", "improve"):
            value = data.get(name) or []
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InvalidInput(_("Unknown answer."), field=name)
            lists[name] = value
        submitted = response_submit(
            token=_str(data, "token"), answers=answers, comment=_str(data, "comment"),
            follow_up=data.get("follow_up") is True, phone=_str(data, "phone"),
            email=_str(data, "email"), channel=Channel.API, **lists)
        return Response({"stored": True, "report_code": submitted.report_code,
                         "resident_token": submitted.resident_token}, status=201)
