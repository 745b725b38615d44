"""The photos of one request, decoded within one budget.

Five near-limit photos once held a worker for 13.8 s: each was within its own limits,
together they were not. Before any photo is decoded, the pixels each will produce are
read from their headers (``photos.decode_pixels``) and their sum is held to
``PHOTO_MAX_REQUEST_PIXELS``; the bytes were already held to ``PHOTO_MAX_REQUEST_BYTES``
before being read (``photos.read_uploads``). A refusal names the field and costs only
the headers.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput
from smartdistrict.feedback.photos import (
    FIELD,
    ProcessedPhoto,
    check_photo_count,
    decode_pixels,
    photo_limits,
    process_photo,
)


def process_photos(photos: Sequence[bytes]) -> list[ProcessedPhoto]:
    """Check every photo's header and the request's pixel budget, then process each."""
    check_photo_count(0, len(photos))
    limits = photo_limits()
    total = sum(decode_pixels(data, filename=_name(data)) for data in photos)
    if total > limits.max_request_pixels:
        megapixels = round(limits.max_request_pixels / 1_000_000)
        raise InvalidInput(
            _("The photos have too many pixels together: the limit is %(limit)s megapixels "
              "per report. Send fewer or smaller photos.") % {"limit": megapixels},
            field=FIELD, code="photos_too_many_pixels",
        )
    return [process_photo(data, filename=_name(data)) for data in photos]


def _name(data: bytes) -> str:
    """The uploaded file's name, when read_uploads kept it (only echoed in refusals)."""
    return getattr(data, "name", "")
