"""Admin behaviour shared by the models of secrets shown once (smartdistrict.core.shown_once).

Kept apart from core/admin.py, which registers core's own models: importing a mixin should
not register anything.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.functional import Promise

from smartdistrict.core import shown_once


class ShownOnceSecretAdmin(admin.ModelAdmin):
    """Adding a record creates its secret and shows it once, in a message; unticking
    "active" or the "revoke" action revokes it; records are never deleted.

    The database keeps only the secret's hash, so the message after "add" is the only
    moment anyone sees it. Records stay after revocation: an Open311 submission points at
    the key that sent it, and a revoked record tells when its secret stopped working.

    A subclass sets:
    - ``secret_prefix``: the public prefix of its secrets (``"o311_"``, ``"env_"``);
    - ``created_message`` and ``created_message_field``: the message shown after "add" and
      the name of its placeholder for the secret (``%(key)s`` → ``"key"``);
    - ``revoke_description`` and ``revoked_message`` (with ``%(n)d``): the action's label
      and its confirmation;
    - ``revoke_record(obj)``: the app's revoke service, the one write entry point.
    Messages are gettext_lazy strings declared in the subclass, so each app's msgids and
    their translations stay where they were.
    """

    secret_prefix: str = ""
    created_message: str | Promise = ""
    created_message_field: str = "key"
    revoke_description: str | Promise = ""
    revoked_message: str | Promise = ""
    actions = ["revoke"]

    def revoke_record(self, obj: Any) -> None:
        raise NotImplementedError("call the app's revoke service")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if not change:
            secret = shown_once.new_secret(self.secret_prefix)
            obj.prefix, obj.key_hash = secret.prefix, secret.digest
            super().save_model(request, obj, form, change)
            self.message_user(
                request,
                self.created_message % {self.created_message_field: secret.raw},
                messages.WARNING,
            )
            return
        super().save_model(request, obj, form, change)
        if not obj.active and obj.revoked_at is None:
            self.revoke_record(obj)  # "active" unticked: revoked, with the time

    @admin.action(permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet) -> None:
        for obj in queryset:
            self.revoke_record(obj)
        self.message_user(request, self.revoked_message % {"n": queryset.count()})

    def get_action(self, action: Any) -> tuple[Any, str, Any] | None:
        """The revoke action under the subclass's label (an action's description is an
        attribute of the shared function, so it cannot differ per subclass otherwise)."""
        found = super().get_action(action)
        if found is not None and found[1] == "revoke":
            return found[0], found[1], self.revoke_description
        return found

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False  # revoke instead: the record is the history of the secret
