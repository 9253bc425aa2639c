"""Load the demo catalogue from fixtures/tools_factsheet.csv (a copy inside the app).

Facts ending in ``?`` are uncertain and empty or ``?`` facts were not found:
both become "not disclosed" (uncertain text is kept in the notes, marked
"unconfirmed"). Descriptions come from fixtures/descriptions.json, written for
this catalogue from the facts. The sheet's capabilities and deployments are
mapped onto the curated vocabulary by fixtures/vocabulary_mapping.yaml (see
``tools_catalog.vocabulary``); languages, evidence titles and the editor's
vetting come from fixtures/demo_facts.yaml. Safe to run again: rows are
matched by slug/name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import yaml
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import User
from learning_centre.models import Stage
from tools_catalog.models import (
    Capability,
    DataType,
    DeploymentMode,
    Disclosure,
    Integration,
    Provider,
    SupportedLanguage,
    Tool,
    ToolClaim,
    claim_value,
)
from tools_catalog.services import (
    TERM_MODELS,
    provider_create,
    tool_search_index_update,
)
from tools_catalog.vocabulary import (
    FIXTURES,
    integrations_in,
    map_row,
    sheet_rows,
    vocabulary_sync,
)

# The demo catalogue editor (accounts.demo) vets a share of the demo tools.
DEMO_EDITOR_EMAIL = "editor@hub.example"

COUNTRIES = {
    "US": "US",
    "UK": "GB",
    "Sweden": "SE",
    "Netherlands": "NL",
    "Austria": "AT",
    "Canada": "CA",
    "Israel": "IL",
    "Iceland": "IS",
    "France": "FR",
    "Germany": "DE",
    "Greece": "GR",
}
PROVIDER_TYPES = {
    "company": Provider.Type.COMPANY,
    "non-profit": Provider.Type.NON_PROFIT,
    "academic": Provider.Type.ACADEMIC,
    "consortium": Provider.Type.ACADEMIC,
    "government": Provider.Type.GOVERNMENT,
    "government (EU agency)": Provider.Type.GOVERNMENT,
    "intergovernmental": Provider.Type.GOVERNMENT,
    "industry association": Provider.Type.NON_PROFIT,
}


def certain(value: str) -> str:
    """The value, or "" when it is missing or uncertain."""
    value = value.strip()
    return "" if not value or value.endswith("?") else value


def as_note(value: str) -> str:
    value = value.strip()
    if not value or value == "?":
        return ""
    if value.endswith("?"):
        return f"{value[:-1].strip()} (unconfirmed)"
    return value.replace("?", "").strip()


def _terms(model: Any, slugs: list[str]) -> list:
    """The curated terms (created by ``vocabulary_sync``), in the given order."""
    found = {t.slug: t for t in model.objects.filter(slug__in=slugs)}
    return [found[slug] for slug in slugs if slug in found]


def cost_of(raw: str) -> str:
    value = certain(raw).lower()
    if not value:
        return Tool.Cost.NOT_DISCLOSED
    if value.startswith("free"):
        return Tool.Cost.FREE
    if value.startswith("commercial"):
        return Tool.Cost.COMMERCIAL
    if value.startswith("licensed"):
        return Tool.Cost.ON_REQUEST
    if value.startswith(("research", "internal tool", "non-commercial", "eu-funded")):
        return Tool.Cost.NOT_FOR_SALE
    return Tool.Cost.NOT_DISCLOSED


def maturity_of(cost: str, raw_cost: str) -> str:
    if certain(raw_cost).lower().startswith("research"):
        return Tool.Maturity.RESEARCH
    if cost in (Tool.Cost.COMMERCIAL, Tool.Cost.FREE):
        return Tool.Maturity.PRODUCTION
    return Tool.Maturity.NOT_DISCLOSED


def data_leaves_of(deployments: list[DeploymentMode]) -> str:
    """No when every deployment runs on the agency's hardware, yes when none
    does; "not disclosed" when it depends on the deployment chosen or is unknown."""
    local = [d.runs_locally for d in deployments]
    if not local or None in local:
        return Disclosure.NOT_DISCLOSED
    if all(local):
        return Disclosure.NO
    if not any(local):
        return Disclosure.YES
    return Disclosure.NOT_DISCLOSED


def first_sentence(text: str) -> str:
    end = text.find(". ")
    return (text if end == -1 else text[: end + 1])[:300]


@dataclass
class LoadResult:
    tools: int
    providers: int
    created: int
    vetted: int = 0


def demo_facts() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(
        (FIXTURES / "demo_facts.yaml").read_text(encoding="utf-8")
    )
    return data


def _claims_seed(
    *,
    tool: Tool,
    evidence: dict[str, Any],
    vetted_on: date | None,
    editor: User | None,
    today: date,
) -> None:
    """Claims for the facts the sheet documents (where the tool runs, whether
    data leaves the agency), with the first public source as their evidence.

    Their values are read from the listing (``claim_value``); a tool the demo
    editor vetted has them staff-verified on that day, the others document-backed.
    """
    kinds = [
        kind
        for kind in (ToolClaim.Kind.ON_PREMISE, ToolClaim.Kind.NO_DATA_LEAVES)
        if claim_value(tool, kind) != Disclosure.NOT_DISCLOSED
    ]
    ToolClaim.objects.filter(tool=tool).exclude(kind__in=kinds).delete()
    url = tool.sources[0] if tool.sources else ""
    source = evidence.get(url, {})
    for kind in kinds:
        ToolClaim.objects.update_or_create(
            tool=tool,
            kind=kind,
            defaults={
                "value": "",
                "provenance": ToolClaim.Provenance.STAFF_VERIFIED
                if vetted_on
                else ToolClaim.Provenance.DOCUMENT_BACKED,
                "evidence_url": url,
                "evidence_title": source.get("title", ""),
                "evidence_date": source.get("date"),
                "verified_by": editor if vetted_on else None,
                "dated": vetted_on or today,
            },
        )


def demo_summaries() -> dict[str, dict[str, str]]:
    """``{tool name: {language: summary}}`` (fixtures/summaries.yaml)."""
    data: dict[str, dict[str, str]] = yaml.safe_load(
        (FIXTURES / "summaries.yaml").read_text(encoding="utf-8")
    )
    return data


def _translations_merge(tool: Tool, *, field: str, texts: dict[str, str]) -> None:
    """Put the demo's translations of ``field`` in, keeping every other one."""
    translations = {k: dict(v) for k, v in (tool.translations or {}).items()}
    for language, text in texts.items():
        translations.setdefault(language, {})[field] = text
    if translations != tool.translations:
        tool.translations = translations
        tool.save(update_fields=["translations"])


@transaction.atomic
def load_demo_catalogue() -> LoadResult:
    """Load (or refresh) the demo catalogue; the curated vocabulary first.

    Raises ``UnmappedValueError`` naming any value of the sheet that the
    mapping does not place, before anything is saved.
    """
    rows = sheet_rows()
    mapped = {row["name"]: map_row(row) for row in rows}  # fails early, nothing saved
    vocabulary_sync(models=TERM_MODELS, tool_model=Tool)
    descriptions: dict[str, str] = json.loads(
        (FIXTURES / "descriptions.json").read_text(encoding="utf-8")
    )
    facts = demo_facts()
    summaries = demo_summaries()
    editor = User.objects.filter(email=DEMO_EDITOR_EMAIL).first()
    today = timezone.localdate()
    stages = {s.key: s for s in Stage.objects.all()}
    created = vetted = 0
    provider_ids: set[int] = set()
    for row in rows:
        # Several tools share a provider, and the loader runs again: reuse the
        # demo's own row (trusted data, never what someone typed).
        provider = Provider.objects.filter(
            name=row["provider"], is_demo=True
        ).first() or provider_create(
            actor=None,
            name=row["provider"],
            website="",
            country=COUNTRIES.get(certain(row["provider_country"]), ""),
            provider_type=PROVIDER_TYPES.get(
                row["provider_type"].strip(), Provider.Type.COMPANY
            ),
            is_demo=True,
        )
        provider_ids.add(provider.pk)
        description = descriptions[row["name"]]
        cost = cost_of(row["cost_model"])
        terms = mapped[row["name"]]
        deployments = _terms(DeploymentMode, terms.deployments)
        vetting = facts["vetting"].get(row["name"])
        vetted_on = today - timedelta(days=vetting["days_ago"]) if vetting else None
        vetted += bool(vetted_on)
        all_text = " ".join([row["capabilities"], row["deployment"], row["cost_model"]])
        tool, was_created = Tool.objects.update_or_create(
            slug=slugify(row["name"])[:200],
            defaults={
                "name": row["name"],
                "provider": provider,
                "summary": first_sentence(description),
                "description": description,
                "website": row["website"].strip(),
                "deployment_notes": as_note(row["deployment"]),
                "data_leaves_premises": data_leaves_of(deployments),
                "cost_model": cost,
                "cost_notes": as_note(row["cost_model"]),
                "maturity": maturity_of(cost, row["cost_model"]),
                "sources": [s.strip() for s in row["sources"].split(";") if s.strip()],
                "status": Tool.Status.PUBLISHED,
                "last_vetted_on": vetted_on,
                "is_demo": True,
            },
        )
        created += was_created
        if row["name"] in summaries:
            _translations_merge(tool, field="summary", texts=summaries[row["name"]])
        tool.stages.set(
            [
                stages[k]
                for k in (certain(s) for s in row["stages"].split(";"))
                if k in stages
            ]
        )
        tool.capabilities.set(_terms(Capability, terms.capabilities))
        tool.data_types.set(_terms(DataType, terms.data_types))
        tool.deployments.set(deployments)
        tool.integrations.set(_terms(Integration, integrations_in(all_text)))
        tool.languages.set(
            _terms(SupportedLanguage, facts["languages"].get(row["name"], []))
        )
        _claims_seed(
            tool=tool,
            evidence=facts["evidence"],
            vetted_on=vetted_on,
            editor=editor,
            today=today,
        )
        tool_search_index_update(tool=tool)
    return LoadResult(
        tools=len(rows), providers=len(provider_ids), created=created, vetted=vetted
    )
