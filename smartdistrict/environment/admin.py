"""Admin of the environment data: parameters, providers, stations, tokens; readings and
dead letters read-only.

Readings are read here, not edited: they arrive through the ingestion services, which
also keep the latest values. A station's ward is set from its point by the geography app.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from smartdistrict.core.admin_mixins import ShownOnceSecretAdmin
from smartdistrict.environment import selectors
from smartdistrict.environment.alerts import admin as _alerts_admin  # noqa: F401  (rules, alerts)
from smartdistrict.environment.models import (
    DataProvider,
    DeadLetter,
    IngestToken,
    LatestReading,
    Parameter,
    Reading,
    Station,
    StationParameter,
)
from smartdistrict.environment.services.stations import ward_for
from smartdistrict.environment.services.tokens import TOKEN_PREFIX, ingest_token_revoke


@admin.register(Parameter)
class ParameterAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "unit", "plausible_min", "plausible_max"]
    search_fields = ["code", "name", "name_en", "aliases"]


@admin.register(DataProvider)
class DataProviderAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "contact", "active"]
    list_filter = ["active"]
    search_fields = ["code", "name"]


class StationParameterInline(admin.TabularInline):
    model = StationParameter
    extra = 1
    autocomplete_fields = ["parameter"]


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "canal", "kind", "ward", "provider", "active"]
    list_filter = ["kind", "active", "canal", "provider"]
    search_fields = ["code", "name", "canal"]
    list_select_related = ["ward", "provider"]
    readonly_fields = ["ward", "updated_at"]
    inlines = [StationParameterInline]

    def save_model(self, request, obj, form, change):
        obj.ward = ward_for(obj.lat, obj.lon)
        super().save_model(request, obj, form, change)


@admin.register(IngestToken)
class IngestTokenAdmin(ShownOnceSecretAdmin):
    """Revoked, never deleted here: the record tells when the token stopped working."""

    secret_prefix = TOKEN_PREFIX
    created_message = _("The new token is %(token)s — copy it now: it will not be shown again.")
    created_message_field = "token"
    revoke_description = _("Revoke the selected tokens")
    revoked_message = _("%(n)d tokens revoked.")

    list_display = ["prefix", "name", "station", "provider", "active", "created_at",
                    "revoked_at"]
    list_filter = ["active"]
    search_fields = ["prefix", "name", "station__code", "provider__code"]
    fields = ["name", "station", "provider", "active", "prefix", "created_at", "revoked_at"]
    readonly_fields = ["prefix", "created_at", "revoked_at"]

    def revoke_record(self, obj: IngestToken) -> None:
        ingest_token_revoke(token=obj)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Reading)
class ReadingAdmin(ReadOnlyAdmin):
    list_display = ["station", "parameter", "observed_at", "value", "unit", "quality",
                    "source", "received_at"]
    list_filter = ["quality", "source", "parameter"]
    search_fields = ["station__code"]
    list_select_related = ["station", "parameter"]
    date_hierarchy = "observed_at"
    show_full_result_count = False  # millions of rows: no COUNT(*) per page


@admin.register(LatestReading)
class LatestReadingAdmin(ReadOnlyAdmin):
    list_display = ["station", "parameter", "observed_at", "value", "unit", "quality"]
    list_filter = ["quality", "parameter"]
    search_fields = ["station__code"]
    list_select_related = ["station", "parameter"]


@admin.register(DeadLetter)
class DeadLetterAdmin(ReadOnlyAdmin):
    """What a sensor sent that could not be stored. Viewing needs the permission
    environment.view_deadletter; deleting (clearing what was dealt with) its own."""

    list_display = ["received_at", "source", "origin", "code", "reason_short", "payload_short"]
    list_filter = ["source", "code"]
    search_fields = ["origin", "payload", "reason"]
    date_hierarchy = "received_at"
    fields = ["received_at", "source", "origin", "code", "reason", "payload"]
    readonly_fields = fields
    show_full_result_count = False

    @admin.display(description=_("reason"))
    def reason_short(self, obj: DeadLetter) -> str:
        return obj.reason if len(obj.reason) <= 120 else f"{obj.reason[:120]}…"

    @admin.display(description=_("payload"))
    def payload_short(self, obj: DeadLetter) -> str:
        return obj.payload if len(obj.payload) <= 80 else f"{obj.payload[:80]}…"

    def changelist_view(self, request, extra_context=None):
        counts = selectors.dead_letter_counts()
        title = _("Dead letters: %(day)d in the last 24 hours, %(week)d in 7 days, "
                  "%(total)d kept") % counts
        return super().changelist_view(request, {**(extra_context or {}), "title": title})
