"""Heavy photo decoding is bounded: pixels one photo may decode (a JPEG counted at its
reduced DCT scale), pixels and bytes of all the photos of one request. Each refusal is a
clear, translated 400 naming the field, on the REST API, Open311 and the portal form,
and nothing is stored."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from smartdistrict.core.errors import InvalidInput
from smartdistrict.feedback.models import Report
from smartdistrict.feedback.photo_budget import process_photos
from smartdistrict.feedback.photos import decode_pixels, process_photo
from smartdistrict.open311.services import api_key_create

pytestmark = pytest.mark.django_db
LAT, LON = 10.8220, 106.7420  # Bình Quới
DESCRIPTION = "Rác thải đổ trộm ở đầu hẻm 12, bốc mùi hôi suốt ba ngày."


def image(size, fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, format=fmt)
    return buffer.getvalue()


def upload(data: bytes, name="photo.png", kind="image/png"):
    return SimpleUploadedFile(name, data, content_type=kind)


def test_a_photo_that_would_decode_too_many_pixels_is_refused_before_decoding(settings):
    settings.PHOTO_MAX_DECODE_PIXELS = 4_000_000
    with pytest.raises(InvalidInput) as refused:
        process_photo(image((2500, 2000)))
    assert (refused.value.field, refused.value.code) == ("photos", "photo_too_many_pixels")


def test_a_jpeg_counts_the_pixels_of_its_reduced_scale(settings):
    settings.PHOTO_MAX_DECODE_PIXELS = 5_000_000
    big_jpeg = image((4096, 4096), "JPEG")  # 16.8 MP declared, decoded at half scale
    assert decode_pixels(big_jpeg) == 2048 * 2048
    assert process_photo(big_jpeg).width == 2048
    with pytest.raises(InvalidInput):
        process_photo(image((4096, 4096), "PNG"))  # a PNG decodes in full


def test_the_photos_of_one_request_share_a_pixel_budget(settings):
    settings.PHOTO_MAX_REQUEST_PIXELS = 5_000_000
    two_mp = image((2000, 1000))
    assert len(process_photos([two_mp, two_mp])) == 2
    with pytest.raises(InvalidInput) as refused:
        process_photos([two_mp, two_mp, two_mp])
    assert (refused.value.field, refused.value.code) == ("photos", "photos_too_many_pixels")


def test_the_rest_api_refuses_a_request_over_its_pixel_budget_naming_photos(settings):
    settings.PHOTO_MAX_REQUEST_PIXELS = 5_000_000
    photos = [upload(image((2000, 1000)), f"p{n}.png") for n in range(3)]
    response = Client().post("/api/v1/reports", {
        "category": "rac-thai", "description": DESCRIPTION, "lat": LAT, "lon": LON,
        "photos": photos,
    })
    assert response.status_code == 400
    body = response.json()
    assert (body["field"], body["code"]) == ("photos", "photos_too_many_pixels")
    assert "quá nhiều điểm ảnh" in body["detail"]
    assert Report.objects.count() == 0


def test_the_rest_api_refuses_photos_too_large_together_before_reading_them(settings):
    settings.PHOTO_MAX_REQUEST_BYTES = 1000
    photos = [upload(image((300, 300)), f"p{n}.png") for n in range(2)]
    assert sum(len(p.read()) for p in photos) > 1000
    for photo in photos:
        photo.seek(0)
    response = Client().post("/api/v1/reports", {
        "category": "rac-thai", "description": DESCRIPTION, "lat": LAT, "lon": LON,
        "photos": photos,
    })
    assert response.status_code == 400
    assert (response.json()["field"], response.json()["code"]) == ("photos", "photos_too_large")


def test_open311_names_the_media_field(settings):
    settings.PHOTO_MAX_DECODE_PIXELS = 1_000_000
    _record, key = api_key_create(name="App")
    response = Client().post("/open311/v2/requests.json", {
        "api_key": key, "service_code": "rac-thai", "lat": LAT, "long": LON,
        "description": DESCRIPTION, "media": upload(image((1500, 1000))),
    })
    assert response.status_code == 400
    [error] = response.json()
    assert error["description"].startswith("media: ")
    assert Report.objects.count() == 0


def test_the_portal_form_shows_the_refusal_at_the_photos_field(settings, tmp_path):
    settings.PHOTO_MAX_REQUEST_PIXELS = 1_000_000
    settings.MEDIA_ROOT = tmp_path
    response = Client().post("/report/", {
        "category": "rac-thai", "description": DESCRIPTION, "lat": str(LAT), "lon": str(LON),
        "address": "", "reporter_name": "", "reporter_phone": "", "reporter_email": "",
        "nearby_seen": "rac-thai", "idempotency_key": "portal-" + "b" * 32,
        "photos": [upload(image((1000, 800)), "a.png"), upload(image((1000, 800)), "b.png")],
    })
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="error-photos"' in page and "quá nhiều điểm ảnh" in page
    assert Report.objects.count() == 0
