"""Administrators declare extra days off and make-up working days here."""

from django.contrib import admin
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from smartdistrict.core import selectors
from smartdistrict.core.models import CalendarOverride


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ["date", "weekday", "kind", "note", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["note"]
    date_hierarchy = "date"
    ordering = ["date"]
    readonly_fields = ["created_at", "updated_at"]

    @admin.display(description=_("weekday"), ordering="date")
    def weekday(self, override: CalendarOverride) -> str:
        return date_format(override.date, "l")

    # The selector notices changes by itself; dropping the cache makes them immediate here.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        transaction.on_commit(selectors.invalidate)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        transaction.on_commit(selectors.invalidate)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        transaction.on_commit(selectors.invalidate)
