"""The product's URLs plus one bare view, for the benchmark settings only."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

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


urlpatterns = [
    path("bench/bare/", bare_page_view, name="bench-bare"),
    *product_urlpatterns,
]
