from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.services import user_set_language
from accounts.types import AuthedRequest
from community.challenges import selectors as challenge_selectors
from core.i18n import path_for_language
from core.qr import qr_svg
from core.sites import site_url
from hub import health, selectors
from hub.dashboard import dashboard_figures
from hub.design import design_context


def _join_context() -> dict[str, object]:
    """The apply page in the visitor's language, as a link and a QR code."""
    apply_url = site_url(reverse("account_signup"))
    return {
        "apply_url": apply_url,
        "apply_qr": qr_svg(
            apply_url, label=_("QR code linking to %(url)s") % {"url": apply_url}
        ),
    }


def home_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "hub/home.html",
        {
            "figures": selectors.public_figures(),
            "partners": challenge_selectors.partner_list(),
            "past_challenges": challenge_selectors.challenge_past_with_results(),
            **_join_context(),
        },
    )


def join_poster_view(request: HttpRequest) -> HttpResponse:
    """A page to print and pin up: how to join, with the QR code."""
    return render(request, "hub/join_poster.html", _join_context())


def privacy_view(request: HttpRequest) -> HttpResponse:
    return render(request, "hub/privacy.html")


def terms_view(request: HttpRequest) -> HttpResponse:
    return render(request, "hub/terms.html")


@permission_required(Perm.VIEW_DASHBOARD)
def dashboard_view(request: AuthedRequest) -> HttpResponse:
    # The landing page's figures, from the same selectors, head the dashboard.
    figures = {**dashboard_figures(), "public": selectors.public_figures()}
    median = figures.get("median_decision_time")
    figures["median_days"] = (
        round(median.total_seconds() / 86400, 1) if median else None
    )
    return render(request, "hub/dashboard.html", figures)


@permission_required(Perm.VIEW_DASHBOARD)
def design_view(request: AuthedRequest) -> HttpResponse:
    """The pattern library: every component in every state, for staff."""
    return render(request, "hub/design.html", design_context())


@require_POST
def set_language_view(request: HttpRequest) -> HttpResponse:
    """The same page in the chosen language, from any language to any other.

    Django's ``set_language`` translates ``next`` only when it is in the language
    active for this (unprefixed) request, so ``/ar/tools/`` could not go back to
    English. Here the prefix is added, replaced or removed whatever it was; the
    query string is kept. The choice is remembered in the cookie and, for a
    signed-in person, on the account (which decides later unprefixed links).
    """
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or request.headers.get("referer") or "/"
    if not url_has_allowed_host_and_scheme(
        next_url,
        allowed_hosts={request.get_host()},
        require_https=request.is_secure(),
    ):
        next_url = "/"
    next_path = urlunsplit(("", "", *urlsplit(next_url)[2:]))
    if language not in dict(settings.LANGUAGES) or not check_for_language(language):
        return HttpResponseRedirect(next_path)
    target = path_for_language(next_path, language=language)
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = path_for_language("/", language=language)
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]
    )
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=language)
    return response


@never_cache
def health_view(request: HttpRequest) -> JsonResponse:
    """For the orchestrator: 200 when every service answers, 503 otherwise."""
    broker = health.broker_ok()
    checks = {
        "database": "ok" if health.database_ok() else "down",
        "cache": "ok" if health.cache_ok() else "down",
        "broker": {True: "ok", False: "down", None: "in-process"}[broker],
    }
    healthy = "down" not in checks.values()
    return JsonResponse(
        {"status": "ok" if healthy else "down", "checks": checks},
        status=200 if healthy else 503,
    )
