"""Images built in memory for the photo tests, and parsers of the output files' own
structure (JPEG segments, PNG chunks, WebP RIFF chunks), so metadata cannot hide where
the decoder does not look."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from PIL import Image

from smartdistrict.core.errors import InvalidInput
from smartdistrict.feedback.photos import (
    process_photo,
)

GPS_IFD = 0x8825
ORIENTATION = 0x0112
MAKE = 0x010F
SECRETS = (b"SecretPhone", b"WGS-84", b"2024:05:01", b"SECRETXMP", b"SECRETCOMMENT", b"Exif")


# --- building inputs -------------------------------------------------------------------


def gps_exif(orientation: int = 1) -> Image.Exif:
    """EXIF as a phone writes it: maker, orientation and a GPS position in Bình Thạnh."""
    exif = Image.Exif()
    exif[MAKE] = "SecretPhone"
    exif[ORIENTATION] = orientation
    exif[GPS_IFD] = {
        1: "N",
        2: (10.0, 48.0, 20.88),
        3: "E",
        4: (106.0, 43.0, 8.4),
        0x12: "WGS-84",
        0x1D: "2024:05:01",
    }
    return exif


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def two_colour(size: tuple[int, int] = (40, 20), mode: str = "RGB") -> Image.Image:
    """Left half red, right half blue: shows where a rotation put each side."""
    image = Image.new("RGB", size, (255, 0, 0))
    image.paste((0, 0, 255), (size[0] // 2, 0, size[0], size[1]))
    return image.convert(mode)


def png_chunk(kind: bytes, body: bytes) -> bytes:
    return (
        struct.pack(">I", len(body))
        + kind
        + body
        + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    )


def png_declaring(width: int, height: int, *, full: bool = False) -> bytes:
    """A small PNG whose header declares ``width`` × ``height`` RGB pixels.

    With ``full``, every row is really there (all black, so it compresses about
    1000:1): a genuine decompression bomb, whose pixels would fill memory if decoded.
    Otherwise only the first rows are, which is all a header check needs.
    """
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    row = b"\x00" * (1 + 3 * (width if full else min(width, 4096)))
    compressor = zlib.compressobj(9)
    rows = [compressor.compress(row) for _ in range(height if full else 4)]
    idat = b"".join(rows) + compressor.flush()
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


# --- reading outputs ---------------------------------------------------------------------


def jpeg_markers(data: bytes) -> list[int]:
    """Marker codes of a JPEG's segments up to the first scan."""
    assert data[:2] == b"\xff\xd8"
    markers, position = [], 2
    while position < len(data):
        assert data[position] == 0xFF
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        markers.append(marker)
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            break
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        position += 2 + length
    return markers


def png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    kinds, position = [], 8
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kinds.append(data[position + 4 : position + 8])
        position += 12 + length
    return kinds


def webp_chunks(data: bytes) -> list[bytes]:
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    kinds, position = [], 12
    while position < len(data):
        kind = data[position : position + 4]
        (length,) = struct.unpack("<I", data[position + 4 : position + 8])
        kinds.append(kind)
        position += 8 + length + (length % 2)
    return kinds


def assert_metadata_free(data: bytes) -> None:
    """Structure, decoder view and raw bytes all agree: no metadata of any kind."""
    if data[:2] == b"\xff\xd8":
        markers = jpeg_markers(data)
        app_segments = [m for m in markers if 0xE1 <= m <= 0xEF]  # APP1 (EXIF, XMP) and up
        assert app_segments == []
        assert 0xFE not in markers  # COM
    elif data[:4] == b"\x89PNG":
        assert set(png_chunks(data)) <= {b"IHDR", b"PLTE", b"IDAT", b"IEND"}
    else:
        assert set(webp_chunks(data)) <= {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}
    with Image.open(io.BytesIO(data)) as image:
        assert dict(image.getexif()) == {}
        assert not {"exif", "xmp", "icc_profile", "comment", "transparency"} & image.info.keys()
        assert not any(isinstance(v, str) for v in image.info.values())  # no text chunks
    for secret in SECRETS:
        assert secret not in data


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def refusal(data: bytes, **kwargs) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        process_photo(data, **kwargs)
    assert caught.value.field == "photos"
    assert str(caught.value.message)
    return caught.value


# --- metadata -------------------------------------------------------------------------------
