"""Photo processing: what leaves ``process_photo`` carries pixels and nothing else.

Every input is built in memory with Pillow; every check parses the output file itself
(JPEG segments, PNG chunks, WebP RIFF chunks), so metadata cannot hide in a place the
decoder happens not to report. No database is used.
"""

from __future__ import annotations

import hashlib
import io
import random
import resource
import struct
import sys
import zlib

import pytest
from django.test import override_settings
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image, ImageCms, PngImagePlugin

from smartdistrict.core.errors import InvalidInput
from smartdistrict.feedback.photos import (
    MAX_PHOTOS,
    ProcessedPhoto,
    check_photo_count,
    photo_limits,
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


def test_the_default_limits_apply_when_settings_are_silent(settings):
    for name in ("PHOTO_MAX_BYTES", "PHOTO_MAX_PIXELS", "PHOTO_MAX_SIDE", "PHOTO_THUMB_SIDE"):
        if hasattr(settings, name):
            delattr(settings, name)
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
