"""Photos attached to reports: checked, decoded and re-encoded before anyone sees them.

Residents photograph problems in front of their own homes, so a photo straight from a
phone tells anyone who downloads it where the resident lives (EXIF GPS), which phone
they own, and sometimes their name (comments, XMP, PNG text chunks). Nothing of the
uploaded file is kept: it is decoded to pixels with Pillow, and only those pixels are
encoded again into a brand-new file. Decoding also proves that the upload really is an
image of an accepted format, whatever its name or declared content type says.

Decisions (see also the docstrings below):

* Formats are decided by the decoder, never by the file name or content type.
  JPEG stays JPEG, PNG stays PNG, WebP stays WebP, so what the resident sent is what
  staff see, just without metadata.
* Multi-frame files are reduced to their first frame. Many phone cameras write MPO
  (a JPEG followed by a preview or depth frame); refusing them would refuse ordinary
  photos. Animated PNG and WebP are treated the same way: the report keeps a still.
* Colour profiles are not copied (an ICC profile can name the device and is metadata
  nobody needs). Instead, pixels with an embedded profile (Display P3 on iPhones, CMYK
  press profiles) are converted to sRGB first, so colours still look right in an
  untagged file, which browsers treat as sRGB.
* Pixel limits are checked on the dimensions the header declares, before any pixel is
  decoded, so a small file that declares an enormous picture costs nothing. Pillow's
  own global ``Image.MAX_IMAGE_PIXELS`` is left alone (it is process-wide state); it
  stays a second, looser guard.
* Decoding is bounded too: ``PHOTO_MAX_DECODE_PIXELS`` limits the pixels one photo
  really decodes (a JPEG after its DCT scaling, ``draft``; a PNG or WebP in full), and
  ``feedback.photo_budget`` the pixels and bytes of all the photos of one request. Right
  after decoding, a picture larger than the output is resized in place (Pillow reduces
  by an integer factor first) and the full-size pixels are freed, so the later steps
  work on a fraction of them.
"""

from __future__ import annotations

import hashlib
import io
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from smartdistrict.core.errors import InvalidInput
from smartdistrict.feedback import photo_pixels

__all__ = [
    "MAX_PHOTOS",
    "PhotoLimits",
    "ProcessedPhoto",
    "check_photo_count",
    "photo_limits",
    "process_photo",
]


MAX_PHOTOS = 5
_MEBIBYTE = 1024 * 1024
FIELD = "photos"

JPEG_QUALITY = 85
WEBP_QUALITY = 85
THUMB_CONTENT_TYPE = "image/jpeg"

# Pillow format names the decoder may report for an accepted upload. MPO is how Pillow
# names a multi-picture JPEG, the format many phone cameras write.
_ACCEPTED_DECODERS = ("JPEG", "PNG", "WEBP")
_OUTPUT_FORMAT = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}
# Only used to tell "an image, but not accepted" from "not an image" in the message.
# Kept short on purpose: each entry is one more header parser run on untrusted bytes.
_RECOGNISED_REFUSED_DECODERS = ("GIF", "BMP", "TIFF", "ICO")
# HEIF/HEIC (iPhone) and AVIF start with an ISO-BMFF "ftyp" box.
_ISO_BMFF_MARKER = b"ftyp"

# Exceptions Pillow raises on corrupt or hostile data while reading a header or pixels.
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error)


@dataclass(frozen=True)
class _Encoding:
    content_type: str
    extension: str
    options: dict


_ENCODINGS = {
    "JPEG": _Encoding(
        "image/jpeg", "jpg", {"quality": JPEG_QUALITY, "optimize": True, "progressive": True}
    ),
    # compress_level 6 (zlib's default): "optimize" (level 9) costs seconds on big images.
    "PNG": _Encoding("image/png", "png", {"compress_level": 6}),
    "WEBP": _Encoding("image/webp", "webp", {"quality": WEBP_QUALITY, "method": 4}),
}


@dataclass(frozen=True)
class PhotoLimits:
    """The limits in force, read from settings at each call so tests and admins can tune them."""

    max_bytes: int
    max_pixels: int
    max_side: int
    thumb_side: int
    max_decode_pixels: int
    max_request_bytes: int
    max_request_pixels: int


def photo_limits() -> PhotoLimits:
    """Current limits: ``PHOTO_MAX_BYTES``, ``PHOTO_MAX_PIXELS``, ``PHOTO_MAX_SIDE``,
    ``PHOTO_THUMB_SIDE``, ``PHOTO_MAX_DECODE_PIXELS``, ``PHOTO_MAX_REQUEST_BYTES`` and
    ``PHOTO_MAX_REQUEST_PIXELS`` from settings (their defaults: the settings package)."""
    return PhotoLimits(
        max_bytes=settings.PHOTO_MAX_BYTES,
        max_pixels=settings.PHOTO_MAX_PIXELS,
        max_side=settings.PHOTO_MAX_SIDE,
        thumb_side=settings.PHOTO_THUMB_SIDE,
        max_decode_pixels=settings.PHOTO_MAX_DECODE_PIXELS,
        max_request_bytes=settings.PHOTO_MAX_REQUEST_BYTES,
        max_request_pixels=settings.PHOTO_MAX_REQUEST_PIXELS,
    )


@dataclass(frozen=True)
class ProcessedPhoto:
    """A photo safe to store and show: re-encoded pixels only, plus a thumbnail for lists.

    ``extension`` has no leading dot (``"jpg"``, ``"png"``, ``"webp"``); ``sha256`` is the
    hex digest of ``data``, so the same re-encoded photo can be recognised twice.
    """

    data: bytes
    content_type: str
    extension: str
    width: int
    height: int
    thumbnail: bytes
    thumbnail_content_type: str
    sha256: str


# --- public API --------------------------------------------------------------------


def check_photo_count(existing: int, adding: int) -> None:
    """Refuse to take a report beyond ``MAX_PHOTOS`` photos.

    Checked both at intake and when photos are added later, so the limit holds however
    the photos arrive.
    """
    if existing < 0 or adding < 0:
        raise ValueError("photo counts cannot be negative")
    if existing + adding > MAX_PHOTOS:
        raise InvalidInput(
            _("A report can have at most %(limit)d photos.") % {"limit": MAX_PHOTOS},
            field=FIELD,
            code="too_many_photos",
            limit=MAX_PHOTOS,
        )


class UploadedBytes(bytes):
    """The bytes of an uploaded file with the file's name, which a refusal echoes (the
    resident who chose three files learns which one was refused); never stored."""

    name: str = ""


def _named(data: bytes, name: str) -> bytes:
    if not name:
        return data
    named = UploadedBytes(data)
    named.name = name
    return named


def read_uploads(files: Sequence[bytes | Any]) -> list[bytes]:
    """The bytes of uploaded files (or bytes already read), refusing too many or too large
    ones before reading any (a client could otherwise make the server hold 5 × 10 MB per
    request for nothing)."""
    files = list(files)
    check_photo_count(0, len(files))
    limits = photo_limits()
    sizes = [len(upload) if isinstance(upload, bytes) else upload.size for upload in files]
    for upload, size in zip(files, sizes, strict=True):
        if size > limits.max_bytes:
            megabytes = _number(limits.max_bytes / _MEBIBYTE)
            raise _refusal(
                "photo_too_large",
                _("The photo is too large: the limit is %(limit)s MB.") % {"limit": megabytes},
                str(getattr(upload, "name", "") or ""),
            )
    if sum(sizes) > limits.max_request_bytes:
        megabytes = _number(limits.max_request_bytes / _MEBIBYTE)
        raise InvalidInput(
            _("The photos are too large together: the limit is %(limit)s MB per report.")
            % {"limit": megabytes}, field=FIELD, code="photos_too_large",
        )
    return [upload if isinstance(upload, bytes)
            else _named(upload.read(), str(getattr(upload, "name", "") or ""))
            for upload in files]


def decode_pixels(data: bytes, *, filename: str = "") -> int:
    """How many pixels decoding ``data`` will produce (a JPEG at its DCT scale), read
    from the header only; raises the same refusals as ``process_photo``."""
    limits = photo_limits()
    _check_size(data, limits, filename)
    with _open(data, filename) as image:
        _check_pixels(image, limits, filename)
        if image.format in ("JPEG", "MPO"):
            image.draft(None, (limits.max_side, limits.max_side))
        return image.width * image.height


def process_photo(data: bytes, *, filename: str = "") -> ProcessedPhoto:
    """Check an uploaded photo and return it re-encoded without any metadata.

    ``filename`` is only echoed in errors (so a client can say which of several photos
    was refused); it never decides anything. Raises ``InvalidInput`` (field ``photos``)
    with code ``photo_empty``, ``photo_too_large``, ``photo_not_an_image``,
    ``photo_format`` or ``photo_too_many_pixels``.
    """
    limits = photo_limits()
    _check_size(data, limits, filename)
    source = _open(data, filename)
    _check_pixels(source, limits, filename)
    output_format = _OUTPUT_FORMAT[source.format or ""]
    icc_profile = source.info.get("icc_profile")
    pixels = _decode(source, limits, filename)
    pixels = photo_pixels.upright(pixels)
    pixels = photo_pixels.normalise_colours(pixels, icc_profile)
    pixels.thumbnail((limits.max_side, limits.max_side), Image.Resampling.LANCZOS)
    clean = photo_pixels.pixels_only(pixels)
    encoding = _ENCODINGS[output_format]
    encoded = photo_pixels.encode(clean, output_format, encoding.options)
    return ProcessedPhoto(
        data=encoded,
        content_type=encoding.content_type,
        extension=encoding.extension,
        width=clean.width,
        height=clean.height,
        thumbnail=photo_pixels.thumbnail(clean, limits.thumb_side),
        thumbnail_content_type=THUMB_CONTENT_TYPE,
        sha256=hashlib.sha256(encoded).hexdigest(),
    )


# --- checks --------------------------------------------------------------------------


def _refusal(code: str, message: str, filename: str) -> InvalidInput:
    """A photo refused, named in the message when its file name is known."""
    if not filename:
        return InvalidInput(message, field=FIELD, code=code)
    named = _("“%(file)s”: %(problem)s") % {"file": filename, "problem": message}
    return InvalidInput(named, field=FIELD, code=code, filename=filename)


def _not_an_image(filename: str) -> InvalidInput:
    return _refusal(
        "photo_not_an_image",
        _("This file is not a readable image. Please send a JPEG, PNG or WebP photo."),
        filename,
    )


def _wrong_format(filename: str) -> InvalidInput:
    return _refusal(
        "photo_format",
        _("This image format is not accepted. Please send a JPEG, PNG or WebP photo."),
        filename,
    )


def _too_many_pixels(limits: PhotoLimits, filename: str) -> InvalidInput:
    megapixels = _number(limits.max_pixels / 1_000_000)
    return _refusal(
        "photo_too_many_pixels",
        _("The photo has too many pixels: the limit is %(limit)s megapixels.")
        % {"limit": megapixels},
        filename,
    )


def _number(value: float) -> str:
    """A limit for a message, in the active language's style ("10", "0,5" in Vietnamese)."""
    rounded = round(value, 1)
    return number_format(int(rounded) if rounded.is_integer() else rounded)


def _check_size(data: bytes, limits: PhotoLimits, filename: str) -> None:
    """Refuse empty and oversized uploads before any parsing."""
    if not data:
        raise _refusal("photo_empty", _("The photo is empty."), filename)
    if len(data) > limits.max_bytes:
        megabytes = _number(limits.max_bytes / _MEBIBYTE)
        raise _refusal(
            "photo_too_large",
            _("The photo is too large: the limit is %(limit)s MB.") % {"limit": megabytes},
            filename,
        )


def _open(data: bytes, filename: str) -> Image.Image:
    """Read the header with the accepted decoders only; no pixel is decoded yet."""
    try:
        image = Image.open(io.BytesIO(data), formats=_ACCEPTED_DECODERS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Beyond Pillow's own global guard, which is far looser than ours.
        raise _too_many_pixels(photo_limits(), filename) from None
    except UnidentifiedImageError:
        refusal = _wrong_format(filename) if _is_other_image(data) else _not_an_image(filename)
        raise refusal from None
    except _DECODE_ERRORS:
        raise _not_an_image(filename) from None
    if image.format not in _OUTPUT_FORMAT:  # defensive: a decoder naming a new format
        raise _wrong_format(filename)
    return image


def _is_other_image(data: bytes) -> bool:
    """Whether ``data`` looks like an image of a refused format (for a clearer message)."""
    if data[4:8] == _ISO_BMFF_MARKER:
        return True
    try:
        with Image.open(io.BytesIO(data), formats=_RECOGNISED_REFUSED_DECODERS):
            return True
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return True
    except _DECODE_ERRORS:
        return False


def _check_pixels(image: Image.Image, limits: PhotoLimits, filename: str) -> None:
    """Refuse on the declared dimensions, before decoding: the decompression-bomb guard."""
    width, height = image.size
    if width * height > limits.max_pixels:
        raise _too_many_pixels(limits, filename)


# --- decoding and pixel work -----------------------------------------------------------


def _decode(image: Image.Image, limits: PhotoLimits, filename: str) -> Image.Image:
    """Decode the first frame; a truncated or corrupt file is "not an image".

    For JPEG, the decoder is asked for the smallest DCT scale that still covers the
    output size, which saves memory and time on 48-megapixel phone photos.
    """
    if image.format in ("JPEG", "MPO"):
        image.draft(None, (limits.max_side, limits.max_side))
    if image.width * image.height > limits.max_decode_pixels:
        raise _refusal(
            "photo_too_many_pixels",
            _("The photo has too many pixels to process: the limit is %(limit)s megapixels.")
            % {"limit": _number(limits.max_decode_pixels / 1_000_000)},
            filename,
        )
    try:
        image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(limits, filename) from None
    except _DECODE_ERRORS:
        raise _not_an_image(filename) from None
    return photo_pixels.reduced(image, limits.max_side)
