"""The browse page: result cards, sorting, facet counts and the HTML cache."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.cache import cache, caches
from django.db.models import (
    CharField,
    Count,
    F,
    Max,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import get_language

from accounts.models import User
from learning_centre.models import Stage
from tools_catalog import conf
from tools_catalog.models import (
    Tool,
)
from tools_catalog.selectors.facets import (
    CHOICE_FACETS,
    FACET_ORDER,
    M2M_FACETS,
    NOT_DISCLOSED,
    UNDISCLOSED_M2M_FACETS,
    Facet,
    FacetOption,
    _cache_key,
    _stages_by_key,
    facet_q,
    search_q,
)
from tools_catalog.selectors.tools import tool_list, tools_terms_attach
from tools_catalog.versioning import catalogue_version_get

# What a result card shows: the browse query reads only these columns
# (``tools_cards_attach`` adds its stages and deployments).
CARD_FIELDS = (
    "name",
    "slug",
    "summary",
    "translations",
    "rating_average",
    "rating_count",
    "is_demo",
    "cost_model",
    "data_leaves_premises",
    "maturity",
    "last_vetted_on",
    "provider__name",
)


def vetting_state(*, tool: Tool) -> str:
    """The vetting state: "current" while the last vetting is within the
    verification period, "expired" after it, "" for a tool never vetted."""
    if tool.last_vetted_on is None:
        return ""
    valid_until = tool.last_vetted_on + timedelta(days=conf.verification_valid_days())
    return "current" if valid_until >= timezone.localdate() else "expired"


def tools_cards_attach(tools: list[Tool]) -> None:
    """Fill what a page of result cards shows beyond the card columns: the
    stages (from the per-process stage cache) and the other terms (one UNION,
    ``tools_terms_attach``), and each tool's vetting state. Two queries for the
    whole page, whatever its size."""
    if not tools:
        return
    tools_terms_attach(tools)
    rows = list(
        Tool.stages.through.objects.order_by()
        .filter(tool_id__in=[t.pk for t in tools])
        .values_list("tool_id", "stage__key")
    )
    stages = {s.key: s for s in _stages_by_key({key for _t, key in rows})}
    by_tool: dict[int, list[Stage]] = {}
    for tool_id, key in rows:
        if key in stages:
            by_tool.setdefault(tool_id, []).append(stages[key])
    for tool in tools:
        tool.__dict__.setdefault("_prefetched_objects_cache", {})["stages"] = sorted(
            by_tool.get(tool.pk, []), key=lambda s: s.position
        )
        tool.vetting = vetting_state(tool=tool)  # type: ignore[attr-defined]


SORTS = {
    "name": ("name",),
    "vetted": (F("last_vetted_on").desc(nulls_last=True), "name"),
    "rating": (F("rating_average").desc(nulls_last=True), "-rating_count", "name"),
    "relevance": ("-rank", "name"),
}


@dataclass
class Browse:
    tools: QuerySet[Tool]
    facets: list[Facet]
    total: int | None = None  # the number of matching tools, from the counts


# Every tool has exactly one value of these: their counts add up to the total.
SINGLE_VALUED_FACETS = ("maturity", "cost", "data_leaves")


def _total_from_counts(
    counts: dict[str, dict[str, int]], selected: dict[str, list[str]]
) -> int:
    """The matching tools, without a query: a single-valued facet's counts are
    taken under the other filters, so its chosen options (or all) add up."""
    facet = SINGLE_VALUED_FACETS[0]
    for candidate in SINGLE_VALUED_FACETS:
        if not selected.get(candidate):
            facet = candidate
            break
    chosen = selected.get(facet) or list(counts.get(facet, {}))
    return sum(counts.get(facet, {}).get(value, 0) for value in chosen)


def catalogue_fingerprint() -> str:
    """The catalogue version: changes whenever a tool is added, removed or saved.

    Kept in the shared cache (and for a moment in each process); computed with
    one indexed query only when it is missing (``tools_catalog.versioning`` says
    what forgets it). Facet counts, the vocabulary and the browse page are cached
    under it.
    """

    def compute() -> str:
        row = Tool.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
        return f"{row['n']}:{row['last'].isoformat() if row['last'] else ''}"

    return catalogue_version_get(compute)


def browse_cache_key(
    *, version: str, params: dict[str, list[str]], part: str = "filters"
) -> str:
    """Names a cached part of the browse page: the catalogue version, the
    language, the page size and the whole query string (the form and the
    pagination links repeat it)."""
    return _cache_key(
        f"catalogue-{part}",
        version,
        get_language() or "",
        conf.page_size(),
        sorted((k, v) for k, v in params.items()),
    )


def browse_html_get(key: str) -> str | None:
    """Cached browse HTML: this process's memory first, then the shared cache.

    Under a given key the HTML never changes (the key holds the catalogue
    version), so a copy kept in each process can never be stale.
    """
    local = caches["fragments"]
    html: str | None = local.get(key)
    if html is None:
        html = cache.get(key)
        if html is not None:
            local.set(key, html, conf.facet_cache_seconds())
    return html


def browse_html_set(key: str, html: str) -> None:
    cache.set(key, html, conf.facet_cache_seconds())
    caches["fragments"].set(key, html, conf.facet_cache_seconds())


def _facet_counts_cached(
    *,
    selected: dict[str, list[str]],
    query: str,
    others: Any,
    vocabulary: dict[str, list[tuple[str, str]]],
    version: str,
) -> dict[str, dict[str, int]]:
    key = _cache_key(
        "catalogue-facets",
        version,
        sorted((k, sorted(v)) for k, v in selected.items() if v),
        query,
    )
    counts = cache.get(key)
    if counts is None:
        counts = _facet_counts(query=query, others=others, vocabulary=vocabulary)
        cache.set(key, counts, conf.facet_cache_seconds())
    return counts


def _facet_counts(
    *, query: str, others: Any, vocabulary: dict[str, list[tuple[str, str]]]
) -> dict[str, dict[str, int]]:
    """Each facet's option counts under the other filters: one query per M2M
    facet, and one UNION of grouped counts for the choice facets."""
    ids_base: QuerySet[Tool] = Tool.objects.published()
    if query:
        ids_base = search_q(qs=ids_base, query=query)
    counts: dict[str, dict[str, int]] = {}
    for facet, (model, m2m, key) in M2M_FACETS.items():
        through = getattr(Tool, m2m).through
        term_field = through._meta.get_field(model._meta.model_name).name
        rows = (
            through.objects.filter(
                tool_id__in=ids_base.filter(others(facet)).values("pk")
            )
            .values(f"{term_field}__{key}")
            .annotate(n=Count("tool_id"))
            .values_list(f"{term_field}__{key}", "n")
        )
        counts[facet] = dict(rows)
    parts = [
        ids_base.filter(others(facet))
        .order_by()
        .annotate(
            facet=Value(facet, output_field=CharField()),
            value=Cast(field_name, output_field=CharField()),
        )
        .values("facet", "value")
        .annotate(n=Count("pk"))
        .values_list("facet", "value", "n")
        for facet, (field_name, _choices) in CHOICE_FACETS.items()
    ]
    for facet in UNDISCLOSED_M2M_FACETS:
        # Tools that state no value of the facet, counted in the same UNION.
        through = getattr(Tool, M2M_FACETS[facet][1]).through
        parts.append(
            ids_base.filter(others(facet))
            .exclude(pk__in=through.objects.values("tool_id"))
            .order_by()
            .annotate(
                facet=Value(facet, output_field=CharField()),
                value=Value(NOT_DISCLOSED, output_field=CharField()),
            )
            .values("facet", "value")
            .annotate(n=Count("pk"))
            .values_list("facet", "value", "n")
        )
    for facet, value, n in parts[0].union(*parts[1:], all=True):
        if facet == "country" and not value:
            value = NOT_DISCLOSED
        counts.setdefault(facet, {})[value] = n
    return counts


def tool_browse(
    *,
    user: User,
    selected: dict[str, list[str]],
    query: str,
    sort: str,
    vocabulary: dict[str, list[tuple[str, str]]],
    version: str = "",
) -> Browse:
    """The filtered, searched, sorted tools and every facet's live counts.

    Each facet counts under all the *other* active filters (and the search), so
    choosing an option never zeroes the rest of its own facet. Queries: one per
    M2M facet and one for all choice facets, whatever the page size; none when
    the counts for this search and these filters are cached (see conf).
    """
    base = tool_list(user=user).only(*CARD_FIELDS)
    if query:
        base = search_q(qs=base, query=query)
    conditions = {f: facet_q(facet=f, values=v) for f, v in selected.items() if v}

    def others(facet: str) -> Q:
        q = Q()
        for name, cond in conditions.items():
            if name != facet:
                q &= cond
        return q

    tools = base.filter(others(""))
    if sort == "relevance" and not query:
        sort = "name"
    tools = tools.order_by(*SORTS.get(sort, SORTS["name"]))

    counts = _facet_counts_cached(
        selected=selected,
        query=query,
        others=others,
        vocabulary=vocabulary,
        version=version or catalogue_fingerprint(),
    )
    facets: list[Facet] = []
    for facet in FACET_ORDER:
        facets.append(
            Facet(
                name=facet,
                options=[
                    FacetOption(
                        value=v, label=label, count=counts.get(facet, {}).get(v, 0)
                    )
                    for v, label in vocabulary.get(facet, [])
                ],
            )
        )
    return Browse(
        tools=tools, facets=facets, total=_total_from_counts(counts, selected)
    )
