"""Sensitive staff actions ask for the password or a second factor again.

Approving or rejecting an application, granting roles, changing someone else's
account, deleting in the admin and staff exports go through
``reauthentication_required`` (views) or ``ReauthenticationRequiredAdminMixin``
(admin screens). Without a confirmation in the last
``ACCOUNT_REAUTHENTICATION_TIMEOUT`` seconds (allauth's default, five minutes),
by password or second factor (``ACCOUNT_REAUTHENTICATION_METHODS``, never a
mailed code), the request does nothing: allauth's middleware keeps a POST in the
session, sends the person to confirm, and replays the POST once they have, so
what they typed is not lost. A fresh sign-in does not count: only an explicit
confirmation does.

``tests/accounts/test_reauthentication.py`` finds every guarded view through the
URL patterns and the admin registry and checks each one.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any, ClassVar

from allauth.account.decorators import (
    reauthentication_required as allauth_reauthentication_required,
)
from allauth.core.exceptions import ReauthenticationRequired
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

View = Callable[..., HttpResponse]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Set on every guarded view, so tests can find them all in the URL patterns.
MARKER = "hub_reauthentication_required"


def _explain(request: HttpRequest) -> None:
    messages.info(
        request,
        _(
            "This action needs you to confirm who you are. Enter your password "
            "or a code from your authenticator; the action then goes ahead "
            "with what you entered."
        ),
    )


def _unsafe(request: HttpRequest) -> bool:
    return request.method not in SAFE_METHODS


def reauthentication_required(
    view: View | None = None, *, safe_methods_too: bool = False
) -> Any:
    """Refuse the view's POSTs (or, for exports, every request) until the user
    has recently confirmed who they are; then let allauth replay the request.

    Goes inside the permission decorator, so the unauthorised still get their
    403 or sign-in page rather than a reauthentication prompt.
    """

    def decorator(view: View) -> View:
        guarded = allauth_reauthentication_required(
            view, enabled=None if safe_methods_too else _unsafe
        )

        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                return guarded(request, *args, **kwargs)
            except ReauthenticationRequired:
                _explain(request)
                raise

        setattr(wrapped, MARKER, True)
        return wrapped

    if view is not None:
        return decorator(view)
    return decorator


@reauthentication_required
def _nothing(request: HttpRequest) -> HttpResponse:
    return HttpResponse()


def reauthentication_check(request: HttpRequest) -> None:
    """The same check for code that is not a view of its own (admin screens):
    raises allauth's ReauthenticationRequired, which its middleware turns into
    the prompt and the replay."""
    _nothing(request)


class ReauthenticationRequiredAdminMixin:
    """For ModelAdmins: POSTs to the listed views and actions need a recent
    reauthentication, once the admin's own permission check would let them in.

    ``reauthentication_views`` names admin views ("add", "change", "delete");
    ``reauthentication_actions`` names changelist actions.
    """

    reauthentication_views: ClassVar[frozenset[str]] = frozenset()
    reauthentication_actions: ClassVar[frozenset[str]] = frozenset()

    def _reauthentication_check(self, request: HttpRequest) -> None:
        if _unsafe(request) and self.has_module_permission(request):  # type: ignore[attr-defined]
            reauthentication_check(request)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> HttpResponse:
        view = "add" if object_id is None else "change"
        if view in self.reauthentication_views:
            self._reauthentication_check(request)
        return super().changeform_view(request, object_id, *args, **kwargs)  # type: ignore[misc]

    def delete_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if "delete" in self.reauthentication_views:
            self._reauthentication_check(request)
        return super().delete_view(request, *args, **kwargs)  # type: ignore[misc]

    def changelist_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        action = request.POST.get("action") if _unsafe(request) else None
        if action in self.reauthentication_actions:
            self._reauthentication_check(request)
        return super().changelist_view(request, *args, **kwargs)  # type: ignore[misc]
