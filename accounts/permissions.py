"""The gate every view goes through: a capability, then (in the view) the object.

``permission_required(Perm.X)`` and ``PermissionRequiredMixin`` answer "may this
user open this area?". For "may this user do X to this object?", views call
``user.has_perm(perm, obj)``; the object rules are registered with django-rules
in each app's ``rules.py``.

Outcomes, in order: anonymous -> the sign-in page; an applicant (no role yet) ->
their application page, the only place they may go; anyone else without the
capability -> 403.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from accounts.roles import Perm
from accounts.selectors import user_is_applicant

View = Callable[..., HttpResponse]


def check_access(request: HttpRequest, perm: Perm) -> HttpResponse | None:
    """None when the user may go on; otherwise the response to send instead."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if user.has_perm(perm):
        return None
    if user_is_applicant(user=user):
        return redirect("onboarding:application")
    raise PermissionDenied


def permission_required(perm: Perm) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            denied = check_access(request, perm)
            if denied is not None:
                return denied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class PermissionRequiredMixin:
    """Class-based views: set ``permission = Perm.X``."""

    permission: Perm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        denied = check_access(request, self.permission)
        if denied is not None:
            return denied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
