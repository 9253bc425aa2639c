"""Everything the catalogue caches, in one place: keys, versions, invalidation.

**The catalogue version.** One string, ``catalogue_version()``, names the state
of the published catalogue: the number of tools and the latest ``updated_at``.
Every cached catalogue value is stored under a key that contains it, so when
the catalogue changes the version moves and every old entry is simply never
asked for again (it expires on its own). Nothing is ever deleted one by one.

The version itself is kept in the shared cache (``CATALOGUE_VERSION_KEY``) and,
for ``conf.version_memo_seconds()`` (one second), in each process; it is
computed with one indexed query only when missing. A change forgets it
(``catalogue_changed()``) in the process that made it at once and again when
the transaction commits, so a request that read the old rows in between
cannot keep the old version; other processes see it within the memo second.
What calls ``catalogue_changed``: ``Tool.save``/``delete`` (signals), and
``tools_touch(queryset, **fields)``, the one way the code updates tools without
saving them (services' conditional updates; ``tools_catalog.signals``, which
touches the tools a stage, term or provider change shows on). The expiry
(``conf.version_cache_seconds()``) bounds anything that slips past, such as SQL
typed into a database shell.

**What is cached under the version** (``versioned_key``; all shared by every
member, so none of it may depend on who asks):

============================  ======================  ============================
value                         where                   key parts after the version
============================  ======================  ============================
facet vocabulary (labels)     shared + process memo   language
catalogue index (bitmaps)     shared + process memo   (none)
search matches (pk -> rank)   shared                  the search text
browse page / results HTML    shared + process LRU    language, page size, query
                                                      string, page or results
result card below heading     shared + process LRU    language, tool
============================  ======================  ============================

The browse HTML is rendered **without the request** (``browse_html_render``):
no user, session, CSRF token or messages reach its template, so it cannot
hold anything of one member's (the compare tray and the header, which do, are
rendered around it on every response). ``tests/tools_catalog/test_cache.py``
proves it for names, shortlists, the compare tray and CSRF tokens.

Django's public cache API only: ``caches["default"]`` is the shared cache
(Redis in production), ``caches["fragments"]`` each process's memory
(``caches["browse"]`` for whole pages: a few hundred at most). Only a request
whose every parameter is a filter, the search, the sort or a page that exists
is cached (``tools_catalog.views.browse``): invented query strings are answered
but never stored.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache, caches
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from tools_catalog import conf

CATALOGUE_VERSION_KEY = "catalogue-version"

_memo: tuple[str, float] | None = None  # (version, until), this process only
_values: dict[str, tuple[str, Any]] = {}  # name -> (version, value), this process


# --- The version -------------------------------------------------------------


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
    _values.clear()
    cache.delete(CATALOGUE_VERSION_KEY)


def catalogue_version_forget() -> None:
    """Drop the version now and again when the transaction commits, so a request
    that read the old rows in between cannot keep the old version."""
    catalogue_version_reset()
    transaction.on_commit(catalogue_version_reset)


catalogue_changed = catalogue_version_forget


def tools_touch(tools: QuerySet[Any], **fields: Any) -> int:
    """``tools.update(**fields)`` that also moves their ``updated_at`` and, if
    any row changed, forgets the version: how a write that skips
    ``Tool.save()`` (a conditional update, a term or provider change) reaches
    the browse page. Returns the number of rows updated."""
    rows = tools.update(updated_at=timezone.now(), **fields)
    if rows:
        catalogue_changed()
    return rows


# --- Values kept under the version --------------------------------------------


def versioned_key(name: str, version: str, *parts: Any) -> str:
    """A cache key for ``name`` under ``version``: short, safe for any backend."""
    source = json.dumps(parts, sort_keys=True, default=str)
    digest = hashlib.sha256(source.encode()).hexdigest()[:32]
    return f"catalogue:{name}:{version}:{digest}"


def versioned_get_or_build[T](
    name: str, version: str, build: Callable[[], T], *parts: Any, memo: bool = True
) -> T:
    """A value cached under the version: this process's memo (``memo``), then
    the shared cache, else ``build()`` (stored in both)."""
    key = versioned_key(name, version, *parts)
    if memo:
        held = _values.get(key)
        if held is not None and held[0] == version:
            return held[1]
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, conf.facet_cache_seconds())
    if memo:
        for stale in [k for k, (v, _x) in _values.items() if v != version]:
            del _values[stale]
        _values[key] = (version, value)
    return value


# --- The browse page's HTML ----------------------------------------------------


def browse_html_key(
    *, version: str, language: str, params: dict[str, list[str]], part: str
) -> str:
    return versioned_key(
        f"browse-{part}",
        version,
        language,
        conf.page_size(),
        sorted((k, v) for k, v in params.items()),
    )


def browse_html_get(key: str) -> str | None:
    """Cached browse HTML: this process's memory first, then the shared cache.

    Under a given key the HTML never changes (the key holds the version), so a
    copy kept in each process can never be stale.
    """
    local = caches["browse"]
    html: str | None = local.get(key)
    if html is None:
        html = cache.get(key)
        if html is not None:
            local.set(key, html, conf.facet_cache_seconds())
    return html


def browse_html_set(key: str, html: str) -> None:
    cache.set(key, html, conf.facet_cache_seconds())
    caches["browse"].set(key, html, conf.facet_cache_seconds())


# --- Result cards below their heading -----------------------------------------


def card_body_keys(*, pks: list[int], version: str, language: str) -> dict[int, str]:
    """Each card body's key: the tool, the version and the language."""
    return {pk: versioned_key("card", version, language, pk) for pk in pks}


def card_bodies_get(keys: dict[int, str]) -> dict[int, str]:
    """The cached card bodies (pk -> HTML): this process's memory first, then
    the shared cache in one round trip. Like the browse HTML, a body never
    changes under its key (the key holds the version)."""
    local = caches["fragments"]
    found = local.get_many(list(keys.values()))
    missing = [key for key in keys.values() if key not in found]
    if missing:
        shared = cache.get_many(missing)
        if shared:
            local.set_many(shared, conf.facet_cache_seconds())
            found.update(shared)
    return {pk: found[key] for pk, key in keys.items() if key in found}


def card_bodies_set(bodies: dict[str, str]) -> None:
    """Keep new card bodies (key -> HTML) in both caches."""
    cache.set_many(bodies, conf.facet_cache_seconds())
    caches["fragments"].set_many(bodies, conf.facet_cache_seconds())
