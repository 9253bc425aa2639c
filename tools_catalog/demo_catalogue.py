"""Load the demo catalogue from fixtures/tools_factsheet.csv (a copy inside the app).

Facts ending in ``?`` are uncertain and empty or ``?`` facts were not found:
both become "not disclosed" (uncertain text is kept in the notes, marked
"unconfirmed"). Descriptions come from fixtures/descriptions.json, written for
this catalogue from the facts. Safe to run again: rows are matched by slug/name.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from learning_centre.models import Stage
from tools_catalog.models import (
    Capability,
    DataType,
    DeploymentMode,
    Disclosure,
    Integration,
    Provider,
    Tool,
    ToolClaim,
)
from tools_catalog.services import provider_create, tool_search_index_update

FIXTURES = Path(__file__).resolve().parent / "fixtures"

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
DATA_TYPES = {
    "images": (
        "Images",
        ("image", "photo", "face", "camera", "exif", "nudity", "prnu"),
    ),
    "video": ("Video", ("video",)),
    "text-chat": ("Text and chat", ("chat", "text", "nlp", "grooming", "keyword")),
    "network-data": (
        "Network data",
        ("p2p", "ip mapping", "url", "web crawling", "dark-web", "signal sharing"),
    ),
    "device-extractions": (
        "Device extractions",
        ("forensic acquisition", "artifact", "endpoint", "multi-source"),
    ),
}
DEPLOYMENTS = {
    "on-premise": (
        "On-premise",
        ("on-premise", "stand-alone local", "in-house", "self-hosted"),
    ),
    "air-gapped": ("Air-gapped", ("air-gapped", "offline")),
    "private-cloud": ("Private cloud", ("cjis-compliant",)),
    "saas": (
        "SaaS / hosted",
        (
            "cloud",
            "hosted",
            "portal",
            "web-based",
            "cdn",
            "public website",
            "shared database",
        ),
    ),
    "api": ("API", ("api",)),
    "desktop": ("Desktop", ("desktop",)),
    "mobile-app": ("Mobile app", ("mobile app",)),
    "plug-in": ("Plug-in to other software", ("plugin", "add-on", "integrated")),
    "open-source": ("Open source", ("open source",)),
}
INTEGRATIONS = {
    "project-vic": ("Project VIC / VICS", ("project vic",)),
    "caid": ("CAID", ("caid",)),
    "griffeye": ("Griffeye Analyze", ("griffeye", "analyze di pro")),
    "cellebrite": ("Cellebrite", ("cellebrite",)),
    "magnet": ("Magnet", ("magnet",)),
    "photodna": ("PhotoDNA", ("photodna",)),
    "ncmec": ("NCMEC CyberTipline", ("ncmec", "cybertip")),
    "interpol-icse": ("INTERPOL ICSE", ("icse",)),
    "xamn-ftk-adf": ("XAMN / FTK / ADF", ("xamn", "ftk")),
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


def _matching(
    text: str, table: dict[str, tuple[str, tuple[str, ...]]]
) -> list[tuple[str, str]]:
    low = text.lower()
    return [
        (slug, name)
        for slug, (name, words) in table.items()
        if any(w in low for w in words)
    ]


def _terms(model: Any, pairs: list[tuple[str, str]]) -> list:
    return [
        model.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in pairs
    ]


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


def data_leaves_of(deployment: str) -> str:
    value = certain(deployment).lower()
    if not value:
        return Disclosure.NOT_DISCLOSED
    if any(
        w in value for w in ("air-gapped", "offline", "on-premise", "stand-alone local")
    ):
        return Disclosure.NO
    if any(w in value for w in ("cloud", "hosted", "api", "cdn", "portal", "web")):
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


@transaction.atomic
def load_demo_catalogue() -> LoadResult:
    descriptions: dict[str, str] = json.loads(
        (FIXTURES / "descriptions.json").read_text(encoding="utf-8")
    )
    with (FIXTURES / "tools_factsheet.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    stages = {s.key: s for s in Stage.objects.all()}
    created = 0
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
        deployment_certain = certain(row["deployment"])
        capability_names = [certain(c) for c in row["capabilities"].split(";")]
        capability_names = [c for c in capability_names if c]
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
                "data_leaves_premises": data_leaves_of(row["deployment"]),
                "cost_model": cost,
                "cost_notes": as_note(row["cost_model"]),
                "maturity": maturity_of(cost, row["cost_model"]),
                "sources": [s.strip() for s in row["sources"].split(";") if s.strip()],
                "status": Tool.Status.PUBLISHED,
                "is_demo": True,
            },
        )
        created += was_created
        tool.stages.set(
            [
                stages[k]
                for k in (certain(s) for s in row["stages"].split(";"))
                if k in stages
            ]
        )
        tool.capabilities.set(
            _terms(Capability, [(slugify(c)[:140], c) for c in capability_names])
        )
        tool.data_types.set(
            _terms(DataType, _matching(" ".join(capability_names), DATA_TYPES))
        )
        tool.deployments.set(
            _terms(DeploymentMode, _matching(deployment_certain, DEPLOYMENTS))
        )
        tool.integrations.set(_terms(Integration, _matching(all_text, INTEGRATIONS)))
        evidence = tool.sources[0] if tool.sources else ""
        claims = []
        if "on-premise" in deployment_certain.lower():
            claims.append(ToolClaim.Kind.ON_PREMISE)
        if "air-gapped" in deployment_certain.lower():
            claims += [ToolClaim.Kind.ON_PREMISE, ToolClaim.Kind.NO_DATA_LEAVES]
        for kind in set(claims):
            ToolClaim.objects.update_or_create(
                tool=tool,
                kind=kind,
                defaults={
                    "value": Disclosure.YES,
                    "provenance": ToolClaim.Provenance.DOCUMENT_BACKED,
                    "evidence_url": evidence,
                },
            )
        tool_search_index_update(tool=tool)
    return LoadResult(tools=len(rows), providers=len(provider_ids), created=created)
