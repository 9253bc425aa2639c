"""The catalogue version: the browse page's caches are keyed on it.

``selectors.catalogue_fingerprint`` reads it from the shared cache and computes
it from the tools (count and latest ``updated_at``) only when it is missing.
Every change the browse page shows moves ``updated_at`` and forgets the cached
version: ``Tool.save``/``delete`` through signals; ``update(updated_at=…)`` on
tools through ``ToolQuerySet.update``; a tool's stages or terms, a provider or
a term through ``tools_catalog.signals``, which touch the tools concerned. The expiry
(``conf.version_cache_seconds``) bounds anything that slips past them, such as
SQL typed into a database shell.
"""

from django.core.cache import cache
from django.db import transaction

CATALOGUE_VERSION_KEY = "catalogue-version"


def catalogue_version_forget() -> None:
    """Drop the cached version now and again when the transaction commits, so a
    request that read the old rows in between cannot keep the old version."""
    cache.delete(CATALOGUE_VERSION_KEY)
    transaction.on_commit(lambda: cache.delete(CATALOGUE_VERSION_KEY))
