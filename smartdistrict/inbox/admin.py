"""Received e-mails and Zalo events, read-only: what came in and what became of it."""

from django.contrib import admin

from smartdistrict.inbox.models import InboundMessage


@admin.register(InboundMessage)
class InboundMessageAdmin(admin.ModelAdmin):
    list_display = ["received_at", "door", "sender", "subject", "outcome", "report"]
    list_filter = ["door", "outcome"]
    search_fields = ["sender", "subject", "report__code", "message_id"]
    readonly_fields = ["door", "received_at", "sender", "subject", "message_id", "reply_id",
                       "outcome", "reason", "report", "text"]
    exclude = ["raw"]
    date_hierarchy = "received_at"

    @admin.display(description="text")
    def text(self, obj: InboundMessage) -> str:
        """The message as received, decoded for reading (the bytes are kept as they came)."""
        return bytes(obj.raw).decode("utf-8", "replace")[:20_000]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
