from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    PermissionsMixin,
)
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import CAPABILITIES, Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(
        self, email: str, password: str | None = None, **extra: Any
    ) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(
        self, email: str, password: str | None, **extra: Any
    ) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with an email address.

    Roles are group memberships (see accounts.roles); an authenticated user with a
    verified email and no role is an applicant waiting to be vetted.
    """

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("Pages open and emails arrive in this language."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("Django admin access"),
        default=False,
        help_text=_("Set by the staff roles; opens the Django admin."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        permissions = CAPABILITIES
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email


class AuditAction(models.TextChoices):
    """Audit actions of this app; other apps declare theirs (see accounts.audit)."""

    ROLE_GRANTED = "role_granted", _("Role granted")
    ROLE_REVOKED = "role_revoked", _("Role revoked")
    ACCOUNT_SUSPENDED = "account_suspended", _("Account suspended")
    ACCOUNT_REACTIVATED = "account_reactivated", _("Account reactivated")
    ACCOUNT_UPDATED = "account_updated", _("Account updated")
    EMAIL_CHANGE_REQUESTED = (
        "account_email_change_requested",
        _("Email change requested"),
    )
    ADMIN_CHANGE = "admin_change", _("Changed in the admin")
    ADMIN_ADD = "admin_add", _("Added in the admin")
    ADMIN_DELETE = "admin_delete", _("Deleted in the admin")
    STAFF_ROLE_REQUESTED = "staff_role_requested", _("Staff role requested")
    STAFF_ROLE_APPROVED = "staff_role_approved", _("Staff role request approved")
    STAFF_ROLE_REJECTED = "staff_role_rejected", _("Staff role request rejected")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise TypeError("The audit log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("The audit log is append-only.")


class AuditEvent(models.Model):
    """One row per staff action: who, what, on which object, before and after.

    Append-only: rows are created by ``accounts.services.audit_event_record`` and
    never updated or deleted through the ORM or the admin.
    """

    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A snapshot, so the entry still says who acted after the account is gone.
    actor_label = models.CharField(_("actor"), max_length=254, blank=True)
    # A plain string: each app declares its actions (accounts.audit).
    action = models.CharField(_("action"), max_length=64)
    target_type = models.ForeignKey(
        ContentType,
        verbose_name=_("target type"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    target_id = models.CharField(_("target id"), max_length=64, blank=True)
    target_label = models.CharField(_("target"), max_length=255, blank=True)
    before = models.JSONField(
        _("before"), default=dict, blank=True, encoder=DjangoJSONEncoder
    )
    after = models.JSONField(
        _("after"), default=dict, blank=True, encoder=DjangoJSONEncoder
    )
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["action", "-created_at"]),
            models.Index(fields=["actor", "-created_at"]),
            models.Index(fields=["target_type", "target_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise TypeError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("The audit log is append-only.")

    @property
    def action_label(self) -> str:
        from accounts.audit import audit_action_label

        return str(audit_action_label(self.action))


class StaffRoleRequest(models.Model):
    """A staff role waits here until a second administrator approves it (four eyes).

    Neither the administrator who asked nor the person who would get the role
    may approve it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a second administrator")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_role_requests",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff role request")
        verbose_name_plural = _("staff role requests")
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(status="pending"),
                name="one_pending_request_per_user_and_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.get_role_display()} ({self.get_status_display()})"
