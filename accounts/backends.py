from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from accounts.roles import ROLE_CAPABILITIES, Perm
from accounts.selectors import user_roles

CAPABILITIES = frozenset(Perm)


class RoleCapabilityBackend(ModelBackend):
    """Answers capability permissions (``accounts.roles.Perm``) from the user's roles.

    Every page asks for capabilities (the gate, the header's links); answering from
    the roles costs the one query ``user_roles`` makes per request instead of
    ModelBackend's two. It is authoritative for capabilities: one the roles do not
    grant is refused here, so no other backend is asked. The groups' permissions
    in the database say the same (a test checks it) for the admin and for SQL.
    Anything else (model permissions for the admin) is ModelBackend's, which this
    replaces; object permissions are left to django-rules after it.
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
