"""Admin pages for feedback configuration; reports are read here and worked in the console."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from smartdistrict.feedback.config_cache import config_changed
from smartdistrict.feedback.models import (
    Category,
    CategoryAttribute,
    ContactAccess,
    Event,
    RefusalReason,
    Report,
    RoutingRule,
    RoutingRuleChange,
    ZaloToken,
)
from smartdistrict.feedback.models.zalo import token_hint
from smartdistrict.feedback.services.routing import routing_rule_delete, routing_rule_set


class CategoryAttributeInline(admin.TabularInline):
    model = CategoryAttribute
    extra = 0


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "group", "deadline_value", "deadline_unit", "priority",
                    "active"]
    list_filter = ["group", "active", "deadline_unit"]
    search_fields = ["code", "name", "name_en"]
    inlines = [CategoryAttributeInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        config_changed()  # every process reloads its copy of the categories

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        config_changed()


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    """Saving and deleting go through the routing service, which writes the audit log."""

    list_display = ["category", "unit", "department"]
    list_filter = ["category", "department__kind"]
    search_fields = ["category__code", "unit__name", "department__name"]
    autocomplete_fields = ["unit"]

    def save_model(self, request, obj, form, change):
        rule = routing_rule_set(
            category=obj.category, unit=obj.unit, department=obj.department, actor=request.user
        )
        obj.pk = rule.pk

    def delete_model(self, request, obj):
        routing_rule_delete(rule=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for rule in queryset:
            routing_rule_delete(rule=rule, actor=request.user)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RoutingRuleChange)
class RoutingRuleChangeAdmin(ReadOnlyAdmin):
    list_display = ["changed_at", "category", "unit", "old_department", "new_department", "actor"]
    list_filter = ["category"]


@admin.register(ContactAccess)
class ContactAccessAdmin(ReadOnlyAdmin):
    list_display = ["accessed_at", "user", "report", "channel"]
    search_fields = ["report__code", "user__username"]


class EventInline(admin.TabularInline):
    model = Event
    extra = 0
    can_delete = False
    fields = ["created_at", "kind", "from_status", "to_status", "actor", "actor_role", "note",
              "public"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    """Read-only: every change to a report goes through the workflow services."""

    list_display = ["code", "category", "ward", "department", "status", "due_at", "created_at"]
    list_filter = ["status", "channel", "category"]
    search_fields = ["code"]
    list_select_related = ["category", "ward", "department"]
    exclude = ["reporter_name", "reporter_phone", "reporter_email", "idempotency_key"]
    inlines = [EventInline]


@admin.register(RefusalReason)
class RefusalReasonAdmin(admin.ModelAdmin):
    """The reasons staff pick when refusing a report; the text is what the resident reads."""

    list_display = ["code", "text", "active", "order"]
    list_editable = ["active", "order"]
    search_fields = ["code", "text", "text_en"]


@admin.register(ZaloToken)
class ZaloTokenAdmin(admin.ModelAdmin):
    """Read-only: whether the Zalo OA token is renewed, and Zalo's last refusal. The tokens
    are shown as their last characters only; they are set with `smartdistrict zalo_token`."""

    list_display = ["key", "access_hint", "expires_at", "refreshed_at", "last_error",
                    "last_error_at"]
    fields = ["key", "access_hint", "refresh_hint", "expires_at", "refreshed_at",
              "last_error", "last_error_at", "updated_at"]
    readonly_fields = fields

    @admin.display(description=_("access token"))
    def access_hint(self, row: ZaloToken) -> str:
        return token_hint(row.access_token)

    @admin.display(description=_("refresh token"))
    def refresh_hint(self, row: ZaloToken) -> str:
        return token_hint(row.refresh_token)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
