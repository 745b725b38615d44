"""Registering a dossier whose result was returned, with the token its QR code carries."""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smartdistrict.core.errors import InvalidInput, NotFound
from smartdistrict.core.text import clean_text
from smartdistrict.geography.models import Level, Unit
from smartdistrict.survey.models import CivilServant, Counter, Dossier, UnitProcedure

TOKEN_BYTES = 12  # 16 URL-safe characters: short enough for a small QR code


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def _code(unit: Unit, returned_at: dt.datetime) -> str:
    """A dossier code when the one-stop system gave none: UNIT-YYMMDD-random."""
    day = timezone.localtime(returned_at).strftime("%y%m%d")
    return f"{unit.code}-{day}-{secrets.token_hex(3).upper()}"


def dossier_register(
    *,
    unit: Unit | str,
    procedure: str,
    counter: str = "",
    servant: str = "",
    code: str = "",
    returned_at: dt.datetime | None = None,
    illustrative: bool = False,
) -> tuple[Dossier, bool]:
    """Register a dossier of ``unit`` (its code or the unit) for ``procedure`` (its code),
    served at ``counter`` by ``servant`` (their codes in that unit). Returns (dossier,
    created); the same dossier code again returns the stored dossier."""
    if isinstance(unit, str):
        unit = Unit.objects.filter(code=unit, level=Level.WARD).first()
        if unit is None:
            raise NotFound(_("No ward, commune or special zone has this code."), field="unit")
    code = clean_text(code or "").strip()
    if len(code) > 60:
        raise InvalidInput(_("The dossier code is too long (at most 60 characters)."),
                           field="code")
    if code:
        existing = Dossier.objects.filter(code=code).first()
        if existing is not None:
            if existing.unit_id != unit.id:
                raise InvalidInput(_("This dossier code belongs to another unit."), field="code")
            return existing, False
    offered = (UnitProcedure.objects.select_related("procedure")
               .filter(unit=unit, procedure__code=(procedure or "").strip(), active=True).first())
    if offered is None:
        raise InvalidInput(_("This one-stop shop does not handle this procedure."),
                           field="procedure")
    found_counter = None
    if counter:
        found_counter = Counter.objects.filter(unit=unit, code=counter, active=True).first()
        if found_counter is None:
            raise InvalidInput(_("No counter of this one-stop shop has this code."),
                               field="counter")
    found_servant = None
    if servant:
        found_servant = CivilServant.objects.filter(unit=unit, code=servant, active=True).first()
        if found_servant is None:
            raise InvalidInput(_("No civil servant of this one-stop shop has this code."),
                               field="servant")
    returned_at = returned_at or timezone.now()
    try:
        with transaction.atomic():
            dossier = Dossier.objects.create(
                code=code or _code(unit, returned_at), token=new_token(), unit=unit,
                procedure=offered.procedure, counter=found_counter, servant=found_servant,
                returned_at=returned_at, illustrative=illustrative,
            )
    except IntegrityError:
        existing = Dossier.objects.filter(code=code).first() if code else None
        if existing is None:
            raise
        return existing, False
    return dossier, True


def dossier_by_token(token: str) -> Dossier:
    dossier = (Dossier.objects.select_related("unit", "procedure", "counter")
               .filter(token=token or "").first())
    if dossier is None:
        raise NotFound(_("This survey link is not valid. Check the code on your receipt."),
                       code="survey_not_found")
    return dossier
