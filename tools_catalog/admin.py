"""Staff screens for the catalogue: catalogue editors fix facts and vocabularies.

Every add, change and delete is audited (``AuditedModelAdmin``); merging terms
goes through ``services.term_merge`` (audited too). A term that tools use
cannot be deleted: the delete page says so and points to the merge action. The listing
workflow (status, revisions) stays in the editor queue, so status is read-only
here; providers and tools are archived, not deleted.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.admin import AuditedModelAdmin
from accounts.roles import Perm
from core.admin_translations import TranslationsAdminMixin
from tools_catalog.models import (
    Capability,
    DataType,
    DeploymentMode,
    Disclosure,
    Integration,
    Provider,
    SupportedLanguage,
    Tool,
    ToolClaim,
    claim_value,
)
from tools_catalog.selectors import CLAIM_FIELDS
from tools_catalog.services import (
    TermMergeError,
    term_merge,
    tool_search_index_update,
)


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
class ToolAdmin(TranslationsAdminMixin, CatalogueAdmin):
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
    """A claim's evidence and verification; staff verification expires.

    The editor who saves a claim as staff-verified is recorded as its verifier.
    """

    list_display = [
        "tool",
        "kind",
        "current_value",
        "provenance",
        "dated",
        "verified_by",
        "verification_expired",
    ]
    list_filter = ["kind", "provenance"]
    list_select_related = ["tool", "verified_by"]
    search_fields = ["tool__name"]
    autocomplete_fields = ["tool"]
    fields = list(CLAIM_FIELDS)
    readonly_fields = ["verified_by"]

    @admin.display(description=_("value"))
    def current_value(self, obj: ToolClaim) -> str:
        return str(Disclosure(claim_value(obj.tool, obj.kind, obj)).label)

    @admin.display(boolean=True, description=_("verification expired"))
    def verification_expired(self, obj: ToolClaim) -> bool:
        return obj.verification_expired

    def save_model(
        self, request: HttpRequest, obj: ToolClaim, form: Any, change: bool
    ) -> None:
        if obj.provenance != ToolClaim.Provenance.STAFF_VERIFIED:
            obj.verified_by = None
        elif obj.verified_by is None or {"provenance", "dated"} & set(
            form.changed_data
        ):
            obj.verified_by = request.user  # type: ignore[assignment]
        super().save_model(request, obj, form, change)


class TermMergeForm(forms.Form):
    target = forms.ModelChoiceField(
        label=_("Merge into"),
        queryset=Capability.objects.none(),
        help_text=_(
            "The tools of the selected terms move to this term; the selected "
            "terms are then deleted."
        ),
    )

    def __init__(self, *args: Any, model: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["target"]
        field.queryset = model._default_manager.order_by("name")


class TermAdmin(TranslationsAdminMixin, CatalogueAdmin):
    """Editors curate the vocabulary; a term in use is merged, never deleted."""

    list_display = ["name", "slug", "tool_count"]
    search_fields = ["name", "slug", "definition"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_terms"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(n_tools=Count("tools"))

    @admin.display(description=_("tools"), ordering="n_tools")
    def tool_count(self, obj: Any) -> int:
        return int(getattr(obj, "n_tools", 0))

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        """A term that tools use is protected: Django's page then refuses the
        deletion and says why, for one term or a selection."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        for term in objs:
            n = term.tools.count()
            if n:
                protected.append(
                    ngettext(
                        "%(term)s is used by %(count)d tool: merge it into "
                        "another term instead (action “Merge the selected terms "
                        "into another term”).",
                        "%(term)s is used by %(count)d tools: merge it into "
                        "another term instead (action “Merge the selected terms "
                        "into another term”).",
                        n,
                    )
                    % {"term": term.local_name, "count": n}
                )
        return deleted, counts, perms_needed, protected

    @admin.action(description=_("Merge the selected terms into another term"))
    def merge_terms(
        self, request: HttpRequest, queryset: QuerySet
    ) -> TemplateResponse | None:
        form = TermMergeForm(
            request.POST if "apply" in request.POST else None, model=self.model
        )
        if "apply" in request.POST and form.is_valid():
            target = form.cleaned_data["target"]
            moved = 0
            try:
                for source in queryset.exclude(pk=target.pk):
                    moved += term_merge(
                        actor=request.user,  # type: ignore[arg-type]
                        source=source,
                        target=target,
                    )
                if queryset.filter(pk=target.pk).exists():
                    raise TermMergeError(_("A term cannot be merged into itself."))
            except TermMergeError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request,
                    ngettext(
                        "Merged into %(target)s: %(count)d tool moved.",
                        "Merged into %(target)s: %(count)d tools moved.",
                        moved,
                    )
                    % {"target": target.local_name, "count": moved},
                    messages.SUCCESS,
                )
            return None
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge terms"),
            "opts": opts,
            "terms": list(queryset),
            "form": form,
            "action_checkbox_name": ACTION_CHECKBOX_NAME,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/tools_catalog/term_merge.html", context)


class CapabilityAdmin(TermAdmin):
    list_display = ["name", "group", "slug", "tool_count"]
    list_filter = ["group"]
    fields = ["name", "slug", "group", "definition"]


class DeploymentModeAdmin(TermAdmin):
    list_display = ["name", "slug", "runs_locally", "tool_count"]
    fields = ["name", "slug", "runs_locally", "definition"]


admin.site.register(Capability, CapabilityAdmin)
admin.site.register(DeploymentMode, DeploymentModeAdmin)
for term_model in (DataType, Integration, SupportedLanguage):
    admin.site.register(term_model, TermAdmin)
