from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from accounts.admin import AuditedModelAdmin
from accounts.models import AuditAction
from accounts.roles import Perm
from accounts.services import audit_event_record, audit_snapshot
from core.admin_translations import TranslationsAdminMixin
from core.forms import TextLineAdminMixin
from learning_centre.models import (
    LearningPath,
    Module,
    Option,
    Question,
    ReadinessQuestion,
    Resource,
    ResourceVersion,
    Stage,
)


class EditorPermissions:
    """Catalogue editors author the Learning Centre content."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(Perm.EDIT_CATALOGUE)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(Perm.EDIT_CATALOGUE)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return request.user.has_perm(Perm.EDIT_CATALOGUE)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(Perm.EDIT_CATALOGUE)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(Perm.EDIT_CATALOGUE)


class AuditedInlinesAdmin(EditorPermissions, AuditedModelAdmin):
    """Also records changes made in inlines (language versions, options …): one
    row per inline object added, changed or deleted, with the fields that
    changed before and after, named "parent / object"."""

    def save_formset(
        self, request: HttpRequest, form: Any, formset: Any, change: bool
    ) -> None:
        actor = request.user
        parent = form.instance
        before: dict[Any, dict[str, Any]] = {}
        for inline in formset.initial_forms:
            obj = inline.instance
            if obj.pk is None or inline in formset.deleted_forms:
                continue
            if inline.has_changed():
                old = type(obj)._default_manager.filter(pk=obj.pk).first()
                if old is not None:
                    fields = inline.changed_data
                    before[obj.pk] = audit_snapshot(obj=old, fields=fields)
        with transaction.atomic():
            for inline in formset.deleted_forms:
                obj = inline.instance
                if obj.pk is not None:
                    audit_event_record(
                        actor=actor,  # type: ignore[arg-type]
                        action=AuditAction.ADMIN_DELETE,
                        target=obj,
                        target_label=f"{parent} / {obj}",
                        before={"repr": str(obj)},
                    )
            super().save_formset(request, form, formset, change)
            forms_of = {id(f.instance): f for f in formset.forms}
            for obj in formset.new_objects:
                fields = forms_of[id(obj)].changed_data if id(obj) in forms_of else []
                audit_event_record(
                    actor=actor,  # type: ignore[arg-type]
                    action=AuditAction.ADMIN_ADD,
                    target=obj,
                    target_label=f"{parent} / {obj}",
                    after=audit_snapshot(
                        obj=obj, fields=fields, form=forms_of.get(id(obj))
                    ),
                )
            for obj, fields in formset.changed_objects:
                audit_event_record(
                    actor=actor,  # type: ignore[arg-type]
                    action=AuditAction.ADMIN_CHANGE,
                    target=obj,
                    target_label=f"{parent} / {obj}",
                    before=before.get(obj.pk, {}),
                    after=audit_snapshot(
                        obj=obj, fields=fields, form=forms_of.get(id(obj))
                    ),
                )


@admin.register(Stage)
class StageAdmin(TranslationsAdminMixin, AuditedInlinesAdmin):
    list_display = ["position", "name", "key", "involves_viewing"]
    ordering = ["position"]
    fields = [
        "key",
        "position",
        "name",
        "summary",
        "description",
        "challenges",
        "ai_help",
        "cautions",
        "involves_viewing",
    ]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False  # the workflow has eight stages; other apps rely on their keys

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ResourceVersionInline(TextLineAdminMixin, EditorPermissions, admin.StackedInline):
    model = ResourceVersion
    extra = 0
    min_num = 1
    fields = ["language", "title", "summary", "body", "transcript"]


@admin.register(Resource)
class ResourceAdmin(AuditedInlinesAdmin):
    """Preview: "View on site" opens the page as members will see it; editors see
    unpublished resources there too, with a banner."""

    inlines = [ResourceVersionInline]
    list_display = ["slug", "kind", "topic", "level", "is_published", "updated_at"]
    list_filter = ["is_published", "kind", "topic", "level", "stages"]
    search_fields = ["slug", "versions__title"]
    filter_horizontal = ["stages"]


class ModuleInline(
    TranslationsAdminMixin, TextLineAdminMixin, EditorPermissions, admin.StackedInline
):
    model = Module
    extra = 0
    fields = ["position", "title", "body", "requires", "pass_mark"]
    show_change_link = True


@admin.register(LearningPath)
class LearningPathAdmin(TranslationsAdminMixin, AuditedInlinesAdmin):
    inlines = [ModuleInline]
    list_display = ["title", "slug", "is_published", "certificate_valid_days"]
    list_filter = ["is_published"]


class OptionInline(TranslationsAdminMixin, EditorPermissions, admin.TabularInline):
    model = Option
    extra = 0
    fields = ["position", "text", "is_correct"]


class QuestionInline(TranslationsAdminMixin, EditorPermissions, admin.StackedInline):
    model = Question
    extra = 0
    fields = ["position", "text", "explanation"]
    show_change_link = True


@admin.register(Module)
class ModuleAdmin(TranslationsAdminMixin, AuditedInlinesAdmin):
    inlines = [QuestionInline]
    list_display = ["title", "path", "position"]
    list_filter = ["path"]


@admin.register(Question)
class QuestionAdmin(TranslationsAdminMixin, AuditedInlinesAdmin):
    inlines = [OptionInline]
    list_display = ["text", "module", "position"]
    list_filter = ["module__path"]


@admin.register(ReadinessQuestion)
class ReadinessQuestionAdmin(TranslationsAdminMixin, AuditedInlinesAdmin):
    list_display = ["text", "dimension", "position"]
    list_filter = ["dimension"]
