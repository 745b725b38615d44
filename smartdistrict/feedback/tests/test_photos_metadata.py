"""Photo processing: metadata (EXIF, GPS, XMP, comments, profiles, text chunks) never
survives, and the EXIF orientation is applied before it is dropped."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageCms, PngImagePlugin

from smartdistrict.feedback.photos import process_photo
from smartdistrict.feedback.tests.photo_samples import (
    GPS_IFD,
    MAKE,
    assert_metadata_free,
    decoded,
    encode,
    gps_exif,
    png_chunks,
    two_colour,
    webp_chunks,
)


def test_jpeg_gps_exif_is_removed_from_photo_and_thumbnail():
    original = encode(two_colour(), "JPEG", exif=gps_exif())
    with Image.open(io.BytesIO(original)) as source:  # the input really carries GPS
        assert source.getexif().get_ifd(GPS_IFD)[2] == (10.0, 48.0, 20.88)
        assert source.getexif()[MAKE] == "SecretPhone"
    assert b"Exif" in original and b"WGS-84" in original

    photo = process_photo(original, filename="nha-toi.jpg")

    assert (photo.content_type, photo.extension) == ("image/jpeg", "jpg")
    assert decoded(photo.data).format == "JPEG"
    assert_metadata_free(photo.data)
    assert photo.thumbnail_content_type == "image/jpeg"
    assert decoded(photo.thumbnail).format == "JPEG"
    assert_metadata_free(photo.thumbnail)


def test_jpeg_comment_xmp_and_icc_profile_are_removed():
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    original = encode(
        two_colour(),
        "JPEG",
        exif=gps_exif(),
        xmp=b"<x:xmpmeta>SECRETXMP</x:xmpmeta>",
        comment=b"SECRETCOMMENT",
        icc_profile=srgb,
    )
    with Image.open(io.BytesIO(original)) as source:
        assert {"xmp", "comment", "icc_profile", "exif"} <= source.info.keys()

    photo = process_photo(original)

    assert_metadata_free(photo.data)
    assert_metadata_free(photo.thumbnail)
    assert decoded(photo.data).getpixel((2, 10)) == pytest.approx((254, 0, 0), abs=4)


def test_png_text_chunks_and_exif_do_not_survive():
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Nguyen Van A, SecretPhone")  # Latin-1: a plain tEXt chunk
    info.add_text("Comment", "GPS 10.8058,106.7190 SecretPhone", zip=True)
    info.add_itxt("Description", "Nhà số 12, hẻm 34 SecretPhone", lang="vi")
    original = encode(two_colour(), "PNG", pnginfo=info, exif=gps_exif())
    assert {b"tEXt", b"zTXt", b"iTXt", b"eXIf"} <= set(png_chunks(original))

    photo = process_photo(original)

    assert (photo.content_type, photo.extension) == ("image/png", "png")
    assert_metadata_free(photo.data)
    assert_metadata_free(photo.thumbnail)


def test_webp_exif_and_xmp_are_removed():
    original = encode(two_colour(), "WEBP", exif=gps_exif(), xmp=b"SECRETXMP")
    assert {b"EXIF", b"XMP "} <= set(webp_chunks(original))

    photo = process_photo(original)

    assert (photo.content_type, photo.extension) == ("image/webp", "webp")
    assert decoded(photo.data).format == "WEBP"
    assert_metadata_free(photo.data)
    assert_metadata_free(photo.thumbnail)


def test_a_broken_colour_profile_is_dropped_not_fatal():
    original = encode(two_colour(), "JPEG", icc_profile=b"not a profile at all")
    photo = process_photo(original)
    assert_metadata_free(photo.data)


# --- orientation ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_exif_orientation_6_is_applied_before_exif_is_dropped(fmt):
    original = encode(two_colour((40, 20)), fmt, exif=gps_exif(orientation=6))

    photo = process_photo(original)

    assert (photo.width, photo.height) == (20, 40)
    image = decoded(photo.data).convert("RGB")
    assert image.size == (20, 40)
    # Orientation 6 means "rotate 90° clockwise to view": the left (red) half is on top.
    assert image.getpixel((10, 5)) == pytest.approx((255, 0, 0), abs=40)
    assert image.getpixel((10, 35)) == pytest.approx((0, 0, 255), abs=40)
    assert decoded(photo.thumbnail).size == (20, 40)


@pytest.mark.filterwarnings("ignore:Corrupt EXIF data")
def test_a_damaged_exif_block_keeps_the_photo():
    original = encode(two_colour(), "JPEG", exif=b"Exif\x00\x00II*\x00\xff\xff\xff\x7f")
    photo = process_photo(original)
    assert (photo.width, photo.height) == (40, 20)
    assert_metadata_free(photo.data)


# --- refusals -------------------------------------------------------------------------------
