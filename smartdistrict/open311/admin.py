"""Open311 API keys: created here (the key is shown once), revoked here; submissions read."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from smartdistrict.core.admin_mixins import ShownOnceSecretAdmin
from smartdistrict.open311.models import ApiKey, Open311Submission
from smartdistrict.open311.services import KEY_PREFIX, api_key_revoke


@admin.register(ApiKey)
class ApiKeyAdmin(ShownOnceSecretAdmin):
    """Never deleted: the record tells which application sent which report."""

    secret_prefix = KEY_PREFIX
    created_message = _("The new key is %(key)s — copy it now: it will not be shown again.")
    created_message_field = "key"
    revoke_description = _("Revoke the selected keys")
    revoked_message = _("%(n)d keys revoked.")

    list_display = ["name", "prefix", "active", "created_at", "revoked_at"]
    list_filter = ["active"]
    search_fields = ["name", "prefix"]
    fields = ["name", "active", "prefix", "created_at", "revoked_at"]
    readonly_fields = ["prefix", "created_at", "revoked_at"]

    def revoke_record(self, obj: ApiKey) -> None:
        api_key_revoke(api_key=obj)


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
