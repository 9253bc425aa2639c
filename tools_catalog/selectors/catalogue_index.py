"""An in-process index of the published catalogue, rebuilt per catalogue version.

The browse page filters on nine facets and shows every option's count under
the other filters. Asking the database for that costs a grouped query per
facet on every new combination; with 5,000 tools the whole catalogue's facts
fit in a few hundred kilobytes instead. So the index holds, for each facet
value, a bitmap (a Python ``int``: bit *i* is the *i*-th published tool) and,
for each sort, the tools in that order. Filtering is AND and OR of bitmaps and
a count is ``int.bit_count()``: microseconds, whatever the filters.

It is built with one query (a UNION of the tools' columns and their stage
and term links, all as text), kept in the shared cache under the catalogue version
(so one process builds it and the others read it) and in this process's
memory until the version moves (``tools_catalog.cache``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import CharField, F, Value
from django.db.models.functions import Cast

from tools_catalog.models import Tool
from tools_catalog.selectors.facets import (
    M2M_FACETS,
    NOT_DISCLOSED,
    UNDISCLOSED_M2M_FACETS,
)

CHOICE_COLUMNS = {
    "data_leaves": "data_leaves_premises",
    "cost": "cost_model",
    "maturity": "maturity",
    "country": "provider__country",
}
# What a card needs from the index besides its own row: these facets' values.
CARD_FACETS = ("stage", "deployment")


@dataclass
class CatalogueIndex:
    ids: list[int] = field(default_factory=list)  # position -> tool pk
    everything: int = 0  # a bitmap with every position set
    bits: dict[str, dict[str, int]] = field(default_factory=dict)
    orders: dict[str, list[int]] = field(default_factory=dict)  # sort -> positions
    place: dict[int, int] = field(default_factory=dict)  # pk -> position
    card_values: dict[str, dict[int, list[str]]] = field(default_factory=dict)

    def mask(self, facet: str, values: list[str]) -> int:
        """The tools with any of ``values`` in ``facet``."""
        found = 0
        for value in values:
            found |= self.bits.get(facet, {}).get(value, 0)
        return found

    def counts(self, facet: str, within: int) -> dict[str, int]:
        return {
            value: (bitmap & within).bit_count()
            for value, bitmap in self.bits.get(facet, {}).items()
        }

    def ordered(self, sort: str, within: int) -> list[int]:
        """The pks of the tools in ``within``, in the order of ``sort``."""
        flags = format(within, f"0{len(self.ids)}b")[::-1] if self.ids else ""
        ids = self.ids
        return [ids[p] for p in self.orders[sort] if flags[p] == "1"]

    def positions(self, pks: Any) -> int:
        """A bitmap of the tools with these pks (unpublished ones are left out)."""
        place = self.place
        return _bitmap(place[pk] for pk in pks if pk in place)


def _bitmap(positions: Any) -> int:
    positions = list(positions)
    if not positions:
        return 0
    buffer = bytearray(max(positions) // 8 + 1)
    for p in positions:
        buffer[p >> 3] |= 1 << (p & 7)
    return int.from_bytes(buffer, "little")


# The tool columns the index reads, each as text in the same UNION as the links.
TOOL_COLUMNS = {
    **CHOICE_COLUMNS,
    "#name": "name",
    "#vetted": "last_vetted_on",
    "#rating": "rating_average",
    "#reviews": "rating_count",
}


def _rows() -> list[tuple[str, int, str | None]]:
    """(facet or column, tool pk, value as text): every published tool's
    columns and every stage and term link, in one query (a UNION)."""
    published = Tool.objects.published().order_by()
    parts = [
        published.annotate(
            facet=Value(name, output_field=CharField()),
            value=Cast(column, output_field=CharField()),
        ).values_list("facet", "pk", "value")
        for name, column in TOOL_COLUMNS.items()
    ]
    for facet, (model, m2m, key) in M2M_FACETS.items():
        through = getattr(Tool, m2m).through
        term = through._meta.get_field(model._meta.model_name).name
        parts.append(
            through.objects.order_by()
            .annotate(
                facet=Value(facet, output_field=CharField()),
                value=F(f"{term}__{key}"),
            )
            .values_list("facet", "tool_id", "value")
        )
    return list(parts[0].union(*parts[1:], all=True))


def catalogue_index_build() -> CatalogueIndex:
    """Read the published catalogue (one query) into a fresh index."""
    rows = _rows()
    columns: dict[str, dict[int, str | None]] = {name: {} for name in TOOL_COLUMNS}
    links: list[tuple[str, int, str]] = []
    for facet, pk, value in rows:
        if facet in columns:
            columns[facet][pk] = value
        else:
            links.append((facet, pk, value or ""))
    names = columns["#name"]
    index = CatalogueIndex(ids=sorted(names))
    place = index.place = {pk: n for n, pk in enumerate(index.ids)}
    index.everything = (1 << len(index.ids)) - 1
    by_name = sorted(
        range(len(index.ids)),
        key=lambda n: ((names[index.ids[n]] or "").casefold(), index.ids[n]),
    )
    index.orders["name"] = by_name
    vetted = columns["#vetted"]
    # Newest vetting first, never vetted last; then by name (as the sorts say).
    index.orders["vetted"] = sorted(
        by_name, key=lambda n: _descending(vetted[index.ids[n]])
    )
    ratings = {pk: Decimal(v) if v else None for pk, v in columns["#rating"].items()}
    reviews = {pk: int(v or 0) for pk, v in columns["#reviews"].items()}
    index.orders["rating"] = sorted(
        by_name,
        key=lambda n: (
            ratings[index.ids[n]] is None,
            -(ratings[index.ids[n]] or 0),
            -reviews[index.ids[n]],
        ),
    )
    positions: dict[str, dict[str, list[int]]] = {}
    for facet in CHOICE_COLUMNS:
        for pk, value in columns[facet].items():
            positions.setdefault(facet, {}).setdefault(value or NOT_DISCLOSED, [])
            positions[facet][value or NOT_DISCLOSED].append(place[pk])
    index.card_values = {facet: {} for facet in CARD_FACETS}
    stated: dict[str, set[int]] = {facet: set() for facet in UNDISCLOSED_M2M_FACETS}
    for facet, tool_id, value in links:
        at = place.get(tool_id)
        if at is None:
            continue  # not published
        positions.setdefault(facet, {}).setdefault(value, []).append(at)
        if facet in stated:
            stated[facet].add(at)
        if facet in index.card_values:
            index.card_values[facet].setdefault(tool_id, []).append(value)
    for facet, n_stated in stated.items():
        positions.setdefault(facet, {})[NOT_DISCLOSED] = [
            n for n in range(len(index.ids)) if n not in n_stated
        ]
    index.bits = {
        facet: {value: _bitmap(found) for value, found in values.items()}
        for facet, values in positions.items()
    }
    return index


def _descending(iso_date: str | None) -> tuple[bool, int]:
    """A sort key: the latest date first, none last."""
    if not iso_date:
        return (True, 0)
    return (False, -date.fromisoformat(iso_date[:10]).toordinal())
