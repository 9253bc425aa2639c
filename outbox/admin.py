from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from outbox.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read-only: what is waiting, what failed and why. The sweeper does the rest."""

    list_display = ["id", "task_name", "created_at", "attempts", "delivered_at"]
    list_filter = ["task_name", ("delivered_at", admin.EmptyFieldListFilter)]
    exclude = ["kwargs"]  # may hold email bodies; not for browsing
    readonly_fields = [
        "task_name",
        "dedupe_key",
        "created_at",
        "last_sent_at",
        "claimed_until",
        "delivered_at",
        "attempts",
        "last_error",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
