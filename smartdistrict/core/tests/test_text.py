import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartdistrict.core.errors import LegacyEncodingError
from smartdistrict.core.text import (
    _TCVN3,
    clean_text,
    detect_legacy_encoding,
    fold,
    fold_words,
    from_legacy,
    nfc,
)

VIETNAMESE_LOWER = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmno"
    "òóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)
vietnamese_text = st.text(alphabet=VIETNAMESE_LOWER + VIETNAMESE_LOWER.upper() + " ,.0123456789")


def test_fold_removes_diacritics_and_d_bar():
    assert fold("Phường Thạnh Mỹ Tây") == "phuong thanh my tay"
    assert fold("ĐƯỜNG Điện Biên Phủ") == "duong dien bien phu"
    assert fold("  Bình   Quới ") == "binh quoi"


def test_fold_treats_nfd_like_nfc():
    text = "Gia Định, Bình Lợi Trung"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text) == "gia dinh, binh loi trung"


def test_fold_words_splits_punctuation():
    assert fold_words("P.25, Q.BT") == "p 25 q bt"


@given(vietnamese_text)
def test_fold_is_idempotent_ascii_and_form_independent(text):
    folded = fold(text)
    assert folded.isascii()
    assert fold(folded) == folded
    assert fold(unicodedata.normalize("NFD", text)) == folded


@given(vietnamese_text)
def test_nfc_is_stable(text):
    assert nfc(unicodedata.normalize("NFD", text)) == unicodedata.normalize("NFC", text)


def test_unicode_text_is_left_alone():
    for text in [
        "Phường 25, Quận Bình Thạnh", "rõ ràng, ù ù", "plain ascii", "",
        "Cá chết trên kênh Nhiêu Lộc – Thị Nghè, mùi “rất” khó chịu…",
        "Diện tích lấn chiếm 20m², nhiệt độ 35°C, cọc 2×3m", "30°C nóng quá", "2×3",
    ]:
        assert detect_legacy_encoding(text) is None
        assert clean_text(text) == text


def test_tcvn3_is_converted():
    assert detect_legacy_encoding("Ph\xadêng 25, QuËn B×nh Th¹nh") == "tcvn3"
    assert clean_text("Ph\xadêng 25, QuËn B×nh Th¹nh") == "Phường 25, Quận Bình Thạnh"
    assert clean_text("ViÖt Nam, Hµ Néi") == "Việt Nam, Hà Nội"


def test_vni_is_converted():
    assert detect_legacy_encoding("Phöôøng 25, Quaän Bình Thaïnh") == "vni"
    assert clean_text("Phöôøng 25, Quaän Bình Thaïnh") == "Phường 25, Quận Bình Thạnh"
    assert clean_text("Ñöôøng Xoâ Vieát Ngheä Tónh") == "Đường Xô Viết Nghệ Tĩnh"


def _as_windows_1252(data: bytes) -> str:
    """Decode like a browser does: Windows-1252, holes read as Latin-1 controls."""
    return "".join(
        bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data
    )


@pytest.mark.parametrize("text", ["Phường Gia Định", "Bình Thạnh, Thạnh Mỹ Tây", "Đường số 9"])
def test_double_encoded_utf8_is_repaired(text):
    broken = _as_windows_1252(text.encode())
    assert detect_legacy_encoding(broken) == "utf8-latin1"
    assert clean_text(broken) == text


def test_unconvertible_legacy_text_is_refused_clearly():
    with pytest.raises(LegacyEncodingError) as caught:
        clean_text("Ph\xadêng ¤¿ ¦§")
    assert caught.value.code == "legacy_encoding"
    assert "TCVN3" in str(caught.value.message)


SYMBOLS = "–—“”‘’…°²×·«»%()/- "


@given(st.text(alphabet=VIETNAMESE_LOWER + VIETNAMESE_LOWER.upper() + SYMBOLS, min_size=1))
def test_unicode_vietnamese_with_symbols_is_never_converted(text):
    text = nfc(text + "ư")  # at least one letter only Unicode Vietnamese has
    assert clean_text(text) == text


_TO_TCVN3 = {v: k for k, v in _TCVN3.items()}


@given(st.text(alphabet=VIETNAMESE_LOWER + " ,."))
def test_tcvn3_round_trip(text):
    encoded = "".join(_TO_TCVN3.get(c, c) for c in nfc(text))
    assert from_legacy(encoded, "tcvn3") == nfc(text)
