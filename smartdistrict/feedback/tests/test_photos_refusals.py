"""Photo processing: what is refused (not an image, other formats, empty, too large,
decompression bombs) and why, before anything is decoded."""

from __future__ import annotations

import io
import resource
import struct
import sys

import pytest
from PIL import Image

from smartdistrict.feedback.photos import photo_limits, process_photo
from smartdistrict.feedback.tests.photo_samples import encode, png_declaring, refusal, two_colour


def test_a_text_file_named_jpg_is_not_an_image():
    error = refusal("Xin chào, đây không phải là ảnh.\n".encode(), filename="anh.jpg")
    assert error.code == "photo_not_an_image"
    assert error.extra == {"filename": "anh.jpg"}


def test_a_truncated_jpeg_is_not_an_image():
    original = encode(Image.effect_noise((200, 200), 60).convert("RGB"), "JPEG")
    assert refusal(original[: len(original) // 2]).code == "photo_not_an_image"


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF"])
def test_other_image_formats_are_refused_whatever_the_name(fmt):
    error = refusal(encode(two_colour(), fmt), filename="anh.jpg")
    assert error.code == "photo_format"


def test_heic_is_refused_as_a_format_not_as_garbage():
    heic_start = struct.pack(">I", 24) + b"ftypheic" + b"\x00\x00\x00\x00mif1heic"
    assert refusal(heic_start + b"\x00" * 64).code == "photo_format"


def test_an_empty_upload_is_refused():
    error = refusal(b"")
    assert error.code == "photo_empty"
    assert error.extra == {}


def test_an_upload_over_the_byte_limit_is_refused(settings):
    original = encode(Image.effect_noise((64, 64), 80).convert("RGB"), "PNG")
    settings.PHOTO_MAX_BYTES = len(original) - 1
    assert refusal(original).code == "photo_too_large"
    settings.PHOTO_MAX_BYTES = len(original)
    assert process_photo(original).width == 64


def test_the_default_limits_are_the_settings_defaults():
    """The defaults live in the settings package alone (read from the environment, unset here)."""
    limits = photo_limits()
    assert (limits.max_bytes, limits.max_pixels) == (10 * 1024 * 1024, 40_000_000)
    assert (limits.max_side, limits.thumb_side) == (2048, 320)


def peak_memory_bytes() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def test_a_real_decompression_bomb_is_refused_before_decoding():
    # 48 MP: above our 40 MP default and below Pillow's own global guard, so this is
    # our check at work. Decoding it for real peaks at about 450 MB.
    bomb = png_declaring(8000, 6000, full=True)
    assert len(bomb) < 400_000
    with Image.open(io.BytesIO(bomb)) as source:
        assert source.size == (8000, 6000)
    before = peak_memory_bytes()

    error = refusal(bomb)

    assert error.code == "photo_too_many_pixels"
    assert peak_memory_bytes() - before < 32 * 1024 * 1024


@pytest.mark.parametrize(
    ("width", "height"),
    [(100_000, 100_000), (2**31 - 1, 2**31 - 1)],  # Pillow's global guard trips first
)
def test_a_header_declaring_gigapixels_is_refused(width, height):
    bomb = png_declaring(width, height)
    assert struct.unpack(">II", bomb[16:24]) == (width, height)
    assert refusal(bomb).code == "photo_too_many_pixels"


def test_the_pixel_limit_follows_settings(settings):
    settings.PHOTO_MAX_PIXELS = 799
    original = encode(two_colour((40, 20)), "JPEG")
    assert refusal(original).code == "photo_too_many_pixels"
    settings.PHOTO_MAX_PIXELS = 800
    assert process_photo(original).width == 40


# --- colour modes and sizes ------------------------------------------------------------------
