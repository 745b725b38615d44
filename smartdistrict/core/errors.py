"""Typed domain errors, mapped to HTTP responses in one place (core.api).

Each carries a translatable message and, where a request field is at fault, its name,
so that an API client and a form can both point at the field.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """Base of every error a service or selector raises on purpose."""

    status_code = 400
    default_message = _("The request could not be processed.")
    code = "invalid"

    def __init__(
        self,
        message: str | None = None,
        *,
        field: str | None = None,
        code: str | None = None,
        **extra,
    ):
        self.message = message if message is not None else self.default_message
        self.field = field
        if code is not None:
            self.code = code
        self.extra = extra
        super().__init__(str(self.message))

    @property
    def headers(self) -> dict[str, str]:
        """HTTP headers the response must carry (e.g. Retry-After); none by default."""
        return {}


class ErrorBody(TypedDict):
    """An error of the REST API: what went wrong in the request's language, a stable code,
    and the input field at fault; some errors add facts of their own (``retry_after`` of a
    429, ``candidates`` of an unresolved address, ``filename`` of a refused photo)."""

    detail: str
    code: str
    field: NotRequired[str]


def error_body(error: DomainError) -> ErrorBody:
    """The REST API's JSON body of an error: detail, code, the field, any extra facts."""
    body: dict[str, Any] = {"detail": str(error.message), "code": error.code}
    if error.field:
        body["field"] = error.field
    for key, value in error.extra.items():
        body[key] = value
    return body


class InvalidInput(DomainError):
    code = "invalid"


class NotFound(DomainError):
    status_code = 404
    code = "not_found"
    default_message = _("Not found.")


class PermissionDenied(DomainError):
    status_code = 403
    code = "permission_denied"
    default_message = _("You do not have permission to do this.")


class LegacyEncodingError(InvalidInput):
    """Text in an old 8-bit Vietnamese encoding that could not be converted safely."""

    code = "legacy_encoding"

    def __init__(self, encoding: str, *, field: str | None = None):
        super().__init__(
            _(
                "The text seems to be in an old Vietnamese encoding (%(encoding)s) and "
                "could not be converted. Please type it again with a Unicode keyboard."
            )
            % {"encoding": encoding.upper()},
            field=field,
            encoding=encoding,
        )


class RateLimited(DomainError):
    """Too many requests from one client address, API key, token or staff account."""

    status_code = 429
    code = "rate_limited"

    def __init__(self, retry_after: int, message: str | None = None):
        self.retry_after = max(1, int(retry_after))
        super().__init__(
            message
            or _("Too many submissions from your connection or key: please try again in "
                 "%(seconds)d seconds.") % {"seconds": self.retry_after},
            retry_after=self.retry_after,
        )

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}
