"""REST endpoints of feedback: thin wrappers over feedback services and selectors."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers as s
from rest_framework import status as http
from rest_framework.pagination import CursorPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from smartdistrict.accounts.models import User
from smartdistrict.core.api_types import serializer_for
from smartdistrict.core.errors import InvalidInput, NotFound, PermissionDenied
from smartdistrict.core.ratelimits import ReportIntakeThrottle
from smartdistrict.feedback import selectors
from smartdistrict.feedback.api import inputs, presenters, schemas
from smartdistrict.feedback.models import Channel, Event, Report, Status
from smartdistrict.feedback.resident_token import resident_token
from smartdistrict.feedback.services import duplicates, privacy, residents, workflow
from smartdistrict.feedback.services.intake import report_create
from smartdistrict.feedback.suggestions import current_suggester
from smartdistrict.geography.selectors import validate_point


def _staff(request: Request) -> User:
    user = request.user
    if not user.is_authenticated or not (getattr(user, "role", "") or user.is_superuser):
        raise PermissionDenied(_("Log in as staff to do this."), code="not_authenticated")
    return user


def _report_for_staff(request: Request, code: str) -> tuple[User, Report]:
    user = _staff(request)
    report = selectors.report_by_code(code)
    if not selectors.user_can_see(user, report):
        raise NotFound(_("No report has this code."), code="report_not_found")
    return user, report


class CategoryListView(APIView):
    @extend_schema(responses={200: serializer_for(presenters.CategoryPublic)(many=True)})
    def get(self, request: Request) -> Response:
        return Response([presenters.category_public(c) for c in selectors.active_categories()])


class SuggestView(APIView):
    @extend_schema(parameters=[OpenApiParameter("text", OpenApiTypes.STR, required=True)],
                   responses={200: serializer_for(presenters.Suggestions), **schemas.errors(400)})
    def get(self, request: Request) -> Response:
        text = request.query_params.get("text", "")
        if len(text.strip()) < 3:
            raise InvalidInput(_("Type a few words first."), field="text")
        names = {c.code: c.name for c in selectors.active_categories()}
        suggestions = [
            {"code": s.code, "name": names[s.code], "score": round(s.score, 3)}
            for s in current_suggester().suggest(text[:2000], k=3) if s.code in names
        ]
        body: presenters.Suggestions = {"suggestions": suggestions, "applied": False}
        return Response(body)


class ReportCursor(CursorPagination):
    ordering = "-created_at"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class ReportListCreateView(APIView):
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    throttle_classes = [ReportIntakeThrottle]  # POST only; per address, or per staff account

    @extend_schema(
        operation_id="reports_create",
        request=inline_serializer("ReportCreate", {
            "category": s.CharField(help_text="category code (Open311 service_code)"),
            "description": s.CharField(min_length=10, max_length=4000),
            "lat": s.FloatField(required=False), "lon": s.FloatField(required=False),
            "address": s.CharField(required=False, help_text="used when there is no point"),
            "channel": s.ChoiceField(choices=Channel.values, required=False, default="web"),
            "reporter_name": s.CharField(required=False),
            "reporter_phone": s.CharField(required=False),
            "reporter_email": s.EmailField(required=False),
            "attributes": s.DictField(required=False, help_text="answers by question code"),
            "idempotency_key": s.CharField(required=False),
            "photos": s.ListField(child=s.FileField(), required=False, max_length=5),
        }),
        responses={
            201: serializer_for(presenters.ReportCreated),
            200: serializer_for(presenters.ReportCreated),
            **schemas.errors(400, 404, 429),
        },
    )
    def post(self, request: Request) -> Response:
        report, created = report_create(data=inputs.report_input(request))
        # The resident's key to rate or reopen: shown once, on creation; never stored.
        body = presenters.report_created(
            report, created=created, token=resident_token(report) if created else None
        )
        return Response(body, status=http.HTTP_201_CREATED if created else http.HTTP_200_OK)

    @extend_schema(
        operation_id="reports_list",
        parameters=[
            OpenApiParameter("status", OpenApiTypes.STR, description="comma-separated"),
            OpenApiParameter("category", OpenApiTypes.STR),
            OpenApiParameter("ward", OpenApiTypes.STR, description="unit code"),
            OpenApiParameter("department", OpenApiTypes.STR, description="department code"),
            OpenApiParameter("overdue", OpenApiTypes.BOOL),
            OpenApiParameter("created_after", OpenApiTypes.DATE),
            OpenApiParameter("created_before", OpenApiTypes.DATE),
            OpenApiParameter("bbox", OpenApiTypes.STR, description="minLon,minLat,maxLon,maxLat"),
        ],
        responses={200: serializer_for(presenters.ReportPage), **schemas.errors(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        user = _staff(request)
        reports = selectors.reports_visible_to(user).select_related(
            "duplicate_of", "suggested_category"
        ).prefetch_related("photos")
        reports = inputs.filter_reports(reports, request.query_params)
        paginator = ReportCursor()
        page = paginator.paginate_queryset(reports, request, view=self)
        return paginator.get_paginated_response([presenters.report_staff(r) for r in page])


class SatisfactionView(APIView):
    """Residents' ratings per ward or department, within the caller's scope (worst first)."""

    @extend_schema(
        parameters=[
            OpenApiParameter("by", OpenApiTypes.STR, enum=["ward", "department"]),
            OpenApiParameter("created_after", OpenApiTypes.DATE),
            OpenApiParameter("created_before", OpenApiTypes.DATE),
        ],
        responses={200: serializer_for(presenters.Satisfaction),
                   **schemas.errors(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        user = _staff(request)
        by = request.query_params.get("by", "ward")
        if by not in ("ward", "department"):
            raise InvalidInput(_("Group by ward or department."), field="by")
        reports = inputs.filter_reports(selectors.reports_visible_to(user), request.query_params)
        body: presenters.Satisfaction = {"by": by,
                                         "results": selectors.satisfaction(reports, by=by)}
        return Response(body)


class ReportDetailView(APIView):
    @extend_schema(responses={200: serializer_for(presenters.ReportStaff), **schemas.errors(404)})
    def get(self, request: Request, code: str) -> Response:
        report = selectors.report_by_code(code)
        user = request.user
        staff = (
            user.is_authenticated
            and (getattr(user, "role", "") or user.is_superuser)
            and selectors.user_can_see(user, report)
        )
        events = Event.objects.filter(report=report).order_by("created_at", "id")
        if staff:
            report = (
                Report.objects.select_related(
                    "category", "ward", "department", "assignee", "duplicate_of",
                    "suggested_category",
                )
                .prefetch_related(Prefetch("photos"))
                .get(pk=report.pk)
            )
            return Response(presenters.report_staff(report, timeline=list(events)))
        return Response(
            presenters.report_public(report, timeline=list(events.filter(public=True)))
        )


class ReportTransitionView(APIView):
    @extend_schema(
        request=inline_serializer("ReportTransition", {
            "to": s.ChoiceField(choices=Status.values),
            "note": s.CharField(required=False),
            "public": s.BooleanField(required=False, default=True),
            "assignee": s.CharField(required=False, help_text="username, for assigned"),
            "duplicate_of": s.CharField(required=False, help_text="code, for duplicate"),
        }),
        responses={200: serializer_for(presenters.CodeStatus),
                   **schemas.errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, code: str) -> Response:
        user, report = _report_for_staff(request, code)
        data = inputs.request_body(request)
        to = inputs.text_field(data, "to")
        if to == Status.DUPLICATE:
            original_code = inputs.text_field(data, "duplicate_of")
            if not original_code:
                raise InvalidInput(_("Give the code of the original report."),
                                   field="duplicate_of")
            try:
                original = selectors.report_by_code(original_code)
            except NotFound as error:
                raise InvalidInput(str(error.message), field="duplicate_of") from None
            duplicates.report_merge(duplicate=report, original=original, actor=user)
        else:
            assignee = None
            if inputs.text_field(data, "assignee"):
                assignee = User.objects.filter(username=inputs.text_field(data, "assignee")).first()
                if assignee is None:
                    raise InvalidInput(_("No such user."), field="assignee")
            workflow.report_transition(
                report=report, to=to, actor=user, note=inputs.text_field(data, "note"),
                public=inputs.flag_field(data, "public", True), assignee=assignee,
            )
        report.refresh_from_db()
        return Response(presenters.code_status(report))


class ReportContactView(APIView):
    @extend_schema(responses={200: serializer_for(presenters.Contact),
                              **schemas.errors(401, 403, 404)})
    def get(self, request: Request, code: str) -> Response:
        user, report = _report_for_staff(request, code)
        contact = privacy.report_contact_view(report=report, user=user, channel="api")
        body: presenters.Contact = {"name": contact.name, "phone": contact.phone,
                                    "email": contact.email}
        return Response(body)


class NearbyView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("category", OpenApiTypes.STR, required=True),
            OpenApiParameter("lat", OpenApiTypes.DOUBLE, required=True),
            OpenApiParameter("lon", OpenApiTypes.DOUBLE, required=True),
        ],
        responses={200: serializer_for(presenters.NearbyReport)(many=True),
                   **schemas.errors(400)},
    )
    def get(self, request: Request) -> Response:
        lat, lon = validate_point(request.query_params.get("lat"), request.query_params.get("lon"))
        category = selectors.category_usable(request.query_params.get("category", ""))
        if category is None:
            raise InvalidInput(_("Choose a category."), field="category")
        found = selectors.nearby_open_reports(category=category, lat=lat, lon=lon)
        return Response([presenters.nearby_report(r, lat=lat, lon=lon) for r in found])


class SupportView(APIView):
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "support"

    @extend_schema(request=None, responses={200: serializer_for(presenters.Supporters),
                                            **schemas.errors(400, 404)})
    def post(self, request: Request, code: str) -> Response:
        report = residents.report_support(report=selectors.report_by_code(code))
        body: presenters.Supporters = {"code": report.code, "supporters": report.supporters}
        return Response(body)


class RatingView(APIView):
    @extend_schema(request=OpenApiTypes.OBJECT, responses={
        200: serializer_for(presenters.Rating), **schemas.errors(400, 403, 404)})
    def post(self, request: Request, code: str) -> Response:
        data = inputs.request_body(request)
        report = residents.report_rate(
            report=selectors.report_by_code(code), token=inputs.text_field(data, "token"),
            score=data.get("rating"), comment=inputs.text_field(data, "comment"),
        )
        body: presenters.Rating = {"code": report.code, "rating": report.rating}
        return Response(body)


class ReopenView(APIView):
    @extend_schema(request=OpenApiTypes.OBJECT, responses={
        200: serializer_for(presenters.CodeStatus), **schemas.errors(400, 403, 404)})
    def post(self, request: Request, code: str) -> Response:
        data = inputs.request_body(request)
        report = residents.report_reopen_by_resident(
            report=selectors.report_by_code(code), token=inputs.text_field(data, "token"),
            reason=inputs.text_field(data, "note"),
        )
        return Response(presenters.code_status(report))
