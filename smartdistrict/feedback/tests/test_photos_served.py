"""A photo with GPS EXIF is stored and served without any EXIF (acceptance 4 of issue 3)."""

import io

import pytest
from PIL import Image

from smartdistrict.feedback.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def gps_jpeg() -> bytes:
    image = Image.new("RGB", (120, 80), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (10.0, 48.0, 20.9), 3: "E", 4: (106.0, 43.0, 8.5)})
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    data = buffer.getvalue()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # the input really has GPS
    return data


def upload(client, data: bytes, name: str):
    file = io.BytesIO(data)
    file.name = name
    return client.post("/api/v1/reports", {
        "category": "rac-thai", "description": "Rác thải đổ trộm ở đầu hẻm nhiều ngày.",
        "lat": 10.822, "lon": 106.742, "photos": [file],
    })


def test_gps_exif_is_gone_from_the_stored_and_served_photo(client):
    response = upload(client, gps_jpeg(), "IMG_0001.jpg")
    assert response.status_code == 201
    public = client.get(f"/api/v1/reports/{response.json()['code']}").json()
    for key in ("url", "thumbnail_url"):
        served = client.get(public["photos"][0][key])
        assert served.status_code == 200
        content = b"".join(served.streaming_content)
        image = Image.open(io.BytesIO(content))
        assert dict(image.getexif()) == {}
        assert "exif" not in image.info
        assert b"Exif" not in content and b"PhoneMaker" not in content
    stored = Report.objects.get(code=response.json()["code"]).photos.get()
    assert b"Exif" not in stored.image.read()


def test_a_text_file_named_jpg_is_refused_and_nothing_is_stored(client):
    response = upload(client, b"this is not an image at all", "photo.jpg")
    assert response.status_code == 400
    assert response.json()["code"] == "photo_not_an_image"
    assert response.json()["field"] == "photos"
    assert not Report.objects.exists()
