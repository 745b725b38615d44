from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from smartdistrict.geography.models import Boundary, Jurisdiction, Succession, Unit
from smartdistrict.geography.services import geography_changed


class SuccessionInline(admin.TabularInline):
    model = Succession
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ["successor"]
    verbose_name = _("successor")
    verbose_name_plural = _("successors")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["code", "gso_code", "name", "level", "kind", "parent", "valid_from",
                    "valid_to", "boundary_status"]
    list_filter = ["level", "kind", "valid_to"]
    search_fields = ["code", "gso_code", "name", "name_en", "name_folded"]
    inlines = [SuccessionInline]
    exclude = ["name_folded"]

    def save_model(self, request, obj, form, change):
        from smartdistrict.core.text import fold

        obj.name_folded = fold(obj.name)[:120]
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        geography_changed()  # every process rebuilds its point → unit index

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        geography_changed()

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


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    """Loaded by ``smartdistrict pack_load``; the names and prefixes can be edited here."""

    list_display = ["code", "name", "root", "report_code_prefix", "open311_jurisdiction_id",
                    "updated_at"]
    readonly_fields = ["code", "root", "pack", "updated_at"]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        geography_changed()
