from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from smartdistrict.geography.models import Boundary, Succession, Unit


class SuccessionInline(admin.TabularInline):
    model = Succession
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ["successor"]
    verbose_name = _("successor")
    verbose_name_plural = _("successors")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "gso_code", "name", "level", "parent", "valid_from", "valid_to",
                    "boundary_status"]
    list_filter = ["level", "valid_to"]
    search_fields = ["code", "gso_code", "name", "name_en", "name_folded"]
    inlines = [SuccessionInline]
    exclude = ["name_folded"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent", "boundary")

    @admin.display(description=_("boundary"))
    def boundary_status(self, unit: Unit) -> str:
        boundary = getattr(unit, "boundary", None)
        if boundary is None:
            return "—"
        return str(_("approximate") if boundary.approximate else _("official"))


@admin.register(Boundary)
class BoundaryAdmin(admin.ModelAdmin):
    """Boundaries are read here and replaced with ``smartdistrict geo_import``."""

    list_display = ["unit", "approximate", "area_km2", "source", "updated_at"]
    list_filter = ["approximate"]
    readonly_fields = ["unit", "approximate", "area_km2", "source", "method", "min_lon",
                       "min_lat", "max_lon", "max_lat", "updated_at"]
    exclude = ["wkb"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
