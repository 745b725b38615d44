"""Writing the alley register. The ward is the one geography finds at the line's middle."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from smartdistrict.accounts.models import User
from smartdistrict.alleys.geometry import Line, read_line
from smartdistrict.alleys.models import Alley, Drainage, Flooding, Lighting, Surface
from smartdistrict.alleys.services.common import require_actor, text
from smartdistrict.core.errors import InvalidInput
from smartdistrict.core.text import fold
from smartdistrict.geography.models import Unit
from smartdistrict.geography.selectors import lookup_point


def _choice(value: str, choices, field: str) -> str:
    value = (value or "").strip()
    if value and value not in choices.values:
        raise InvalidInput(_("Choose one of the listed values."), field=field)
    return value


def _width(value: object) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        width = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise InvalidInput(_("Enter the width in metres."), field="width_m") from None
    if not width.is_finite() or width <= 0 or width >= 100:
        raise InvalidInput(_("Enter the width in metres (more than 0, less than 100)."),
                           field="width_m")
    return width.quantize(Decimal("0.01"))


def ward_of_line(geometry: str) -> tuple[Unit, Line]:
    """The ward containing the middle of the line today (geography's point lookup)."""
    line = read_line(geometry)
    lat, lon = line.middle
    found = lookup_point(lat, lon)
    if found.ward is None:
        raise InvalidInput(
            found.note or _("The ward of this line cannot be told."), field="geometry",
        )
    return Unit.objects.get(pk=found.ward.id), line


@transaction.atomic
def alley_upsert(
    *,
    name: str,
    geometry: str,
    code: str = "",
    width_m: object = None,
    surface: str = "",
    drainage: str = "",
    flooding: str = "",
    lighting: str = "",
    households: int = 0,
    note: str = "",
    location_approximate: bool = False,
    illustrative: bool = False,
    actor: User | None = None,
    check_actor: bool = True,
) -> Alley:
    """Create the alley, or update the one with ``code``. The actor must be an officer of
    the ward the line lies in (``check_actor=False`` for loading demo data)."""
    name = text(name, field="name", required=True, limit=200)
    unit, line = ward_of_line(geometry)
    code = slugify(fold(code or f"{unit.code}-{name}"))[:80]
    if not code:
        raise InvalidInput(_("Give the alley a code."), field="code")
    if check_actor:
        require_actor(actor, unit.id)
        existing = Alley.objects.filter(code=code).values_list("unit_id", flat=True).first()
        if existing is not None:
            require_actor(actor, existing)
    if not isinstance(households, int) or households < 0 or households > 100_000:
        raise InvalidInput(_("Enter the number of households (0 or more)."), field="households")
    min_lon, min_lat, max_lon, max_lat = line.bounds
    values = {
        "name": name, "unit": unit, "geometry": line.geojson, "length_m": line.length_m,
        "min_lat": min_lat, "max_lat": max_lat, "min_lon": min_lon, "max_lon": max_lon,
        "width_m": _width(width_m), "surface": _choice(surface, Surface, "surface"),
        "drainage": _choice(drainage, Drainage, "drainage"),
        "flooding": _choice(flooding, Flooding, "flooding"),
        "lighting": _choice(lighting, Lighting, "lighting"), "households": households,
        "note": text(note, field="note"), "location_approximate": location_approximate,
        "illustrative": illustrative,
    }
    alley, _created = Alley.objects.update_or_create(code=code, defaults=values)
    return alley
