"""The landing page's partners, edited by admins in the (audited) Django admin."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from accounts.admin import AuditedModelAdmin
from accounts.roles import Perm
from community.models import Partner


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
