from django.contrib import admin

from smartdistrict.organisations.models import Department


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "email", "active", "valid_to"]
    list_filter = ["kind", "active"]
    search_fields = ["code", "name", "name_en"]
    filter_horizontal = ["units"]
