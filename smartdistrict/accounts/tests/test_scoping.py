"""Each role reads only its scope (acceptance 4 of the foundation issue)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from smartdistrict.accounts.models import Role, User
from smartdistrict.accounts.selectors import departments_visible_to, scope_for, units_visible_to
from smartdistrict.accounts.services import user_create
from smartdistrict.core.errors import InvalidInput
from smartdistrict.geography.models import Unit
from smartdistrict.organisations.models import Department

pytestmark = pytest.mark.django_db


def codes(queryset):
    return set(queryset.values_list("code", flat=True))


@pytest.fixture
def binh_quoi_officer():
    return User.objects.get(username="canbo.binhquoi")


def test_ward_officer_of_binh_quoi_cannot_read_gia_dinh(binh_quoi_officer):
    visible = codes(departments_visible_to(binh_quoi_officer))
    assert "ubnd-binh-quoi" in visible
    assert "ubnd-gia-dinh" not in visible
    assert not departments_visible_to(binh_quoi_officer).filter(code="ca-gia-dinh").exists()
    assert codes(units_visible_to(binh_quoi_officer)) == {
        "26911", "765.p27.2025", "765.p28.2025", "765.p27.2024", "765.p28.2024",
    }


def test_ward_officer_sees_the_former_wards_of_a_merged_ward():
    officer = User.objects.get(username="canbo.giadinh")
    visible = codes(units_visible_to(officer))
    for number in (1, 2, 7, 17):
        assert f"765.p{number}.2025" in visible
    for number in (1, 2, 3, 6, 7, 15, 17):
        assert f"765.p{number}.2024" in visible
    assert "765.p25.2025" not in visible
    assert "26911" not in visible


def test_shared_department_is_visible_to_each_ward_it_serves(binh_quoi_officer):
    assert departments_visible_to(binh_quoi_officer).filter(code="thoat-nuoc-hcm").count() == 1


def test_department_staff_see_only_their_department():
    staff = User.objects.get(username="kthtdt.thanhmytay")
    assert codes(departments_visible_to(staff)) == {"kthtdt-thanh-my-tay"}
    assert not units_visible_to(staff).exists()


@pytest.mark.parametrize("username", ["lanhdao", "admin", "tongdai"])
def test_whole_jurisdiction_roles_see_everything(username):
    user = User.objects.get(username=username)
    assert departments_visible_to(user).count() == Department.objects.count()
    assert units_visible_to(user).count() == Unit.objects.count()


def test_residents_and_inactive_accounts_see_nothing(binh_quoi_officer):
    assert not departments_visible_to(AnonymousUser()).exists()
    binh_quoi_officer.is_active = False
    assert scope_for(binh_quoi_officer).unit_ids == frozenset()


def test_district_officer_sees_every_ward_of_the_district():
    officer = user_create(
        username="quan", password="x", role=Role.WARD_OFFICER,
        units=[Unit.objects.get(code="765")], check_password=False,
    )
    visible = codes(units_visible_to(officer))
    assert {"765.p3.2024", "765.p28.2025"} <= visible
    assert "26911" not in visible  # the new wards are the city's, not the old district's


def test_roles_need_their_scope():
    with pytest.raises(InvalidInput) as caught:
        user_create(username="a", password="x", role=Role.WARD_OFFICER, check_password=False)
    assert caught.value.field == "units"
    with pytest.raises(InvalidInput) as caught:
        user_create(username="b", password="x", role=Role.DEPARTMENT_STAFF, check_password=False)
    assert caught.value.field == "departments"
    with pytest.raises(InvalidInput) as caught:
        user_create(username="c", password="x", role="mayor", check_password=False)
    assert caught.value.field == "role"


def test_weak_passwords_are_refused_and_good_ones_hashed_with_argon2(settings):
    from smartdistrict.conftest import PRODUCTION_PASSWORD_HASHERS

    settings.PASSWORD_HASHERS = PRODUCTION_PASSWORD_HASHERS  # the suite hashes with MD5
    with pytest.raises(InvalidInput) as caught:
        user_create(username="d", password="123", role=Role.LEADER)
    assert caught.value.field == "password"
    user = user_create(username="e", password="Kênh-Xuyên-Tâm-2026", role=Role.LEADER)
    assert user.password.startswith("argon2")
    assert user.check_password("Kênh-Xuyên-Tâm-2026")
    assert not user.is_staff
