"""The public-text guard (feedback/privacy.py): what it hides and what it leaves alone."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from smartdistrict.feedback.privacy import holds_personal_data, public_text

PHONE, MAIL, ID = "[phone number hidden]", "[e-mail hidden]", "[ID number hidden]"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(("text", "expected"), [
    ("Gọi 0912 345 678 nhé", f"Gọi {PHONE} nhé"),
    ("0912345678", PHONE),
    ("091.234.5678", PHONE),
    ("0912-345-678", PHONE),
    ("+84 912345678", PHONE),
    ("+84912345678", PHONE),
    ("84912345678", PHONE),
    ("0084 912 345 678", PHONE),
    ("+84 (0) 912 345 678", PHONE),
    ("(028) 3829 1234 cơ quan", f"{PHONE} cơ quan"),
    ("028.3829.1234", PHONE),
    ("sdt0912345678", f"sdt{PHONE}"),
    ("0912345678 0987654321", f"{PHONE} {PHONE}"),
    ("Số nhà 12, 0912345678 12", f"Số nhà 12, {PHONE} 12"),
    ("CMND 123456789", f"CMND {ID}"),
    ("CCCD: 079123456789", f"CCCD: {ID}"),
    ("079 123 456 789", ID),
    ("thư kin.dao@example.org.", f"thư {MAIL}."),
    ("A.B+tag@mail.gov.vn", MAIL),
])
def test_personal_numbers_and_addresses_are_hidden(text, expected):
    assert public_text(text) == expected
    assert holds_personal_data(text)


@pytest.mark.parametrize("text", [
    "HCM-2026-000123",
    "Xem phản ánh HCM-2026-000123 ngày 12.05.2026 lúc 10.30",
    "Chi phí 1.500.000.000 đồng, 150.000.000 đồng",
    "toạ độ 10.8058123, 106.7190123",
    "Hẻm 42/7 Nguyễn Xí, Phường Bình Lợi Trung",
    "0912345678901234",  # 16 digits: no phone or ID has that many
    "email @ không có tên miền",
    "",
])
def test_ordinary_text_is_left_alone(text):
    assert public_text(text) == text
    assert not holds_personal_data(text)


def test_none_is_empty():
    assert public_text(None) == ""


def test_placeholders_are_translated():
    with translation.override("vi"):
        assert public_text("0912345678") != PHONE
        assert public_text("0912345678").startswith("[")


def test_the_kinds_are_configurable(settings):
    settings.PRIVACY_PUBLIC_MASKS = ["email"]
    assert public_text("0912345678 a@b.vn") == f"0912345678 {MAIL}"
    settings.PRIVACY_PUBLIC_MASKS = ["phone"]
    assert public_text("123456789 0912345678") == f"123456789 {PHONE}"
    settings.PRIVACY_PUBLIC_MASKS = []
    assert public_text("0912345678 a@b.vn") == "0912345678 a@b.vn"
    settings.PRIVACY_PUBLIC_MASKS = ["phones"]
    with pytest.raises(ImproperlyConfigured):
        public_text("0912345678")
