from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.admin import AuditedModelAdmin
from accounts.reauthentication import ReauthenticationRequiredAdminMixin
from accounts.roles import Perm
from core.admin_actions import decide_one
from core.admin_translations import TranslationsAdminMixin
from onboarding import services
from onboarding.models import (
    InfoRequestTemplate,
    OrganisationJoinRequest,
    RejectionReason,
    TrustedDomain,
)


@admin.register(TrustedDomain)
class TrustedDomainAdmin(AuditedModelAdmin):
    list_display = ("domain", "organisation", "country")
    search_fields = ("domain", "organisation")


class StaffTemplateAdmin(TranslationsAdminMixin, AuditedModelAdmin):
    """Texts verifiers send to applicants, written by verifiers and
    administrators in every language side by side; retired, never deleted
    (decided applications point at them)."""

    def _staff(self, request: HttpRequest) -> bool:
        user = request.user
        return user.is_active and (
            user.has_perm(Perm.VERIFY_APPLICATIONS) or user.has_perm(Perm.MANAGE_ROLES)
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._staff(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._staff(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._staff(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._staff(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # untick "active" instead


@admin.register(RejectionReason)
class RejectionReasonAdmin(StaffTemplateAdmin):
    list_display = ("title", "active")
    list_filter = ("active",)
    fields = ("title", "text", "active")


@admin.register(InfoRequestTemplate)
class InfoRequestTemplateAdmin(StaffTemplateAdmin):
    list_display = ("title", "active")
    list_filter = ("active",)
    fields = ("title", "text", "active")


@admin.register(OrganisationJoinRequest)
class OrganisationJoinRequestAdmin(
    ReauthenticationRequiredAdminMixin, admin.ModelAdmin
):
    """The second sign-off on a claim to represent an existing organisation,
    for verifiers and administrators; one request at a time, through the
    services (which refuse whoever gave the first sign-off). Deciding needs a
    recent reauthentication, as every approval does."""

    reauthentication_actions = frozenset({"approve", "refuse"})

    list_display = [
        "applicant",
        "provider",
        "status",
        "requested_by",
        "requested_at",
        "representatives_told_at",
        "objection_window_ends_at",
    ]
    list_filter = ["status"]
    list_select_related = ["application", "user", "provider", "requested_by"]
    readonly_fields = [
        "application",
        "user",
        "provider",
        "status",
        "requested_by",
        "requested_at",
        "representatives_told_at",
        "objection_window_ends_at",
        "decided_by",
        "decided_at",
        "objected_by",
        "objected_at",
        "objection",
    ]
    actions = ["approve", "refuse"]

    @admin.display(description=_("applicant"))
    def applicant(self, obj: OrganisationJoinRequest) -> str:
        return f"{obj.application.full_name or obj.user} <{obj.user.email}>"

    def _staff(self, request: HttpRequest) -> bool:
        user = request.user
        return user.is_active and (
            user.has_perm(Perm.VERIFY_APPLICATIONS) or user.has_perm(Perm.MANAGE_ROLES)
        )

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._staff(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._staff(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # read-only: decisions go through the actions (services)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # filed when a provider application is approved

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def _decide(self, request: HttpRequest, queryset: Any, decide: Any) -> None:
        refused = services.ApplicationStateError
        decide_one(self, request, queryset, decide, refused, "join")

    @admin.action(description=_("Approve the selected request (second sign-off)"))
    def approve(self, request: HttpRequest, queryset: Any) -> None:
        self._decide(request, queryset, services.organisation_join_approve)

    @admin.action(description=_("Refuse the selected request"))
    def refuse(self, request: HttpRequest, queryset: Any) -> None:
        self._decide(request, queryset, services.organisation_join_refuse)
