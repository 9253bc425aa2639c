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
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.audit import audit_action_label
from accounts.roles import CAPABILITIES, Role

# Crockford's base 32: no I, L, O or U to misread.
PSEUDONYM_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


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
    # Other members see the full name only when this is set; otherwise the
    # pseudonym of __str__ (accounts.selectors.user_display_name).
    show_name = models.BooleanField(_("show my name to other members"), default=False)
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
        """A pseudonym, never the name or email: safe wherever a user is printed.

        Pages name people through ``accounts.selectors.user_display_name`` (the
        name when they chose to show it) or, on staff screens only,
        ``user_staff_label``.
        """
        return user_pseudonym(self)


def user_pseudonym(user: User) -> str:
    """ "Member 7KQ3XM": stable for an account, not derivable from its id or email
    without the secret key, the same in every language but for the word."""
    if user.pk is None:
        return gettext("A member")
    digest = salted_hmac("accounts.User.pseudonym", str(user.pk)).digest()
    code = "".join(
        PSEUDONYM_ALPHABET[byte % len(PSEUDONYM_ALPHABET)] for byte in digest[:6]
    )
    return gettext("Member %(code)s") % {"code": code}


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
    ACCOUNT_ANONYMISED = "account_anonymised", _("Account anonymised")
    AUDIT_REDACTED = "audit_redacted", _("Audit entries redacted")


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise TypeError("The audit log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("The audit log is append-only.")


class AuditEvent(models.Model):
    """One row per staff action: who, what, on which object, before and after.

    Append-only, at two levels. The ORM refuses ``save()`` on an existing row,
    ``update()`` and ``delete()`` (the base manager too, so related lookups and
    ``bulk_update`` cannot slip past). On PostgreSQL a trigger (migration
    ``audit_event_append_only_in_database``) refuses every UPDATE and DELETE,
    raw SQL included, except the retention purge's redaction
    (``accounts.services.audit_events_redact``): inside a transaction that set
    ``hub.audit_redaction`` it lets the labels, ``before``/``after`` and the IP
    be blanked to ``purged:`` pseudonyms, never rewritten to anything else, and
    every other column stays as written.

    Nothing outside the row can rewrite it either. The actor and the target type
    are kept as the ids they were when the row was written: ``DO_NOTHING`` and no
    database constraint, so deleting a user or a content type neither nulls nor
    cascades into the log (``SET_NULL`` would rewrite history; ``PROTECT`` would
    make a content type or an account impossible to remove once audited). What
    the ids meant is snapshotted as text at write time (``actor_label``,
    ``target_label``, ``target_model``), so a row still reads the same once they
    point at nothing: then ``actor``/``target_type`` read as None through
    ``select_related`` (the selectors use it).
    """

    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
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
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    # A snapshot of the target type ("app_label.model"), like the labels.
    target_model = models.CharField(_("target type"), max_length=100, blank=True)
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
        base_manager_name = "objects"
        indexes = [
            models.Index(fields=["action", "-created_at"]),
            models.Index(fields=["actor", "-created_at"]),
            models.Index(fields=["target_type", "target_id"]),
            models.Index(
                fields=["target_model", "target_id"], name="accounts_audit_target_idx"
            ),
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
    def target_type_label(self) -> str:
        """The target's kind, from its content type while it exists."""
        try:
            content_type = self.target_type
        except ContentType.DoesNotExist:
            content_type = None
        return str(content_type.name) if content_type else self.target_model

    @property
    def action_label(self) -> str:
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


class SavedFilter(models.Model):
    """A staff member's named set of filters on one of the staff queues."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="saved_filters",
    )
    # The queue's URL name, one of accounts.saved_filters.SAVED_FILTER_VIEWS.
    view = models.CharField(_("page"), max_length=100)
    name = models.CharField(_("name"), max_length=80)
    query = models.CharField(_("filters"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved filter")
        verbose_name_plural = _("saved filters")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "view", "name"], name="saved_filter_unique_name"
            ),
        ]
        indexes = [models.Index(fields=["user", "view"])]

    def __str__(self) -> str:
        return self.name
