"""The curated vocabulary (fixtures/vocabulary.yaml) and the mapping of the
source sheet's raw values onto it (fixtures/vocabulary_mapping.yaml).

``vocabulary_sync`` creates or updates the terms from the file; it takes the
models as arguments so a data migration can pass its historical ones. Terms an
editor added are left alone; older duplicates named in a term's ``aliases`` are
merged into it (their tools move over).

Raw values: a value ending in "?" is uncertain, and one starting with "?" was
not found; both are "not disclosed" (never guessed). Every other value must be
in the mapping with at least one curated term, or ``UnmappedValueError`` names
it.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.utils.text import slugify

FIXTURES = Path(__file__).resolve().parent / "fixtures"
VOCABULARY_FILE = FIXTURES / "vocabulary.yaml"
MAPPING_FILE = FIXTURES / "vocabulary_mapping.yaml"
SHEET_FILE = FIXTURES / "tools_factsheet.csv"

# Vocabulary sections, in the order of the file, and the Tool field of each.
SECTIONS = {
    "capabilities": "capabilities",
    "data_types": "data_types",
    "deployments": "deployments",
    "languages": "languages",
    "integrations": "integrations",
}
# The languages a curated term is translated into (English is in the fields).
TRANSLATED_LANGUAGES = ("ar", "zh-hans", "fr", "ru", "es")
TRANSLATED_SECTIONS = ("capabilities", "data_types", "deployments", "languages")
SHEET_LIST_SEPARATOR = ";"


class UnmappedValueError(ValueError):
    """A raw value of the source sheet that the mapping does not place."""


@cache
def vocabulary() -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = yaml.safe_load(
        VOCABULARY_FILE.read_text(encoding="utf-8")
    )
    return data


@cache
def mapping() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = yaml.safe_load(
        MAPPING_FILE.read_text(encoding="utf-8")
    )
    return data


def curated_slugs(section: str) -> set[str]:
    return {term["slug"] for term in vocabulary()[section]}


# --- Raw values --------------------------------------------------------------


def raw_key(value: str) -> str | None:
    """The mapping key of a raw value, or None when the value was not found."""
    value = value.strip()
    if not value or value.startswith("?"):
        return None
    return value.rstrip("?").strip() or None


def raw_is_uncertain(value: str) -> bool:
    """Uncertain ("x?") or not yet available ("(announced)"): not asserted."""
    value = value.strip()
    return value.endswith("?") or "(announced)" in value


def sheet_rows() -> list[dict[str, str]]:
    with SHEET_FILE.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def sheet_raw_values() -> dict[str, set[str]]:
    """Every raw capability and deployment value of the sheet (mapping keys)."""
    found: dict[str, set[str]] = {"capabilities": set(), "deployments": set()}
    for row in sheet_rows():
        for value in row["capabilities"].split(SHEET_LIST_SEPARATOR):
            key = raw_key(value)
            if key:
                found["capabilities"].add(key)
        key = raw_key(row["deployment"])
        if key:
            found["deployments"].add(key)
    return found


def mapping_problems() -> list[str]:
    """What is wrong with the mapping, as sentences (empty when all is well)."""
    problems = []
    raw = sheet_raw_values()
    table = mapping()
    capability_slugs = curated_slugs("capabilities")
    data_type_slugs = curated_slugs("data_types")
    deployment_slugs = curated_slugs("deployments")
    for key in sorted(raw["capabilities"]):
        entry = table["capabilities"].get(key)
        if not entry or not entry.get("capabilities"):
            problems.append(f"capability {key!r} is mapped to no curated term")
            continue
        for slug in entry["capabilities"]:
            if slug not in capability_slugs:
                problems.append(f"capability {key!r} maps to unknown {slug!r}")
        for slug in entry.get("data_types", []):
            if slug not in data_type_slugs:
                problems.append(f"capability {key!r} maps to unknown data {slug!r}")
    for key in sorted(raw["deployments"]):
        slugs = table["deployments"].get(key)
        if not slugs:
            problems.append(f"deployment {key!r} is mapped to no curated term")
            continue
        for slug in slugs:
            if slug not in deployment_slugs:
                problems.append(f"deployment {key!r} maps to unknown {slug!r}")
    return problems


@dataclass
class Mapped:
    capabilities: list[str] = field(default_factory=list)
    data_types: list[str] = field(default_factory=list)
    deployments: list[str] = field(default_factory=list)


def _add(target: list[str], slugs: list[str]) -> None:
    for slug in slugs:
        if slug not in target:
            target.append(slug)


def map_row(row: dict[str, str]) -> Mapped:
    """The curated slugs for one row of the sheet; uncertain values are left out."""
    result = Mapped()
    table = mapping()
    for value in row["capabilities"].split(SHEET_LIST_SEPARATOR):
        key = raw_key(value)
        if key is None:
            continue
        entry = table["capabilities"].get(key)
        if not entry or not entry.get("capabilities"):
            raise UnmappedValueError(
                f"The capability {key!r} of {row['name']!r} is not in "
                f"{MAPPING_FILE.name}: map it to at least one curated term."
            )
        if raw_is_uncertain(value):
            continue
        _add(result.capabilities, entry["capabilities"])
        _add(result.data_types, entry.get("data_types", []))
    key = raw_key(row["deployment"])
    if key is not None:
        slugs = table["deployments"].get(key)
        if not slugs:
            raise UnmappedValueError(
                f"The deployment {key!r} of {row['name']!r} is not in "
                f"{MAPPING_FILE.name}: map it to at least one curated term."
            )
        if not raw_is_uncertain(row["deployment"]):
            _add(result.deployments, slugs)
    return result


def integrations_in(text: str) -> list[str]:
    low = text.lower()
    return [
        term["slug"]
        for term in vocabulary()["integrations"]
        if any(word in low for word in term.get("match", []))
    ]


# --- Creating the terms ------------------------------------------------------


@dataclass
class SyncResult:
    created: int = 0
    updated: int = 0
    merged: int = 0


def _fields(section: str, term: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {
        "name": term["name"],
        "definition": term.get("definition", ""),
        "translations": term.get("translations", {}),
    }
    if section == "capabilities":
        values["group"] = term["group"]
    if section == "deployments":
        values["runs_locally"] = term.get("runs_locally")
    return values


def _tools_link(through: Any, term_field: str, target: Any, tool_ids: Any) -> None:
    """Link ``target`` to each of ``tool_ids`` not linked to it yet."""
    already = set(
        through.objects.filter(
            **{term_field: target, "tool_id__in": tool_ids}
        ).values_list("tool_id", flat=True)
    )
    missing = [t for t in tool_ids if t not in already]
    through.objects.bulk_create(
        [through(tool_id=t, **{term_field: target}) for t in missing]
    )


def _merge_rows(tool_model: Any, field_name: str, source: Any, target: Any) -> int:
    """Move the tools of ``source`` to ``target`` and delete ``source`` (no
    audit: for migrations and the sync; editors use ``services.term_merge``)."""
    through = getattr(tool_model, field_name).through
    term_field = through._meta.get_field(type(target)._meta.model_name).name
    tool_ids = set(
        through.objects.filter(**{term_field: source}).values_list("tool_id", flat=True)
    )
    _tools_link(through, term_field, target, tool_ids)
    through.objects.filter(**{term_field: source}).delete()
    type(source).objects.filter(pk=source.pk).delete()
    return len(tool_ids)


def vocabulary_sync(*, models: dict[str, Any], tool_model: Any) -> SyncResult:
    """Create or update every curated term; merge the aliases named in the file.

    ``models``: section -> term model (``SECTIONS``); ``tool_model``: Tool. The
    caller touches the tools (the catalogue version) when anything changed.
    """
    result = SyncResult()
    for section, field_name in SECTIONS.items():
        model = models[section]
        concrete = {f.name for f in model._meta.get_fields()}
        for term in vocabulary()[section]:
            values = {k: v for k, v in _fields(section, term).items() if k in concrete}
            row = model.objects.filter(slug=term["slug"]).first()
            if row is None:
                model.objects.create(slug=term["slug"], **values)
                result.created += 1
                row = model.objects.get(slug=term["slug"])
            elif any(getattr(row, k) != v for k, v in values.items()):
                model.objects.filter(pk=row.pk).update(**values)
                result.updated += 1
            for alias in term.get("aliases", []):
                old = model.objects.filter(slug=alias).first()
                if old is not None and old.pk != row.pk:
                    _merge_rows(tool_model, field_name, old, row)
                    result.merged += 1
    return result


def raw_terms_map(*, models: dict[str, Any], tool_model: Any) -> int:
    """Move tools from raw capability terms (slugs of the sheet's values, as the
    old loader made them) onto the curated terms, then delete the raw terms.

    For databases loaded before the vocabulary existed; a term that is neither
    curated nor a raw value of the sheet (an editor's) is left alone.
    """
    by_slug = {
        slugify(key)[:140]: entry for key, entry in mapping()["capabilities"].items()
    }
    capability_model, data_type_model = models["capabilities"], models["data_types"]
    curated = curated_slugs("capabilities")
    through = tool_model.capabilities.through
    data_through = tool_model.data_types.through
    moved = 0
    # A raw value whose slug is also a curated one ("hash matching") keeps its
    # term but still gives its tools the data types the mapping names.
    for raw in capability_model.objects.filter(slug__in=list(by_slug)):
        entry = by_slug[raw.slug]
        tool_ids = list(
            through.objects.filter(capability=raw).values_list("tool_id", flat=True)
        )
        for slug in entry["capabilities"]:
            target = capability_model.objects.get(slug=slug)
            _tools_link(through, "capability", target, tool_ids)
        for slug in entry.get("data_types", []):
            target = data_type_model.objects.get(slug=slug)
            _tools_link(data_through, "datatype", target, tool_ids)
        if raw.slug in curated:
            continue
        through.objects.filter(capability=raw).delete()
        capability_model.objects.filter(pk=raw.pk).delete()
        moved += 1
    return moved
