"""Refuse a request body larger than anything the site accepts, before it is read.

The only upload is a challenge attachment (``HUB_CHALLENGE_ATTACHMENT_MAX_MB``);
beside it a form carries at most ``DATA_UPLOAD_MAX_MEMORY_SIZE`` of fields. A
body announcing more (``Content-Length``) is answered 413 at once, before the
CSRF check parses it, so a huge upload is not written to disk first. The
proxy in front must cap bodies too (README, "Deploy"): gunicorn cannot, and a
body sent without a length (chunked) is only stopped by Django's own limits.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

# Multipart boundaries and part headers around the fields and the file.
MULTIPART_OVERHEAD = 64 * 1024


def request_body_max_bytes() -> int:
    return (
        int(settings.HUB_CHALLENGE_ATTACHMENT_MAX_MB) * 1024 * 1024
        + int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0)
        + MULTIPART_OVERHEAD
    )


class RequestBodyLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > request_body_max_bytes():
            megabytes = int(settings.HUB_CHALLENGE_ATTACHMENT_MAX_MB)
            return HttpResponse(
                _(
                    "The request is too large: files may be at most %(mb)d MB. Nothing was saved; go back and attach a smaller file."  # noqa: E501
                )
                % {"mb": megabytes},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
