from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from accounts.models import User
from accounts.roles import ROLE_CAPABILITIES, Perm
from accounts.selectors import user_get_with_roles, user_roles

CAPABILITIES = frozenset(Perm)


class RolesWithUserMixin:
    """Loads the signed-in user and their roles in one query, once per request.

    Every page needs both (the gate, the header's links): fetching them together
    saves the separate roles query ``user_roles`` would otherwise make.
    """

    def get_user(self, user_id: Any) -> User | None:
        user = user_get_with_roles(pk=user_id)
        if user is None or not self.user_can_authenticate(user):  # type: ignore[attr-defined]
            return None
        return user


class RoleCapabilityBackend(RolesWithUserMixin, ModelBackend):
    """Answers capability permissions (``accounts.roles.Perm``) from the user's roles.

    Every page asks for capabilities (the gate, the header's links); answering from
    the roles, which come with the user (``RolesWithUserMixin``), costs no query
    instead of ModelBackend's two. It is authoritative for capabilities: one the
    roles do not grant is refused here, so no other backend is asked. The groups'
    permissions in the database say the same (a test checks it) for the admin and
    for SQL. Anything else (model permissions for the admin) is ModelBackend's,
    which this replaces; object permissions are left to django-rules after it.
    """

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if obj is not None or perm not in CAPABILITIES:
            return super().has_perm(user_obj, perm, obj)
        if not user_obj.is_active:
            raise PermissionDenied
        if user_obj.is_superuser:
            return True
        granted = any(
            perm in ROLE_CAPABILITIES[role] for role in user_roles(user=user_obj)
        )
        if not granted:
            raise PermissionDenied
        return True


class EmailAuthenticationBackend(RolesWithUserMixin, AuthenticationBackend):
    """allauth's sign-in by email; the session then loads user and roles together."""
