from collections.abc import Callable
from typing import Any

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.audit_context import client_ip_bound
from accounts.selectors import user_has_mfa, user_needs_mfa
from core.i18n import path_for_language, path_unprefixed


class AuditContextMiddleware:
    """Binds the client IP (proxy-aware, as allauth reads it) for audit rows."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            ip: str | None = get_adapter(request).get_client_ip(request)
        except PermissionDenied:
            ip = None
        with client_ip_bound(ip):
            return self.get_response(request)


class PreferredLanguageMiddleware:
    """A signed-in person's saved language decides where an unprefixed link lands.

    English is unprefixed, so a bookmark, a link from a colleague or an old
    email opens ``/apply/`` in English; someone who chose Arabic is sent on to
    ``/ar/apply/`` (query kept). A prefixed URL is always obeyed, and choosing
    English in the switcher saves English, so nobody is trapped. Only GET and
    HEAD are redirected: a form's POST must reach its view.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = getattr(request.user, "language", "")
        if (
            language
            and language != settings.LANGUAGE_CODE
            and request.method in {"GET", "HEAD"}
            and path_unprefixed(request.path_info) == request.path_info
        ):
            target = path_for_language(request.get_full_path(), language=language)
            if target.split("?", 1)[0] != request.path:
                return HttpResponseRedirect(target)
        return self.get_response(request)


# URL names a user without a second factor may still open: the account pages
# (to set one up), the public pages and the machinery around them.
MFA_EXEMPT_URL_PREFIXES = ("account_", "mfa_", "usersessions_")
MFA_EXEMPT_VIEWS = frozenset(
    {
        "health",
        "set-language",
        "hub:home",
        "hub:privacy",
        "hub:terms",
        "learning_centre:wellbeing",
    }
)


class MfaRequiredMiddleware:
    """Sends every vetted user (any role) to set up MFA before anything else.

    allauth offers MFA but has no switch to require it; ``HUB_MFA_REQUIRED`` turns
    this on (production and tests) or off (``make run``, with a banner).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: Any,
        view_kwargs: Any,
    ) -> HttpResponse | None:
        if not settings.HUB_MFA_REQUIRED or not request.user.is_authenticated:
            return None
        match = request.resolver_match
        if match is None or self._is_exempt(match.view_name):
            return None
        if not user_needs_mfa(user=request.user) or user_has_mfa(user=request.user):
            return None
        messages.warning(
            request,
            _(
                "Your role gives access to sensitive areas. Set up two-factor "
                "authentication to continue."
            ),
        )
        return redirect("mfa_index")

    @staticmethod
    def _is_exempt(view_name: str) -> bool:
        return view_name.startswith(MFA_EXEMPT_URL_PREFIXES) or (
            view_name in MFA_EXEMPT_VIEWS
        )
