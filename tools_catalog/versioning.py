"""The catalogue version: the browse page's caches are keyed on it.

``selectors.catalogue_fingerprint`` reads it from the shared cache and computes
it from the tools (count and latest ``updated_at``) only when it is missing.
Every change the browse page shows moves ``updated_at`` and forgets the cached
version: ``Tool.save``/``delete`` through signals; ``update(updated_at=…)`` on
tools through ``ToolQuerySet.update``; a tool's stages or terms, a provider or
a term through ``tools_catalog.signals``, which touch the tools concerned. The expiry
(``conf.version_cache_seconds``) bounds anything that slips past them, such as
SQL typed into a database shell.

Each process also remembers the version it read for a moment
(``conf.version_memo_seconds``, one second by default), so a busy process asks
the shared cache about once a second rather than on every request. A change
made in a process is seen there at once, and by the other processes within
that moment.
"""

import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction

from tools_catalog import conf

CATALOGUE_VERSION_KEY = "catalogue-version"

_memo: tuple[str, float] | None = None  # (version, until), this process only


def catalogue_version_get(compute: Callable[[], str]) -> str:
    """The version: this process's memo, else the shared cache, else ``compute()``."""
    global _memo
    now = time.monotonic()
    memo = _memo
    if memo is not None and memo[1] > now:
        return memo[0]
    version: str | None = cache.get(CATALOGUE_VERSION_KEY)
    if version is None:
        version = compute()
        cache.set(CATALOGUE_VERSION_KEY, version, conf.version_cache_seconds())
    _memo = (version, now + conf.version_memo_seconds())
    return version


def catalogue_version_reset() -> None:
    """Drop the version from this process and the shared cache, now."""
    global _memo
    _memo = None
    cache.delete(CATALOGUE_VERSION_KEY)


def catalogue_version_forget() -> None:
    """Drop the version now and again when the transaction commits, so a request
    that read the old rows in between cannot keep the old version."""
    catalogue_version_reset()
    transaction.on_commit(catalogue_version_reset)
