"""Address text → ward (acceptance 3 of the foundation issue, and the forms residents write)."""

import datetime as dt

import pytest

from smartdistrict.geography.address import AddressNotResolved, resolve_address

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 29)


@pytest.mark.parametrize(
    ("text", "ward", "named"),
    [
        ("Phường 25, Quận Bình Thạnh", "Phường Thạnh Mỹ Tây", "Phường 25"),
        ("phuong 25 q binh thanh", "Phường Thạnh Mỹ Tây", "Phường 25"),
        ("P.25 Bình Thạnh", "Phường Thạnh Mỹ Tây", "Phường 25"),
        ("P25, Q.BT", "Phường Thạnh Mỹ Tây", "Phường 25"),
        ("F25 Bình Thạnh", "Phường Thạnh Mỹ Tây", "Phường 25"),
        ("12 Nguyễn Xí, phường 26, quận Bình Thạnh, TP.HCM", "Phường Bình Thạnh", "Phường 26"),
        ("P.13, Q.BT", "Phường Bình Lợi Trung", "Phường 13"),
        ("Phường 05, Bình Thạnh", "Phường Bình Lợi Trung", "Phường 5"),
        ("Phường Bình Quới", "Phường Bình Quới", "Phường Bình Quới"),
        ("Thanh Da, binh quoi, TPHCM", "Phường Bình Quới", "Phường Bình Quới"),
        ("PHƯỜNG THẠNH MỸ TÂY", "Phường Thạnh Mỹ Tây", "Phường Thạnh Mỹ Tây"),
        ("Phường Bình Thạnh, TP. Hồ Chí Minh", "Phường Bình Thạnh", "Phường Bình Thạnh"),
        ("Phường 21 (cũ), Bình Thạnh", "Phường Thạnh Mỹ Tây", "Phường 21"),
        ("Ph\xadêng 6, QuËn B×nh Th¹nh", "Phường Gia Định", "Phường 6"),  # TCVN3
        ("Phöôøng 27, Quaän Bình Thaïnh", "Phường Bình Quới", "Phường 27"),  # VNI
    ],
)
def test_resident_forms_resolve_to_the_current_ward(text, ward, named):
    match = resolve_address(text, TODAY)
    assert match.unit.name == ward
    assert match.named.name == named


def test_the_legacy_unit_is_the_last_version_before_the_date():
    match = resolve_address("Phường 25, Quận Bình Thạnh", TODAY)
    assert match.named.code == "765.p25.2025"
    assert match.unit.code == "26956"
    assert match.district_named is True


def test_an_old_address_on_an_old_date_is_the_ward_of_that_date():
    assert resolve_address("Phường 21, Bình Thạnh", dt.date(2024, 5, 1)).unit.code == (
        "765.p21.2024"
    )
    assert resolve_address("Phường 21, Bình Thạnh", dt.date(2025, 3, 1)).unit.code == (
        "765.p19.2025"
    )


def test_a_ward_that_never_existed_gives_candidates_not_a_guess():
    with pytest.raises(AddressNotResolved) as caught:
        resolve_address("Phường 9, Quận Bình Thạnh", dt.date(2024, 6, 1))
    error = caught.value
    assert error.status_code == 404
    names = [c["name"] for c in error.extra["candidates"]]
    assert "Phường 19" in names
    assert "Phường 9" not in names


def test_a_new_ward_before_it_existed_names_its_predecessors():
    with pytest.raises(AddressNotResolved) as caught:
        resolve_address("Phường Bình Quới", dt.date(2024, 6, 1))
    assert {c["name"] for c in caught.value.extra["candidates"]} == {"Phường 27", "Phường 28"}


def test_another_district_is_outside_the_jurisdiction():
    with pytest.raises(AddressNotResolved) as caught:
        resolve_address("Phường 5, Quận Gò Vấp", TODAY)
    assert caught.value.code == "outside_jurisdiction"


def test_two_wards_in_one_address_is_not_guessed():
    with pytest.raises(AddressNotResolved) as caught:
        resolve_address("giữa Phường 25 và Phường 22", TODAY)
    assert len(caught.value.extra["candidates"]) >= 2


@pytest.mark.parametrize("text", ["", "hello", "123 đường không tên"])
def test_unrecognised_text_is_not_resolved(text):
    with pytest.raises(AddressNotResolved):
        resolve_address(text, TODAY)
