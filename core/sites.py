"""The Hub's own absolute address, for links that have no request to build them from."""

from urllib.parse import urlsplit

from django.conf import settings


def site_url(path: str = "") -> str:
    """``HUB_SITE_URL`` without its trailing slash, or an absolute link to ``path``.

    ``path`` is a path on the Hub (``reverse(...)``); a full URL is reduced to its
    path, query and fragment, so a link built from a request's Host header still
    points here. Read at call time, so ``override_settings`` changes it.
    """
    base = str(settings.HUB_SITE_URL).rstrip("/")
    if not path:
        return base
    parts = urlsplit(path)
    local = parts.path or "/"
    if parts.query:
        local += f"?{parts.query}"
    if parts.fragment:
        local += f"#{parts.fragment}"
    if not local.startswith("/"):
        local = f"/{local}"
    return base + local
