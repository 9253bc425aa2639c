"""Staff screens for the catalogue: catalogue editors fix facts and vocabularies.

Every add, change and delete is audited (``AuditedModelAdmin``). The listing
workflow (status, revisions) stays in the editor queue, so status is read-only
here; providers and tools are archived, not deleted.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.admin import AuditedModelAdmin
from accounts.roles import Perm
from tools_catalog.models import (
    Capability,
    DataType,
    DeploymentMode,
    Integration,
    Provider,
    SupportedLanguage,
    Tool,
    ToolClaim,
)
from tools_catalog.services import tool_search_index_update


class CatalogueAdmin(AuditedModelAdmin):
    """Open to holders of ``Perm.EDIT_CATALOGUE`` only."""

    can_delete = True

    def _editor(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.has_perm(Perm.EDIT_CATALOGUE)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._editor(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editor(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._editor(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editor(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.can_delete and self._editor(request)


@admin.register(Provider)
class ProviderAdmin(CatalogueAdmin):
    can_delete = False  # tools point at it; unlink representatives instead
    list_display = ["name", "country", "provider_type", "verified", "is_demo"]
    list_filter = ["verified", "provider_type", "is_demo"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    # Linked when a provider application is approved; the user list is not
    # for catalogue editors to browse.
    readonly_fields = ["representatives"]


@admin.register(Tool)
class ToolAdmin(CatalogueAdmin):
    can_delete = False  # archive through the workflow; reviews and shortlists keep it
    list_display = ["name", "provider", "status", "maturity", "last_vetted_on"]
    list_filter = ["status", "maturity", "cost_model", "is_demo"]
    list_select_related = ["provider"]
    search_fields = ["name", "slug", "provider__name"]
    autocomplete_fields = ["provider"]
    filter_horizontal = [
        "stages",
        "capabilities",
        "data_types",
        "deployments",
        "integrations",
        "languages",
    ]
    readonly_fields = [
        "status",
        "view_count",
        "shortlist_add_count",
        "compare_count",
        "rating_average",
        "rating_count",
        "created_at",
        "updated_at",
    ]

    def save_related(
        self, request: HttpRequest, form: Any, formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        tool_search_index_update(tool=form.instance)


@admin.register(ToolClaim)
class ToolClaimAdmin(CatalogueAdmin):
    """A claim's provenance and verification date; staff verification expires."""

    list_display = [
        "tool",
        "kind",
        "value",
        "provenance",
        "dated",
        "verification_expired",
    ]
    list_filter = ["kind", "provenance", "value"]
    list_select_related = ["tool"]
    search_fields = ["tool__name"]
    autocomplete_fields = ["tool"]

    @admin.display(boolean=True, description=_("verification expired"))
    def verification_expired(self, obj: ToolClaim) -> bool:
        return obj.verification_expired


class TermAdmin(CatalogueAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


for term_model in (
    Capability,
    DataType,
    DeploymentMode,
    Integration,
    SupportedLanguage,
):
    admin.site.register(term_model, TermAdmin)
