"""POST /api/v1/reports/<code>/forward: the REST door to feedback.services.forwarding."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers as s
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from smartdistrict.feedback.api import inputs, schemas
from smartdistrict.feedback.api.views import _report_for_staff
from smartdistrict.feedback.services.forwarding import forward_inputs, report_forward


class ReportForwardView(APIView):
    @extend_schema(
        summary="Forward a report to another unit or department",
        description=(
            "The city hotline centre's triage (any report), or a ward officer or department "
            "staff sending on a report of their own scope. Give `to_unit` (a unit code of "
            "today's commune tier: the department then comes from the routing rules), "
            "`to_department` (a department code that serves the unit), or both. The due "
            "time is kept; assigned or in-progress reports become new."
        ),
        request=inline_serializer("ReportForward", {
            "to_unit": s.CharField(required=False, help_text="unit code, e.g. 26911"),
            "to_department": s.CharField(required=False, help_text="department code"),
            "note": s.CharField(required=False, help_text="why (public)"),
        }),
        responses={200: inline_serializer("ReportForwarded", {
            "code": s.CharField(), "status": s.CharField(), "ward": s.CharField(),
            "department": s.CharField(), "due_at": s.DateTimeField(),
        }), **schemas.errors(400, 401, 403, 404)},
    )
    def post(self, request: Request, code: str) -> Response:
        user, report = _report_for_staff(request, code)
        data = inputs.request_body(request)
        unit, department = forward_inputs(
            unit_code=inputs.text_field(data, "to_unit"),
            department_code=inputs.text_field(data, "to_department"),
        )
        report = report_forward(report=report, to_unit=unit, to_department=department,
                                actor=user, note=inputs.text_field(data, "note"))
        return Response({
            "code": report.code, "status": report.status, "ward": report.ward.code,
            "department": report.department.code, "due_at": report.due_at,
        })
