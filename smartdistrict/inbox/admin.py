"""Received e-mails and Zalo events, read-only: what came in and what became of it."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from smartdistrict.inbox.models import InboundMessage, ZaloConversation


@admin.register(InboundMessage)
class InboundMessageAdmin(admin.ModelAdmin):
    list_display = ["received_at", "door", "sender", "subject", "outcome", "report"]
    list_filter = ["door", "outcome"]
    search_fields = ["sender", "subject", "report__code", "message_id"]
    readonly_fields = ["door", "received_at", "sender", "subject", "message_id", "reply_id",
                       "outcome", "reason", "report", "text"]
    exclude = ["raw"]
    date_hierarchy = "received_at"

    @admin.display(description=_("message as received"))
    def text(self, obj: InboundMessage) -> str:
        """The message as received, decoded for reading (the bytes are kept as they came)."""
        return bytes(obj.raw).decode("utf-8", "replace")[:20_000]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ZaloConversation)
class ZaloConversationAdmin(admin.ModelAdmin):
    """Conversations in progress and the reports they became (read-only)."""

    list_display = ["updated_at", "user_id", "report", "started_at"]
    search_fields = ["user_id", "report__code"]
    readonly_fields = ["user_id", "text", "lat", "lon", "photo_urls", "report", "started_at",
                       "updated_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
