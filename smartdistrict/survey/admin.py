"""Administrators manage the catalogue here; dossiers, answers and tallies are read-only
(answers come only through the survey, tallies only from answers)."""

from django.contrib import admin

from smartdistrict.survey.models import (
    CivilServant,
    Counter,
    Dossier,
    MonthlyTally,
    Procedure,
    Response,
    UnitProcedure,
)


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OfferedInline(admin.TabularInline):
    model = UnitProcedure
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "field", "time_limit_days", "illustrative"]
    list_filter = ["field", "illustrative"]
    search_fields = ["code", "name"]
    inlines = [OfferedInline]


@admin.register(Counter)
class CounterAdmin(admin.ModelAdmin):
    list_display = ["unit", "code", "name", "active", "illustrative"]
    list_filter = ["active", "illustrative"]
    list_select_related = ["unit"]
    search_fields = ["code", "name", "unit__name"]
    autocomplete_fields = ["unit"]


@admin.register(CivilServant)
class CivilServantAdmin(admin.ModelAdmin):
    list_display = ["full_name", "code", "unit", "title", "active", "illustrative"]
    list_filter = ["active", "illustrative"]
    list_select_related = ["unit"]
    search_fields = ["full_name", "code", "unit__name"]
    autocomplete_fields = ["unit"]
    filter_horizontal = ["counters"]


@admin.register(Dossier)
class DossierAdmin(ReadOnly):
    list_display = ["code", "unit", "procedure", "counter", "returned_at", "illustrative"]
    list_filter = ["illustrative"]
    list_select_related = ["unit", "procedure", "counter"]
    search_fields = ["code"]
    exclude = ["token"]  # the token is the resident's key to the survey
    date_hierarchy = "returned_at"


@admin.register(Response)
class ResponseAdmin(ReadOnly):
    list_display = ["dossier", "unit", "answered_at", "channel", "access", "procedure_score",
                    "servant", "result", "feedback", "general", "report_code"]
    list_filter = ["channel", "illustrative"]
    list_select_related = ["dossier", "unit"]
    search_fields = ["dossier__code", "report_code"]
    date_hierarchy = "answered_at"


@admin.register(MonthlyTally)
class MonthlyTallyAdmin(ReadOnly):
    list_display = ["month", "scope", "unit", "key", "responses", "reports"]
    list_filter = ["scope"]
    list_select_related = ["unit"]
