from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from accounts.models import AuditEvent, User
from accounts.roles import MFA_REQUIRED_ROLES, Role


def user_roles(*, user: User | AnonymousUser) -> frozenset[Role]:
    """The roles a user holds, read once per request and kept on the instance."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached: frozenset[Role] | None = getattr(user, "_hub_roles", None)
    if cached is None:
        names = user.groups.values_list("name", flat=True)
        cached = frozenset(Role(name) for name in names if name in Role.values)
        user._hub_roles = cached  # type: ignore[attr-defined]
    return cached


def user_is_applicant(*, user: User | AnonymousUser) -> bool:
    """Signed in (so the email is verified) but not vetted into any role yet."""
    return bool(user.is_authenticated and user.is_active and not user_roles(user=user))


def user_needs_mfa(*, user: User | AnonymousUser) -> bool:
    """Staff, providers and superusers must have a second factor."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or bool(user_roles(user=user) & MFA_REQUIRED_ROLES)


def user_list_with_role(*, role: Role) -> QuerySet[User]:
    return User.objects.filter(groups__name=role, is_active=True).order_by("email")


def audit_event_list() -> QuerySet[AuditEvent]:
    return AuditEvent.objects.select_related("actor", "target_type")
