from django.contrib import admin

from smartdistrict.organisations.models import Department
from smartdistrict.organisations.services import departments_changed


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "email", "active", "valid_to"]
    list_filter = ["kind", "active"]
    search_fields = ["code", "name", "name_en"]
    filter_horizontal = ["units"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        departments_changed()  # routing falls back to the unit's People's Committee

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        departments_changed()
