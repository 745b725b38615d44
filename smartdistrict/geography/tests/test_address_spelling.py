"""Names that fold alike: "Xã Thanh An" and "Xã Thạnh An" are two communes of today's city
(from the former Dầu Tiếng and Cần Giờ). Written with marks, the spelling decides; written
without, both are candidates."""

import datetime as dt

import pytest

from smartdistrict.geography.address import (
    AddressNotResolved,
    marked_words,
    resolve_address,
    spelling,
)
from smartdistrict.geography.models import Unit

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 29)


def _code(name: str) -> str:
    """Today's unit with this exact name, read from the data (not the resolver)."""
    return Unit.objects.get(name=name, level="ward", valid_to__isnull=True,
                            valid_from__isnull=False).code


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Xã Thạnh An", "Xã Thạnh An"),
        ("Ấp Thiềng Liềng, xã Thạnh An, TP.HCM", "Xã Thạnh An"),
        ("Xã Thanh An", "Xã Thanh An"),
        ("xã Thanh An, Thành phố Hồ Chí Minh", "Xã Thanh An"),
        ("Thạnh An", "Xã Thạnh An"),
        ("XÃ THẠNH AN", "Xã Thạnh An"),
        ("Xa\u0303 Tha\u0323nh An", "Xã Thạnh An"),  # NFD, as some keyboards send it
        # A former district decides even without marks on the name.
        ("xa Thanh An, huyen Can Gio", "Xã Thạnh An"),
        ("Xã Thanh An, huyện Dầu Tiếng", "Xã Thanh An"),
        ("Thanh An, Cần Giờ", "Xã Thạnh An"),
    ],
)
def test_the_spelling_written_decides(text, name):
    assert resolve_address(text, TODAY).unit.code == _code(name)


@pytest.mark.parametrize("text", ["xa thanh an", "Thanh An", "XA THANH AN, TPHCM"])
def test_without_marks_both_communes_are_candidates(text):
    with pytest.raises(AddressNotResolved) as caught:
        resolve_address(text, TODAY)
    codes = {c["code"] for c in caught.value.extra["candidates"]}
    assert codes == {_code("Xã Thanh An"), _code("Xã Thạnh An")}


def test_a_spelling_that_fits_neither_is_not_guessed():
    with pytest.raises(AddressNotResolved) as caught:
        resolve_address("Xã Thành An", TODAY)
    assert {c["code"] for c in caught.value.extra["candidates"]} == {
        _code("Xã Thanh An"), _code("Xã Thạnh An")}


def test_tone_marks_placed_either_way_are_the_same_spelling():
    assert spelling("Hoà") == spelling("Hòa") == spelling("HÒA")
    assert spelling("Thuỷ") == spelling("Thủy")
    assert spelling("Quý") == "quý" and spelling("Hoàng") == "hoàng"
    assert spelling("Thanh") != spelling("Thạnh")
    new_style = resolve_address("Phường Hoà Lợi", TODAY)
    assert new_style.unit.code == resolve_address("Phường Hòa Lợi", TODAY).unit.code


def test_marked_words_line_up_with_the_folded_words():
    assert marked_words("P.25, Q.Bình-Thạnh") == "p 25 q bình thạnh"
    assert marked_words("  Xã  Thạnh An!! ") == "xã thạnh an"
    assert marked_words("Đường số 1") == "đường số 1"
