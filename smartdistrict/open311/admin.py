"""Open311 API keys: created here (the key is shown once), revoked here; submissions read."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from smartdistrict.open311.models import ApiKey, Open311Submission
from smartdistrict.open311.services import api_key_revoke, key_material


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "active", "created_at", "revoked_at"]
    list_filter = ["active"]
    search_fields = ["name", "prefix"]
    fields = ["name", "active", "prefix", "created_at", "revoked_at"]
    readonly_fields = ["prefix", "created_at", "revoked_at"]
    actions = ["revoke"]

    def save_model(self, request, obj, form, change):
        if not change:
            raw, obj.prefix, obj.key_hash = key_material()
            super().save_model(request, obj, form, change)
            self.message_user(
                request,
                _("The new key is %(key)s — copy it now: it will not be shown again.")
                % {"key": raw},
                messages.WARNING,
            )
            return
        if not obj.active and obj.revoked_at is None:
            api_key_revoke(api_key=obj)
            return
        super().save_model(request, obj, form, change)

    @admin.action(description=gettext_lazy("Revoke the selected keys"))
    def revoke(self, request, queryset):
        for key in queryset:
            api_key_revoke(api_key=key)
        self.message_user(request, _("%(n)d keys revoked.") % {"n": queryset.count()})

    def has_delete_permission(self, request, obj=None):
        return False  # keep the record of which application sent which report


@admin.register(Open311Submission)
class Open311SubmissionAdmin(admin.ModelAdmin):
    list_display = ["report", "api_key", "device_id", "created_at"]
    list_filter = ["api_key"]
    search_fields = ["report__code", "device_id"]
    readonly_fields = [f.name for f in Open311Submission._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
