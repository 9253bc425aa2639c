"""The browse page: filtered, searched, sorted tools and every facet's counts.

The filtering and counting run on the in-process catalogue index
(``catalogue_index``), so a new combination of filters costs no query; a
search costs one (cached per search text under the catalogue version) and a
page of cards one. ``tools_catalog.cache`` says what is cached and when it is
forgotten.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import overload

from django.db.models import Count, Max
from django.utils import timezone

from accounts.models import User
from tools_catalog import conf
from tools_catalog.cache import catalogue_version_get, versioned_get_or_build
from tools_catalog.models import Tool
from tools_catalog.selectors.catalogue_index import (
    CatalogueIndex,
    catalogue_index_build,
)
from tools_catalog.selectors.facets import (
    FACET_ORDER,
    Facet,
    FacetOption,
    Vocabulary,
    search_q,
)
from tools_catalog.selectors.tools import tool_list

# The columns a result card shows (``templatetags.catalogue.tool_cards`` and
# ``tool_card_body.html``): the page's query loads only these (and the provider).
CARD_FIELDS = (
    "slug",
    "name",
    "summary",
    "translations",
    "provider",
    "cost_model",
    "data_leaves_premises",
    "maturity",
    "rating_average",
    "rating_count",
    "last_vetted_on",
    "is_demo",
)
SORTS = ("relevance", "name", "vetted", "rating")


def vetting_state(*, tool: Tool) -> str:
    """The vetting state: "current" while the last vetting is within the
    verification period, "expired" after it, "" for a tool never vetted."""
    if tool.last_vetted_on is None:
        return ""
    valid_until = tool.last_vetted_on + timedelta(days=conf.verification_valid_days())
    return "current" if valid_until >= timezone.localdate() else "expired"


def catalogue_fingerprint() -> str:
    """The catalogue version (``tools_catalog.cache``): the number of tools and
    the latest ``updated_at``, read from the cache, computed when missing."""

    def compute() -> str:
        row = Tool.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
        return f"{row['n']}:{row['last'].isoformat() if row['last'] else ''}"

    return catalogue_version_get(compute)


def catalogue_index(*, version: str) -> CatalogueIndex:
    """The index of the published catalogue at ``version`` (built once)."""
    return versioned_get_or_build("index", version, catalogue_index_build)


def search_matches(*, query: str, version: str) -> dict[int, float]:
    """The published tools matching ``query``: pk -> rank. One query, cached
    under the version: members repeat the same few words."""

    def build() -> dict[int, float]:
        found = search_q(qs=Tool.objects.published().order_by(), query=query)
        rows = found.values_list("pk", "rank")  # type: ignore[misc]
        return {pk: float(rank) for pk, rank in rows}

    return versioned_get_or_build("search", version, build, query, memo=False)


@dataclass
class CardLabel:
    """A term on a card, already in the reader's language."""

    name: str
    local_definition: str = ""


class BrowseResults(Sequence[Tool]):
    """The matching tools in order, for Django's ``Paginator``: its length is
    known from the index; a slice loads just those tools (one query) with what
    their cards show (stage and deployment labels from the vocabulary)."""

    def __init__(
        self,
        pks: list[int],
        *,
        user: User,
        index: CatalogueIndex,
        vocabulary: Vocabulary,
    ) -> None:
        self.pks = pks
        self.user = user
        self.catalogue = index
        self.vocabulary = vocabulary

    def __len__(self) -> int:
        return len(self.pks)

    @overload
    def __getitem__(self, item: int) -> Tool: ...
    @overload
    def __getitem__(self, item: slice) -> list[Tool]: ...
    def __getitem__(self, item: int | slice) -> Tool | list[Tool]:
        if isinstance(item, slice):
            return self._load(self.pks[item])
        return self._load([self.pks[item]])[0]

    def __iter__(self) -> Iterator[Tool]:
        return iter(self._load(self.pks))

    def _load(self, pks: list[int]) -> list[Tool]:
        if not pks:
            return []
        found = {
            t.pk: t
            for t in tool_list(user=self.user).only(*CARD_FIELDS).filter(pk__in=pks)
        }
        tools = [found[pk] for pk in pks if pk in found]
        labels = {
            facet: {
                value: CardLabel(
                    label, self.vocabulary.help.get(facet, {}).get(value, "")
                )
                for value, label in self.vocabulary.get(facet, [])
            }
            for facet in ("stage", "deployment")
        }
        stage_order = {
            v: n for n, (v, _l) in enumerate(self.vocabulary.get("stage", []))
        }
        for tool in tools:
            stages = self.catalogue.card_values["stage"].get(tool.pk, [])
            tool.card_stages = [  # type: ignore[attr-defined]
                labels["stage"][key].name
                for key in sorted(stages, key=lambda k: stage_order.get(k, 0))
                if key in labels["stage"]
            ]
            tool.card_deployments = sorted(  # type: ignore[attr-defined]
                (
                    labels["deployment"][slug]
                    for slug in self.catalogue.card_values["deployment"].get(
                        tool.pk, []
                    )
                    if slug in labels["deployment"]
                ),
                key=lambda label: label.name.lower(),
            )
            tool.vetting = vetting_state(tool=tool)  # type: ignore[attr-defined]
        return tools


@dataclass
class Browse:
    tools: BrowseResults
    facets: list[Facet]
    total: int  # the number of matching tools


def tool_browse(
    *,
    user: User,
    selected: dict[str, list[str]],
    query: str,
    sort: str,
    vocabulary: Vocabulary,
    version: str = "",
) -> Browse:
    """The filtered, searched, sorted tools and every facet's live counts.

    Each facet counts under all the *other* active filters (and the search), so
    choosing an option never zeroes the rest of its own facet. Queries: the
    index when this process has no copy of this version (two, once), the search
    when its matches are not cached (one); none for the counts.
    """
    version = version or catalogue_fingerprint()
    index = catalogue_index(version=version)
    within = index.everything
    ranks: dict[int, float] = {}
    if query:
        ranks = search_matches(query=query, version=version)
        within &= index.positions(ranks)
    masks = {f: index.mask(f, v) for f, v in selected.items() if v}
    facets: list[Facet] = []
    for facet in FACET_ORDER:
        others = within
        for name, mask in masks.items():
            if name != facet:
                others &= mask
        counts = index.counts(facet, others)
        facets.append(
            Facet(
                name=facet,
                options=[
                    FacetOption(value=v, label=label, count=counts.get(v, 0))
                    for v, label in vocabulary.get(facet, [])
                ],
            )
        )
    for mask in masks.values():
        within &= mask
    if sort == "relevance" and not query:
        sort = "name"
    if sort == "relevance":
        pks = index.ordered("name", within)
        pks.sort(key=lambda pk: -ranks.get(pk, 0.0))  # stable: ties stay by name
    else:
        pks = index.ordered(sort if sort in SORTS else "name", within)
    results = BrowseResults(pks, user=user, index=index, vocabulary=vocabulary)
    return Browse(tools=results, facets=facets, total=len(pks))
