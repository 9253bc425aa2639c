"""Reads for members: the tool page, reviews and Q&A, compare and the compare tray."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Prefetch,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast
from django_countries import countries

from accounts.models import User
from learning_centre.models import Stage
from onboarding.models import Application
from tools_catalog import conf
from tools_catalog.models import (
    Adoption,
    Capability,
    DataType,
    DeploymentMode,
    Integration,
    Question,
    Review,
    SupportedLanguage,
    Tool,
    ToolClaim,
)

# --- Tools by workflow stage (read by the learning centre) ---------------


def tools_for_stage(*, stage: Stage) -> QuerySet[Tool]:
    """Published tools tagged with the stage, by name, with their provider."""
    return (
        Tool.objects.published()
        .filter(stages=stage)
        .select_related("provider")
        .order_by("name")
    )


# --- Members -----------------------------------------------------------------


def tool_list(*, user: User) -> QuerySet[Tool]:
    """Tools the user may see in the catalogue: the published ones.

    The same for every member: the browse page caches its HTML for all of them
    (``views.tool_list_view``). A rule that made it differ per user would have
    to become part of that cache key.
    """
    return Tool.objects.published().select_related("provider")


TERM_FIELDS: dict[str, Any] = {
    "capabilities": Capability,
    "data_types": DataType,
    "deployments": DeploymentMode,
    "integrations": Integration,
    "languages": SupportedLanguage,
}


def tools_terms_attach(tools: list[Tool]) -> None:
    """Fill the five term M2Ms of ``tools`` with one UNION query, not five.

    The lists go where ``prefetch_related`` would put them, so ``tool.capabilities
    .all()`` reads them without a query. Each term carries what the pages show:
    its translations, definition and (deployments) whether it runs locally.
    """
    if not tools:
        return
    ids = [t.pk for t in tools]
    parts = []
    for field_name, model in TERM_FIELDS.items():
        through = getattr(Tool, field_name).through
        term = through._meta.get_field(model._meta.model_name).name
        local = (
            Cast(F(f"{term}__runs_locally"), output_field=CharField())
            if model is DeploymentMode
            else Value("", output_field=CharField())
        )
        parts.append(
            through.objects.order_by()
            .filter(tool_id__in=ids)
            .annotate(
                facet=Value(field_name, output_field=CharField()),
                term_name=F(f"{term}__name"),
                term_slug=F(f"{term}__slug"),
                term_definition=F(f"{term}__definition"),
                term_translations=Cast(
                    F(f"{term}__translations"), output_field=TextField()
                ),
                term_local=local,
            )
            .values_list(
                "tool_id",
                "facet",
                f"{term}_id",
                "term_name",
                "term_slug",
                "term_definition",
                "term_translations",
                "term_local",
            )
        )
    found: dict[tuple[int, str], list[Any]] = {}
    rows = parts[0].union(*parts[1:], all=True)
    for tool_id, facet, term_id, name, slug, definition, trans, local in rows:
        term = TERM_FIELDS[facet](
            pk=term_id,
            name=name,
            slug=slug,
            definition=definition or "",
            translations=_json(trans),
        )
        if facet == "deployments":
            term.runs_locally = _boolean(local)
        found.setdefault((tool_id, facet), []).append(term)
    for tool in tools:
        cache = tool.__dict__.setdefault("_prefetched_objects_cache", {})
        for field_name in TERM_FIELDS:
            cache[field_name] = sorted(
                found.get((tool.pk, field_name), []),
                key=lambda t: t.local_name.lower(),
            )


def _json(value: Any) -> dict:
    """A JSON column read through a UNION (text on every database)."""
    if isinstance(value, dict):
        return value
    if not value:
        return {}
    try:
        loaded = json.loads(value)
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def _boolean(value: Any) -> bool | None:
    """A boolean cast to text: "true"/"false" on PostgreSQL, "1"/"0" on SQLite."""
    if value in (None, ""):
        return None
    return str(value).lower() in ("1", "true", "t")


def tool_get(*, user: User, slug: str) -> Tool | None:
    """A published tool, with everything its page shows; None otherwise."""
    tool = (
        Tool.objects.published()
        .select_related("provider")
        .prefetch_related(
            "stages", Prefetch("claims", queryset=_claims_with_evidence())
        )
        .filter(slug=slug)
        .first()
    )
    if tool is not None:
        tools_terms_attach([tool])
    return tool


def _claims_with_evidence() -> QuerySet[ToolClaim]:
    """Claims with the name of the staff member who verified them (only that)."""
    return (
        ToolClaim.objects.select_related("verified_by")
        .only(*CLAIM_FIELDS, "verified_by__full_name")
        .order_by("kind")
    )


CLAIM_FIELDS = (
    "tool",
    "kind",
    "value",
    "provenance",
    "evidence_url",
    "evidence_title",
    "evidence_date",
    "dated",
    "verified_by",
)


def tools_for_compare(*, slugs: list[str]) -> list[Tool]:
    """Published tools by slug, in the order asked; unknown slugs are left out."""
    tools = list(
        Tool.objects.published()
        .filter(slug__in=slugs)
        .select_related("provider")
        .prefetch_related(
            "stages", Prefetch("claims", queryset=_claims_with_evidence())
        )
    )
    tools_terms_attach(tools)
    by_slug = {tool.slug: tool for tool in tools}
    return [by_slug[s] for s in slugs if s in by_slug]


def tool_reviews(
    *, user: User, tool: Tool, include_hidden: bool = False
) -> QuerySet[Review]:
    """Visible reviews, the user's own first (hidden or waiting for a moderator
    or not), newest next; moderators (``include_hidden``) get the hidden and the
    waiting ones too, to restore or approve them."""
    reviews = tool.reviews.all()
    if not include_hidden:
        reviews = reviews.filter(Q(hidden=False, pending=False) | Q(author=user))
    return (
        reviews.select_related("author")
        .annotate(is_mine=Case(When(author=user, then=Value(1)), default=Value(0)))
        .order_by("-is_mine", "-updated_at")
    )


@dataclass
class Reviewer:
    agency_type: str = ""
    country: str = ""


def reviewers_describe(*, user_ids: Iterable[int]) -> dict[int, Reviewer]:
    """Agency type and country of each reviewer, from their approved member
    application: one query for the whole page, never their agency's name."""
    ids = set(user_ids)
    if not ids:
        return {}
    rows = (
        Application.objects.filter(
            user_id__in=ids,
            kind=Application.Kind.MEMBER,
            status=Application.Status.APPROVED,
        )
        .order_by("user_id", "-decided_at", "-pk")
        .values_list("user_id", "agency_type", "country")
    )
    found: dict[int, Reviewer] = {}
    for user_id, agency_type, country in rows:
        if user_id in found:
            continue  # the newest approved application wins
        found[user_id] = Reviewer(
            agency_type=str(Application.AgencyType(agency_type).label)
            if agency_type in Application.AgencyType.values
            else "",
            country=str(countries.name(country)) if country else "",
        )
    return found


def member_shows_name(*, user: User) -> bool:
    """Whether the member already shows their name to other members (their
    account's "Show my name to other members", ``User.show_name``): a new review
    then offers to show it too, ticked. Otherwise it is unticked; the member
    decides on every review."""
    return bool(user.show_name)


def tool_questions(*, tool: Tool) -> QuerySet[Question]:
    return tool.questions.all()


def tool_related(*, tool: Tool, limit: int = 5) -> list[Tool]:
    """Published tools sharing a stage and a capability, most shared first."""
    stage_ids = [s.pk for s in tool.stages.all()]
    capability_ids = [c.pk for c in tool.capabilities.all()]
    if not stage_ids or not capability_ids:
        return []
    return list(
        Tool.objects.published()
        .exclude(pk=tool.pk)
        .filter(
            pk__in=Tool.stages.through.objects.filter(stage_id__in=stage_ids).values(
                "tool_id"
            )
        )
        .filter(
            pk__in=Tool.capabilities.through.objects.filter(
                capability_id__in=capability_ids
            ).values("tool_id")
        )
        .select_related("provider")
        .order_by("name")[:limit]
    )


@dataclass
class AdoptionBucket:
    status: str
    label: str
    shown: str  # "5+" or "" when below the minimum


def tool_adoption_buckets(
    *, user: User, tool: Tool
) -> tuple[list[AdoptionBucket], str]:
    """Adoption counts by status, shown only as "N+" above the minimum, never who;
    and the user's own status ("" for none), from the same query."""
    minimum = conf.adoption_minimum()
    rows = (
        Adoption.objects.filter(tool=tool)
        .values("status")
        .annotate(n=Count("pk"), mine=Count("pk", filter=Q(member=user)))
        .order_by()
    )
    counts, own = {}, ""
    for row in rows:
        counts[row["status"]] = row["n"]
        if row["mine"]:
            own = row["status"]
    buckets = []
    for status in Adoption.Status:
        n = counts.get(status.value, 0)
        if n >= minimum:
            floor = (n // minimum) * minimum
            buckets.append(AdoptionBucket(status, str(status.label), f"{floor}+"))
    return buckets, own


def member_adoption(*, user: User, tool: Tool) -> Adoption | None:
    return Adoption.objects.filter(tool=tool, member=user).first()


def member_review(*, user: User, tool: Tool) -> Review | None:
    return Review.objects.filter(tool=tool, author=user).first()


def tools_for_tray(*, ids: list[int]) -> tuple[list[Tool], list[Tool]]:
    """The compare tray's tools, in the tray's order, in one query: the
    published ones, and the ones withdrawn, archived or sent back meanwhile
    (deleted ones are simply gone)."""
    if not ids:
        return [], []
    found = {
        t.pk: t
        for t in Tool.objects.filter(pk__in=ids).only("pk", "name", "slug", "status")
    }
    tools = [found[pk] for pk in ids if pk in found]
    published = [t for t in tools if t.status == Tool.Status.PUBLISHED]
    gone = [t for t in tools if t.status != Tool.Status.PUBLISHED]
    return published, gone
