"""Response shapes of the REST API, for the OpenAPI schema only.

The views build their answers with the presenters (plain dicts); these serializers describe
those dicts so that clients, the docs page and schemathesis know what comes back. They are
never used to validate or render, so a mismatch shows up in the schemathesis test.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers as s


class ErrorOut(s.Serializer):
    detail = s.CharField(help_text="What went wrong, in the request's language.")
    code = s.CharField(required=False)
    field = s.CharField(required=False, help_text="The input field at fault.")


ERRORS = {
    400: OpenApiResponse(ErrorOut, description="Invalid input; `field` names the culprit."),
    401: OpenApiResponse(ErrorOut, description="Log in first."),
    403: OpenApiResponse(ErrorOut, description="Not allowed for this account or role."),
    404: OpenApiResponse(ErrorOut, description="Unknown or not visible to you."),
    429: OpenApiResponse(
        ErrorOut, description="Too many requests from this address, key or account; the "
        "Retry-After header (and `retry_after`) says after how many seconds to try again.",
    ),
}


def errors(*statuses: int) -> dict:
    return {status: ERRORS[status] for status in statuses}


class DeadlineOut(s.Serializer):
    value = s.IntegerField()
    unit = s.CharField()


class AttributeOut(s.Serializer):
    code = s.CharField()
    datatype = s.CharField()
    required = s.BooleanField()
    order = s.IntegerField()
    description = s.CharField()
    description_en = s.CharField()
    values = s.ListField(child=s.DictField())


class CategoryOut(s.Serializer):
    code = s.CharField()
    name = s.CharField()
    name_en = s.CharField()
    group = s.CharField()
    group_en = s.CharField()
    deadline = DeadlineOut()
    anonymous_allowed = s.BooleanField()
    attributes = AttributeOut(many=True)


class CategoryRefOut(s.Serializer):
    code = s.CharField()
    name = s.CharField()
    name_en = s.CharField()


class WardRefOut(s.Serializer):
    code = s.CharField()
    gso_code = s.CharField(allow_null=True)
    name = s.CharField()


class PhotoOut(s.Serializer):
    url = s.CharField()
    thumbnail_url = s.CharField()
    width = s.IntegerField()
    height = s.IntegerField()


class EventOut(s.Serializer):
    kind = s.CharField()
    to = s.CharField(allow_null=True)
    note = s.CharField(allow_blank=True)
    by = s.CharField(allow_null=True)
    at = s.DateTimeField()
    public = s.BooleanField(required=False, help_text="Staff view only.")


# `from` is a Python keyword, so the field is declared after the class.
EventOut._declared_fields["from"] = s.CharField(allow_null=True)


class ReportPublicOut(s.Serializer):
    code = s.CharField()
    category = CategoryRefOut()
    description = s.CharField()
    lat = s.FloatField(allow_null=True)
    lon = s.FloatField(allow_null=True)
    address = s.CharField(allow_blank=True)
    ward = WardRefOut()
    department = s.CharField()
    channel = s.CharField()
    priority = s.CharField()
    status = s.CharField()
    state = s.ChoiceField(choices=["open", "closed"])
    created_at = s.DateTimeField()
    updated_at = s.DateTimeField()
    due_at = s.DateTimeField(allow_null=True)
    resolved_at = s.DateTimeField(allow_null=True)
    closed_at = s.DateTimeField(allow_null=True)
    overdue = s.BooleanField()
    supporters = s.IntegerField()
    duplicate_of = s.CharField(allow_null=True)
    rating = s.IntegerField(allow_null=True)
    photos = PhotoOut(many=True)
    timeline = EventOut(many=True, required=False)


class ReportStaffOut(ReportPublicOut):
    """Staff in scope get these fields too; anyone else gets the public ones only."""

    department_code = s.CharField(required=False)
    assignee = s.CharField(allow_null=True, required=False)
    attributes = s.DictField(required=False)
    first_response_at = s.DateTimeField(allow_null=True, required=False)
    rating_comment = s.CharField(allow_blank=True, required=False)
    suggested_category = s.CharField(allow_null=True, required=False)
    has_contact = s.BooleanField(required=False)


class ReportPageOut(s.Serializer):
    next = s.CharField(allow_null=True)
    previous = s.CharField(allow_null=True)
    results = ReportStaffOut(many=True)


class NearbyOut(s.Serializer):
    code = s.CharField()
    description = s.CharField()
    status = s.CharField()
    lat = s.FloatField(allow_null=True)
    lon = s.FloatField(allow_null=True)
    supporters = s.IntegerField()
    distance_m = s.IntegerField()


class CodeStatusOut(s.Serializer):
    code = s.CharField()
    status = s.CharField()


class ContactOut(s.Serializer):
    name = s.CharField(allow_blank=True)
    phone = s.CharField(allow_blank=True)
    email = s.CharField(allow_blank=True)
