"""The Hub's own absolute address, for links that have no request to build them from."""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext

# HUB_SITE_NAME's default (hub/settings/portal.py). While it is in use, the name
# is translated like every other string: "[مركز أطفال أكثر أماناً]" in an Arabic
# subject, as in its body. A name an operator chose is shown as they wrote it.
DEFAULT_SITE_NAME = "Safer Children Hub"


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


def site_name() -> str:
    """The Hub's name in the active language (``HUB_SITE_NAME``, translated
    while it is the default)."""
    name = str(settings.HUB_SITE_NAME)
    if name == DEFAULT_SITE_NAME:
        return gettext("Safer Children Hub")
    return name


def site_domain() -> str:
    """The host (and port, if any) of ``HUB_SITE_URL``: the Sites record's domain."""
    return urlsplit(site_url()).netloc


def site_record_sync(*, site_model: Any) -> None:
    """Make the Sites record (``SITE_ID``) carry ``HUB_SITE_NAME`` and the domain
    of ``HUB_SITE_URL``, so nothing (allauth's emails) says example.com.

    ``site_model`` is ``Site``, or the historical model in a data migration.
    Safe to run again."""
    site_model.objects.update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": site_domain(), "name": settings.HUB_SITE_NAME},
    )
    clear_cache = getattr(site_model.objects, "clear_cache", None)
    if clear_cache is not None:
        clear_cache()
