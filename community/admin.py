"""Forum categories and events in the audited admin, for moderators.

Staff write a category's name and an event's title in every language side by
side (``core.admin_translations``); the rest of the community is run from the
portal's own moderation pages. The landing page's partners are edited here by
admins.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from accounts.admin import AuditedModelAdmin
from accounts.roles import Perm
from community.models import Category, Event, Partner
from core.admin_translations import TranslationsAdminMixin


class ModeratorAdmin(TranslationsAdminMixin, AuditedModelAdmin):
    """Open to holders of ``Perm.MODERATE_COMMUNITY`` only."""

    def _moderator(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.has_perm(Perm.MODERATE_COMMUNITY)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._moderator(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._moderator(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._moderator(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._moderator(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # topics and registrations hang on them


@admin.register(Category)
class CategoryAdmin(ModeratorAdmin):
    list_display = ["name", "slug", "kind", "audience", "position"]
    fields = ["name", "slug", "description", "kind", "stage", "audience", "position"]


@admin.register(Event)
class EventAdmin(ModeratorAdmin):
    list_display = ["title", "kind", "starts_at", "capacity"]
    list_filter = ["kind"]
    search_fields = ["title"]
    fields = [
        "title",
        "slug",
        "kind",
        "description",
        "starts_at",
        "ends_at",
        "time_zone",
        "online_url",
        "venue",
        "capacity",
        "recording_url",
        "materials",
        "audience",
        "recurrence",
        "recurrence_count",
    ]


@admin.register(Partner)
class PartnerAdmin(AuditedModelAdmin):
    list_display = ("name", "kind", "country", "position", "is_demo")
    list_filter = ("kind",)
    search_fields = ("name",)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(Perm.MANAGE_ROLES)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(Perm.MANAGE_ROLES)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(Perm.MANAGE_ROLES)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(Perm.MANAGE_ROLES)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(Perm.MANAGE_ROLES)
