"""A gate for pages members and provider representatives share (events,
challenges): like ``accounts.permissions.permission_required``, for any of
several capabilities."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect

from accounts.roles import Perm
from accounts.selectors import user_is_applicant

View = Callable[..., HttpResponseBase]
PARTICIPANTS = (Perm.USE_MEMBER_AREA, Perm.USE_PROVIDER_PORTAL)


def any_permission_required(*perms: Perm) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(
            request: HttpRequest, *args: Any, **kwargs: Any
        ) -> HttpResponseBase:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not any(user.has_perm(perm) for perm in perms):
                if user_is_applicant(user=user):
                    return redirect("onboarding:application")
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


member_or_provider_required = any_permission_required(*PARTICIPANTS)
