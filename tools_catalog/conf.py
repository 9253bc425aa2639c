"""The catalogue's settings (declared in hub/settings/base.py), read at call time."""

from django.conf import settings

from core.sites import site_url as _hub_site_url


def verification_valid_days() -> int:
    """Days a staff verification of a claim stays valid."""
    return int(settings.HUB_CATALOGUE_VERIFICATION_DAYS)


def adoption_minimum() -> int:
    """Adoption counts below this are not shown."""
    return int(settings.HUB_CATALOGUE_ADOPTION_MINIMUM)


def page_size() -> int:
    return int(settings.HUB_CATALOGUE_PAGE_SIZE)


def facet_cache_seconds() -> int:
    """How long the catalogue's cached values are kept (``tools_catalog.cache``;
    a catalogue change moves the version they hang on at once)."""
    return int(settings.HUB_CATALOGUE_FACET_CACHE_SECONDS)


def version_cache_seconds() -> int:
    """The longest a cached catalogue version is trusted; every change made
    through the application forgets it at once (``tools_catalog.cache``)."""
    return int(settings.HUB_CATALOGUE_VERSION_CACHE_SECONDS)


def version_memo_seconds() -> float:
    """How long a process trusts the catalogue version it last read before
    asking the shared cache again (``tools_catalog.cache``)."""
    return float(settings.HUB_CATALOGUE_VERSION_MEMO_SECONDS)


def site_url() -> str:
    """Scheme and host for links in emails (``core.sites.site_url``)."""
    return _hub_site_url()
