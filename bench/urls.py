"""The product's URLs plus two bare views, for ``bench.settings`` only."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from accounts.permissions import permission_required
from accounts.roles import Perm
from hub.urls import urlpatterns as product_urlpatterns

BARE_MAX_BYTES = 2_000_000


def bare_page_view(request: HttpRequest) -> HttpResponse:
    """``size`` bytes of HTML, no database: Django's floor for a page that big."""
    try:
        size = min(max(int(request.GET.get("size", "1000")), 0), BARE_MAX_BYTES)
    except ValueError:
        size = 1000
    body = "<!doctype html><title>bare</title><p>" + "x" * size
    return HttpResponse(body[:size] if size > 40 else body)


@permission_required(Perm.USE_MEMBER_AREA)
def bare_member_page_view(request: HttpRequest) -> HttpResponse:
    """The bare page behind the browse page's own gate: what signing in costs."""
    return bare_page_view(request)


urlpatterns = [
    path("bench/bare/", bare_page_view, name="bench-bare"),
    path("bench/bare-member/", bare_member_page_view, name="bench-bare-member"),
    *product_urlpatterns,
]
