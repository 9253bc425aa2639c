"""Settings of the catalogue, read late so tests can override them."""

from django.conf import settings


def verification_valid_days() -> int:
    """Days a staff verification of a claim stays valid."""
    return int(getattr(settings, "HUB_CATALOGUE_VERIFICATION_DAYS", 365))


def adoption_minimum() -> int:
    """Adoption counts below this are not shown."""
    return int(getattr(settings, "HUB_CATALOGUE_ADOPTION_MINIMUM", 5))


def page_size() -> int:
    return int(getattr(settings, "HUB_CATALOGUE_PAGE_SIZE", 20))


def facet_cache_seconds() -> int:
    """How long facet counts are cached (a catalogue change invalidates at once)."""
    return int(getattr(settings, "HUB_CATALOGUE_FACET_CACHE_SECONDS", 300))


def version_cache_seconds() -> int:
    """The longest a cached catalogue version is trusted; every change made
    through the application forgets it at once (``tools_catalog.versioning``)."""
    return int(getattr(settings, "HUB_CATALOGUE_VERSION_CACHE_SECONDS", 60))


def version_memo_seconds() -> float:
    """How long a process trusts the catalogue version it last read before
    asking the shared cache again (``tools_catalog.versioning``)."""
    return float(getattr(settings, "HUB_CATALOGUE_VERSION_MEMO_SECONDS", 1.0))


def site_url() -> str:
    """Scheme and host for links in emails."""
    return str(getattr(settings, "HUB_SITE_URL", "http://127.0.0.1:8000")).rstrip("/")
