"""Photo processing: colour modes, sizes, frames, hashes and counts; and a property test
that any small image comes out decodable, bare and within the limits."""

from __future__ import annotations

import hashlib
import io
import random

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image, ImageCms

from smartdistrict.core.errors import InvalidInput
from smartdistrict.feedback.photos import (
    MAX_PHOTOS,
    ProcessedPhoto,
    check_photo_count,
    process_photo,
)
from smartdistrict.feedback.tests.photo_samples import (
    assert_metadata_free,
    decoded,
    encode,
    gps_exif,
    two_colour,
)


def test_png_with_alpha_keeps_alpha_and_the_thumbnail_is_flattened_on_white():
    image = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    image.paste((0, 128, 0, 255), (40, 40, 56, 56))
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    original = encode(image, "PNG", icc_profile=srgb)
    assert b"iCCP" in original

    photo = process_photo(original)

    out = decoded(photo.data)
    assert (out.format, out.mode) == ("PNG", "RGBA")
    assert out.getpixel((0, 0))[3] == 0
    assert out.getpixel((48, 48)) == (0, 128, 0, 255)
    thumb = decoded(photo.thumbnail)
    assert thumb.mode == "RGB"
    assert thumb.getpixel((4, 4)) == pytest.approx((255, 255, 255), abs=6)
    assert thumb.getpixel((48, 48)) == pytest.approx((0, 128, 0), abs=12)
    assert_metadata_free(photo.data)


@pytest.mark.parametrize("transparent", [False, True])
def test_palette_png_becomes_plain_colour(transparent):
    image = two_colour().convert("P", palette=Image.Palette.ADAPTIVE, colors=4)
    options = {"transparency": image.getpixel((0, 0))} if transparent else {}
    original = encode(image, "PNG", **options)
    assert b"PLTE" in original

    photo = process_photo(original)

    out = decoded(photo.data)
    assert out.mode == ("RGBA" if transparent else "RGB")
    assert out.getpixel((35, 10))[:3] == (0, 0, 255)
    if transparent:
        assert out.getpixel((0, 0))[3] == 0
    assert_metadata_free(photo.data)


def test_sixteen_bit_grey_png_is_scaled_not_clipped():
    image = Image.new("I;16", (16, 16), 32896)  # 50 % grey on 16 bits
    photo = process_photo(encode(image, "PNG"))
    out = decoded(photo.data)
    assert out.mode == "L"
    assert out.getpixel((0, 0)) == pytest.approx(128, abs=1)


def test_cmyk_jpeg_becomes_rgb_with_its_colours():
    cyan = Image.new("CMYK", (24, 24), (255, 0, 0, 0))
    original = encode(cyan, "JPEG")
    with Image.open(io.BytesIO(original)) as source:
        assert source.mode == "CMYK"

    photo = process_photo(original)

    out = decoded(photo.data)
    assert (out.format, out.mode) == ("JPEG", "RGB")
    assert out.getpixel((12, 12)) == pytest.approx((0, 255, 255), abs=6)
    assert_metadata_free(photo.data)


def test_greyscale_jpeg_stays_greyscale():
    photo = process_photo(encode(Image.new("L", (20, 20), 90), "JPEG"))
    assert decoded(photo.data).mode == "L"
    assert decoded(photo.thumbnail).mode == "L"


def test_a_large_photo_is_shrunk_keeping_its_aspect_ratio():
    original = encode(two_colour((5000, 1000)), "JPEG", exif=gps_exif())

    photo = process_photo(original)

    assert (photo.width, photo.height) == (2048, 410)
    assert decoded(photo.data).size == (2048, 410)
    assert decoded(photo.thumbnail).size == (320, 64)
    assert_metadata_free(photo.data)


def test_sizes_follow_settings(settings):
    settings.PHOTO_MAX_SIDE = 100
    settings.PHOTO_THUMB_SIDE = 25
    photo = process_photo(encode(two_colour((50, 400)), "PNG"))
    assert (photo.width, photo.height) == (12, 100)
    assert max(decoded(photo.thumbnail).size) == 25


def test_a_small_photo_is_not_enlarged():
    photo = process_photo(encode(two_colour((40, 20)), "WEBP"))
    assert (photo.width, photo.height) == (40, 20)
    assert decoded(photo.thumbnail).size == (40, 20)


# --- multi-frame files ------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "output"), [("MPO", "JPEG"), ("PNG", "PNG"), ("WEBP", "WEBP")])
def test_multi_frame_files_keep_their_first_frame_only(fmt, output):
    red = Image.new("RGB", (16, 16), (255, 0, 0))
    blue = Image.new("RGB", (16, 16), (0, 0, 255))
    original = encode(red, fmt, save_all=True, append_images=[blue])
    with Image.open(io.BytesIO(original)) as source:
        assert source.n_frames == 2

    photo = process_photo(original)

    out = decoded(photo.data)
    assert out.format == output
    assert getattr(out, "n_frames", 1) == 1
    assert out.convert("RGB").getpixel((8, 8)) == pytest.approx((255, 0, 0), abs=6)
    assert_metadata_free(photo.data)


# --- identity ------------------------------------------------------------------------------


def test_sha256_is_of_the_re_encoded_bytes_and_stable():
    original = encode(two_colour(), "JPEG", exif=gps_exif())
    first, second = process_photo(original), process_photo(original)
    assert isinstance(first, ProcessedPhoto)
    assert first.sha256 == hashlib.sha256(first.data).hexdigest()
    assert first == second


# --- photo count ------------------------------------------------------------------------------


@pytest.mark.parametrize(("existing", "adding"), [(0, 0), (0, 5), (3, 2), (5, 0)])
def test_up_to_five_photos_are_accepted(existing, adding):
    assert MAX_PHOTOS == 5
    check_photo_count(existing, adding)


@pytest.mark.parametrize(("existing", "adding"), [(0, 6), (3, 3), (5, 1)])
def test_a_sixth_photo_is_refused(existing, adding):
    with pytest.raises(InvalidInput) as caught:
        check_photo_count(existing, adding)
    assert (caught.value.code, caught.value.field) == ("too_many_photos", "photos")
    assert "5" in str(caught.value.message)


def test_negative_counts_are_a_programming_error():
    with pytest.raises(ValueError):
        check_photo_count(-1, 1)


# --- property -------------------------------------------------------------------------------

BYTES_PER_PIXEL = {"L": 1, "LA": 2, "P": 1, "RGB": 3, "RGBA": 4, "CMYK": 4, "I;16": 2}
CASES = [
    ("JPEG", "L"),
    ("JPEG", "RGB"),
    ("JPEG", "CMYK"),
    ("PNG", "1"),
    ("PNG", "L"),
    ("PNG", "LA"),
    ("PNG", "P"),
    ("PNG", "RGB"),
    ("PNG", "RGBA"),
    ("PNG", "I;16"),
    ("WEBP", "RGB"),
    ("WEBP", "RGBA"),
]


def random_image(mode: str, size: tuple[int, int], seed: int) -> Image.Image:
    rng = random.Random(seed)
    width, height = size
    if mode == "1":
        return Image.frombytes("1", size, rng.randbytes((width + 7) // 8 * height))
    image = Image.frombytes(mode, size, rng.randbytes(width * height * BYTES_PER_PIXEL[mode]))
    if mode == "P":
        image.putpalette(rng.randbytes(768))
    return image


@hypothesis_settings(max_examples=60, deadline=None)
@given(
    case=st.sampled_from(CASES),
    width=st.integers(1, 120),
    height=st.integers(1, 120),
    seed=st.integers(0, 2**32 - 1),
    orientation=st.integers(1, 8),
    with_exif=st.booleans(),
)
def test_any_small_image_comes_out_decodable_bare_and_within_limits(
    case, width, height, seed, orientation, with_exif
):
    fmt, mode = case
    image = random_image(mode, (width, height), seed)
    options = {"exif": gps_exif(orientation)} if with_exif else {}
    original = encode(image, fmt, **options)

    with override_settings(PHOTO_MAX_SIDE=64, PHOTO_THUMB_SIDE=16):
        photo = process_photo(original)

    out = decoded(photo.data)
    assert out.format == fmt
    assert out.size == (photo.width, photo.height)
    assert max(out.size) <= 64
    assert out.mode in {"L", "RGB", "RGBA"}
    turned = with_exif and orientation >= 5  # orientations 5 to 8 swap the sides
    upright_width, upright_height = (height, width) if turned else (width, height)
    scale = min(1.0, 64 / max(width, height))
    assert abs(out.width - upright_width * scale) <= 1
    assert abs(out.height - upright_height * scale) <= 1
    assert_metadata_free(photo.data)
    thumb = decoded(photo.thumbnail)
    assert thumb.format == "JPEG"
    assert max(thumb.size) <= 16
    assert_metadata_free(photo.thumbnail)
    assert photo.sha256 == hashlib.sha256(photo.data).hexdigest()
