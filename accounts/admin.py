from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts import services
from accounts.models import AuditAction, AuditEvent, StaffRoleRequest, User
from accounts.reauthentication import ReauthenticationRequiredAdminMixin
from accounts.roles import STAFF_ROLES, Perm, Role
from accounts.selectors import user_roles, user_staff_label
from core.admin_actions import decide_one
from core.forms import TextLineAdminMixin, TextLineField


def _snapshot(obj: models.Model, fields: list[str], form: Any = None) -> dict[str, Any]:
    return services.audit_snapshot(obj=obj, fields=fields, form=form)


class AuditedModelAdmin(
    TextLineAdminMixin, ReauthenticationRequiredAdminMixin, admin.ModelAdmin
):
    """A ModelAdmin whose every add, change and delete is in the audit log.
    Names and titles typed here lose their bidi controls (``TextLineField``).

    Apps whose staff edit rows in the admin use this instead of ModelAdmin.
    Deleting cannot be undone, so it needs a recent reauthentication.
    """

    reauthentication_views = frozenset({"delete"})
    reauthentication_actions = frozenset({"delete_selected"})

    def save_model(
        self, request: HttpRequest, obj: Any, form: Any, change: bool
    ) -> None:
        fields = list(form.changed_data)
        before = {}
        if change and fields:
            old = type(obj)._default_manager.get(pk=obj.pk)
            before = _snapshot(old, fields)
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            if change and not fields:
                return
            services.audit_event_record(
                actor=request.user,  # type: ignore[arg-type]
                action=AuditAction.ADMIN_CHANGE if change else AuditAction.ADMIN_ADD,
                target=obj,
                before=before,
                after=_snapshot(obj, fields, form),
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        with transaction.atomic():
            services.audit_event_record(
                actor=request.user,  # type: ignore[arg-type]
                action=AuditAction.ADMIN_DELETE,
                target=obj,
                before={"repr": str(obj)},
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


class UserAdminForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each change is recorded in the audit log."),
    )

    class Meta:
        model = User
        fields = ["email", "full_name", "language", "is_active", "roles"]
        field_classes = {"full_name": TextLineField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["roles"].initial = sorted(user_roles(user=self.instance))


class UserAddForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email"]


@admin.register(User)
class UserAdmin(ReauthenticationRequiredAdminMixin, DjangoUserAdmin):
    """Roles, suspension and email go through services, so each change is audited.

    Every change here needs a recent reauthentication.
    """

    reauthentication_views = frozenset({"add", "change", "password"})

    form = UserAdminForm
    add_form = UserAddForm
    list_display = ["email", "full_name", "language", "is_active", "date_joined"]
    list_filter = ["is_active", "groups", "language"]
    search_fields = ["email", "full_name"]
    ordering = ["email"]
    readonly_fields = ["last_login", "date_joined", "is_superuser"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "language"]}),
        (_("Access"), {"fields": ["is_active", "roles", "is_superuser"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "usable_password", "password1", "password2"],
            },
        ),
    ]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(Perm.MANAGE_ROLES)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(Perm.MANAGE_ROLES)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(Perm.MANAGE_ROLES)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(Perm.MANAGE_ROLES)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # suspend instead: the audit log and cases keep pointing at it

    def save_model(
        self, request: HttpRequest, obj: Any, form: Any, change: bool
    ) -> None:
        actor: User = request.user  # type: ignore[assignment]
        with transaction.atomic():
            if not change:
                super().save_model(request, obj, form, change)
                services.audit_event_record(
                    actor=actor,
                    action=AuditAction.ADMIN_ADD,
                    target=obj,
                    after={"email": obj.email},
                )
                return
            old = User.objects.get(pk=obj.pk)
            wanted_active = obj.is_active
            obj.is_active = old.is_active  # the service below changes and audits it
            # The address changes only once its owner confirms the new one.
            wanted_email, obj.email = obj.email, old.email
            profile_fields = [
                f for f in form.changed_data if f in ("full_name", "language")
            ]
            super().save_model(request, obj, form, change)
            if wanted_email.lower() != old.email.lower():
                self._email_change_request(request, obj, wanted_email)
            if profile_fields:
                services.audit_event_record(
                    actor=actor,
                    action=AuditAction.ACCOUNT_UPDATED,
                    target=obj,
                    before=_snapshot(old, profile_fields),
                    after=_snapshot(obj, profile_fields),
                )
            services.user_set_active(actor=actor, user=obj, active=wanted_active)

    def _email_change_request(
        self, request: HttpRequest, user: User, email: str
    ) -> None:
        actor: User = request.user  # type: ignore[assignment]
        pending = services.user_email_change_request(
            actor=actor, user=user, email=email
        )
        with translation.override(user.language):  # the link opens in their language
            pending.send_confirmation(request)
        messages.info(
            request,
            _(
                "A confirmation link was sent to %(new)s. The address changes "
                "once it is confirmed; %(old)s was told of the request."
            )
            % {"new": pending.email, "old": user.email},
        )

    def user_change_password(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> Any:
        if "password" in self.reauthentication_views:
            self._reauthentication_check(request)
        return super().user_change_password(request, *args, **kwargs)

    def save_related(
        self, request: HttpRequest, form: Any, formsets: Any, change: bool
    ) -> None:
        """Roles change through services: staff roles wait for a second admin."""
        super().save_related(request, form, formsets, change)
        actor: User = request.user  # type: ignore[assignment]
        user: User = form.instance
        wanted = {Role(r) for r in form.cleaned_data.get("roles", [])}
        held = user_roles(user=user)
        for role in sorted(wanted - held):
            if role not in STAFF_ROLES:
                services.role_grant(actor=actor, user=user, role=role)
                continue
            try:
                services.staff_role_request(actor=actor, user=user, role=role)
            except services.FourEyesError as error:
                messages.error(request, str(error))
            else:
                messages.info(
                    request,
                    _(
                        "The %(role)s role waits for a second administrator's "
                        "approval (Staff role requests)."
                    )
                    % {"role": role.label},
                )
        for role in sorted(held - wanted):
            services.role_revoke(actor=actor, user=user, role=role)


@admin.register(StaffRoleRequest)
class StaffRoleRequestAdmin(ReauthenticationRequiredAdminMixin, admin.ModelAdmin):
    """Four eyes: a second administrator approves or rejects, one at a time,
    after confirming who they are."""

    list_display = ["user_label", "role", "status", "requester_label", "requested_at"]
    list_filter = ["status", "role"]
    list_select_related = ["user", "requested_by"]
    readonly_fields = [
        "user",
        "role",
        "status",
        "requested_by",
        "requested_at",
        "decided_by",
        "decided_at",
    ]
    actions = ["approve", "reject"]
    reauthentication_actions = frozenset({"approve", "reject"})

    # Staff screens identify people (User.__str__ is a pseudonym).
    @admin.display(description=_("user"), ordering="user__email")
    def user_label(self, obj: StaffRoleRequest) -> str:
        return user_staff_label(obj.user)

    @admin.display(description=_("requested by"), ordering="requested_by__email")
    def requester_label(self, obj: StaffRoleRequest) -> str:
        return user_staff_label(obj.requested_by)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(Perm.MANAGE_ROLES)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(Perm.MANAGE_ROLES)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(Perm.MANAGE_ROLES)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # requests start from the user's Roles field

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def _decide(self, request: HttpRequest, queryset: Any, decide: Any) -> None:
        decide_one(self, request, queryset, decide, services.FourEyesError, "request")

    @admin.action(description=_("Approve the selected request"))
    def approve(self, request: HttpRequest, queryset: Any) -> None:
        self._decide(request, queryset, services.staff_role_request_approve)

    @admin.action(description=_("Reject the selected request"))
    def reject(self, request: HttpRequest, queryset: Any) -> None:
        self._decide(request, queryset, services.staff_role_request_reject)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "actor_label",
        "action_label",
        "target_model",
        "target_label",
        "ip_address",
    ]
    list_filter = ["action", "target_model"]
    search_fields = ["actor_label", "target_label", "target_id"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.has_perm(Perm.VIEW_AUDIT_LOG)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(Perm.VIEW_AUDIT_LOG)


# Roles are defined in code (accounts.roles) and created by a migration; editing
# groups by hand would bypass the audit log.
admin.site.unregister(Group)
