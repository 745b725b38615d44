"""Admin of alert rules (editable data) and alerts (read-only history).

Imported from smartdistrict/environment/admin.py so Django's admin discovery finds it.
"""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from smartdistrict.environment.models import Alert, AlertRule


@admin.register(AlertRule)
class AlertRuleAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "station", "station_kind", "parameter", "qcvn_class",
                    "wqi_level", "silence_factor", "active")
    list_filter = ("kind", "active", "station_kind")
    search_fields = ("name", "station__code", "station__name", "parameter__code")
    autocomplete_fields = ()
    raw_id_fields = ("station",)
    fieldsets = (
        (None, {"fields": ("name", "kind", "active", "category_code")}),
        (_("Where"), {"fields": ("station", "station_kind")}),
        (_("Condition"), {"fields": ("parameter", "qcvn_class", "wqi_level", "silence_factor")}),
    )


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ("rule", "station", "opened_at", "cleared_at", "report", "value")
    list_filter = ("rule__kind", ("cleared_at", admin.EmptyFieldListFilter))
    search_fields = ("station__code", "rule__name", "report__code")
    date_hierarchy = "opened_at"
    list_select_related = ("rule", "station", "report")
    readonly_fields = ("rule", "station", "opened_at", "cleared_at", "report",
                       "opened_report", "value", "details")

    def has_add_permission(self, request) -> bool:
        return False
