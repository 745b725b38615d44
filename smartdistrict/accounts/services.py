"""Writes to accounts: the one place where a role's requirements are checked."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from smartdistrict.accounts.models import Role, User
from smartdistrict.core.errors import InvalidInput
from smartdistrict.core.text import clean_text
from smartdistrict.geography.models import Unit
from smartdistrict.organisations.models import Department


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: str,
    full_name: str = "",
    email: str = "",
    units: Iterable[Unit] = (),
    departments: Iterable[Department] = (),
    check_password: bool = True,
) -> User:
    """Create a staff account with its role and scope.

    A ward officer must be scoped to at least one unit and department staff to at
    least one department: an unscoped account would otherwise see nothing and be
    mistaken for broken.
    """
    units, departments = list(units), list(departments)
    if role not in Role.values:
        raise InvalidInput(_("Unknown role."), field="role")
    if role == Role.WARD_OFFICER and not units:
        raise InvalidInput(_("A ward officer needs at least one unit."), field="units")
    if role == Role.DEPARTMENT_STAFF and not departments:
        raise InvalidInput(
            _("Department staff need at least one department."), field="departments"
        )
    if User.objects.filter(username=username).exists():
        raise InvalidInput(_("This username is taken."), field="username")
    user = User(username=username, email=email, role=role)
    if check_password:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise InvalidInput(" ".join(error.messages), field="password") from None
    first, _sep, last = clean_text(full_name).rpartition(" ")
    user.first_name, user.last_name = first, last
    user.is_staff = user.is_superuser = role == Role.ADMINISTRATOR
    user.set_password(password)
    user.save()
    user.units.set(units)
    user.departments.set(departments)
    return user
