"""The pixel half of photo processing (see photos.py for the why): a decoded picture made
small, upright and sRGB, then written into a brand-new file that holds only its pixels.

Nothing here reads the uploaded bytes or refuses anything: photos.py checks the upload,
decodes it and calls these steps in order.
"""

from __future__ import annotations

import io
import logging

from PIL import Image, ImageCms, ImageOps

logger = logging.getLogger(__name__)

THUMB_QUALITY = 80
_THUMB_BACKGROUND = (255, 255, 255)
_GREY_16_BIT_MODES = frozenset({"I", "I;16", "I;16B", "I;16L", "I;16N"})
_REDUCIBLE_MODES = frozenset({"L", "RGB", "RGBA", "CMYK"})


def reduced(image: Image.Image, side: int) -> Image.Image:
    """Resize to the output size at once (in place, so the decoded original is freed):
    orientation and colours then work on the small picture. The box is square, so a
    later rotation keeps it within ``side``. Palette and 16-bit pictures keep the usual
    order (converted first, resized last), which their quality needs."""
    if image.mode in _REDUCIBLE_MODES and max(image.size) > side:
        image.thumbnail((side, side), Image.Resampling.LANCZOS)
    return image


def upright(image: Image.Image) -> Image.Image:
    """Apply the EXIF orientation, since the tag itself is about to be dropped.

    A damaged EXIF block must not cost the resident their photo: the picture is then
    kept as stored.
    """
    try:
        return ImageOps.exif_transpose(image)
    except Exception:  # Pillow's EXIF parser raises many types on damaged data
        logger.warning("Unreadable EXIF orientation in an uploaded photo; kept as stored")
        return image


def normalise_colours(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """Bring any decoded mode to L, RGB or RGBA, in sRGB when a profile says otherwise.

    Palette, 1-bit, 16-bit grey, grey+alpha and CMYK images all end up in one of the
    three modes every encoder and browser handles; transparency is kept as alpha.
    """
    if image.mode in _GREY_16_BIT_MODES:
        # Pillow's direct I;16 -> L conversion clips instead of scaling.
        image = image.convert("I").point(lambda value: value * (1 / 257)).convert("L")
    if image.has_transparency_data:
        if image.mode != "RGBA":
            image = image.convert("RGBA")
    elif image.mode in ("1", "L"):
        image = image.convert("L")
    elif image.mode not in ("RGB", "CMYK"):
        image = image.convert("RGB")
    converted = to_srgb(image, icc_profile)
    if converted is not None:
        return converted
    return image.convert("RGB") if image.mode == "CMYK" else image


def to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image | None:
    """Convert colour pixels from their embedded profile to sRGB, or None if not possible."""
    if not icc_profile or image.mode not in ("RGB", "RGBA", "CMYK"):
        return None
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
        return ImageCms.profileToProfile(
            image, source, srgb, outputMode="RGBA" if image.mode == "RGBA" else "RGB"
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        # Broken or mismatched profile (a grey profile on RGB pixels...): keep the
        # pixel values as they are, which is what a viewer ignoring the profile shows.
        logger.info("Unusable colour profile in an uploaded photo; pixels kept as they are")
        return None


def pixels_only(image: Image.Image) -> Image.Image:
    """A new image holding nothing but ``image``'s pixels.

    Pillow's encoders copy some metadata from ``Image.info`` when asked for nothing (the
    JPEG comment, the PNG ICC profile, ...), and ``info`` travels through copy, resize
    and colour transforms. Encoding a fresh image guarantees that nothing follows.
    """
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def encode(image: Image.Image, output_format: str, options: dict) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=output_format, **options)
    return buffer.getvalue()


def thumbnail(image: Image.Image, side: int) -> bytes:
    """A JPEG within ``side`` × ``side`` for lists: JPEG because every viewer, PDF export
    and e-mail client reads it; transparency is flattened onto white."""
    thumb = image.copy()
    thumb.thumbnail((side, side), Image.Resampling.LANCZOS)
    if thumb.mode == "RGBA":
        background = Image.new("RGB", thumb.size, _THUMB_BACKGROUND)
        background.paste(thumb, mask=thumb.getchannel("A"))
        thumb = background
    return encode(pixels_only(thumb), "JPEG", {"quality": THUMB_QUALITY, "optimize": True})
