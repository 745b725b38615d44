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


# Old addresses across the city: at least 12 forms, 8 former districts and both former
# provinces (expected units read from the official list of predecessors).
@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("P.14, Q.3", "Phường Nhiêu Lộc"),
        ("123 Lê Văn Sỹ, Phường 14, Quận 3, TP.HCM", "Phường Nhiêu Lộc"),
        ("Phường Bến Nghé, Quận 1", "Phường Sài Gòn"),
        ("phuong 12 quan 10", "Phường Hòa Hưng"),
        ("Phường 5, Quận Gò Vấp", "Phường An Nhơn"),
        ("Xã Nhị Bình, Hóc Môn", "Xã Đông Thạnh"),
        ("xa nhi binh huyen hoc mon", "Xã Đông Thạnh"),
        ("P. Hiệp Bình Chánh, TP Thủ Đức", "Phường Hiệp Bình"),
        ("F4 Q8", "Phường Chánh Hưng"),
        ("Phường 2, Quận Tân Bình", "Phường Tân Sơn Hòa"),
        ("P.7, Q.5", "Phường An Đông"),
        ("Xã Tân Thông Hội, huyện Củ Chi", "Xã Củ Chi"),
        ("Thị trấn Cần Thạnh, huyện Cần Giờ", "Xã Cần Giờ"),
        ("Phường Phú Mỹ, TP. Thủ Dầu Một, Bình Dương", "Phường Bình Dương"),
        ("Phường Phước Trung, TP Bà Rịa, tỉnh Bà Rịa - Vũng Tàu", "Phường Bà Rịa"),
        ("Phường 5, TP. Vũng Tàu", "Phường Vũng Tàu"),
        ("Côn Đảo", "Đặc khu Côn Đảo"),
        ("Đặc khu Côn Đảo", "Đặc khu Côn Đảo"),
        ("xa can gio", "Xã Cần Giờ"),
        ("Phường Gia Định", "Phường Gia Định"),
        ("Gia Dinh, TP HCM", "Phường Gia Định"),
    ],
)
def test_old_and_new_addresses_across_the_city(text, unit):
    assert resolve_address(text, TODAY).unit.name == unit


def test_a_former_unit_split_between_two_answers_both_and_a_point_decides():
    with pytest.raises(AddressNotResolved) as caught:
        resolve_address("Phường Đa Kao, Quận 1", TODAY)
    assert caught.value.code == "address_split"
    assert {c["name"] for c in caught.value.extra["candidates"]} == {
        "Phường Sài Gòn", "Phường Tân Định",
    }
    tan_dinh_centre = (10.7917, 106.693)
    match = resolve_address("Phường Đa Kao, Quận 1", TODAY, point=tan_dinh_centre)
    assert match.unit.name == "Phường Tân Định"


def test_a_ward_number_without_its_district_is_not_guessed():
    with pytest.raises(AddressNotResolved) as caught:
        resolve_address("Phường 14", TODAY)
    candidates = caught.value.extra["candidates"]
    assert len({c["code"] for c in candidates}) >= 2
    assert all(c["name"] == "Phường 14" and c["within"] for c in candidates)


def test_a_former_district_alone_lists_its_units():
    with pytest.raises(AddressNotResolved) as caught:
        resolve_address("12 Nguyễn Xí, Bình Thạnh", TODAY)
    assert {c["code"] for c in caught.value.extra["candidates"]} == {
        "26944", "26929", "26905", "26956", "26911",
    }


def test_two_wards_in_one_address_is_not_guessed():
    with pytest.raises(AddressNotResolved) as caught:
        resolve_address("giữa Phường 25 và Phường 22", TODAY)
    assert len(caught.value.extra["candidates"]) >= 2


@pytest.mark.parametrize("text", ["", "hello", "123 đường không tên"])
def test_unrecognised_text_is_not_resolved(text):
    with pytest.raises(AddressNotResolved):
        resolve_address(text, TODAY)
