"""The REST API's error answers for the OpenAPI schema. Every other answer's shape is the
return type of its presenter (feedback.api.presenters), documented through
core.api_types.serializer_for: declared once."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse

from smartdistrict.core.api_types import serializer_for
from smartdistrict.core.errors import ErrorBody

_ERROR = serializer_for(ErrorBody)

ERRORS = {
    400: OpenApiResponse(_ERROR, description="Invalid input; `field` names the culprit."),
    401: OpenApiResponse(_ERROR, description="Log in first."),
    403: OpenApiResponse(_ERROR, description="Not allowed for this account or role."),
    404: OpenApiResponse(_ERROR, description="Unknown or not visible to you."),
    429: OpenApiResponse(
        _ERROR, description="Too many requests from this address, key or account; the "
        "Retry-After header (and `retry_after`) says after how many seconds to try again.",
    ),
}


def errors(*statuses: int) -> dict:
    return {status: ERRORS[status] for status in statuses}
