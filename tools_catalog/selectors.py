"""Reads of the catalogue: visibility rules, annotations, facet counts."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextChoices,
    TextField,
    Value,
    When,
)
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.db.models.functions import Cast, Coalesce, NullIf
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from accounts.models import User
from accounts.roles import Perm
from learning_centre.models import Stage
from tools_catalog import conf
from tools_catalog.models import (
    OPEN_REVISION_STATUSES,
    Adoption,
    Capability,
    CapabilityGroup,
    DataType,
    DeploymentMode,
    Disclosure,
    Integration,
    ListingRevision,
    Provider,
    Question,
    Review,
    Shortlist,
    ShortlistItem,
    SupportedLanguage,
    Tool,
    ToolClaim,
)
from tools_catalog.names import provider_name_fold, provider_name_key
from tools_catalog.versioning import catalogue_version_get

# --- Contract #1 -------------------------------------------------------------


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


def tool_get(*, user: User, slug: str) -> Tool:
    """A published tool, with everything its page shows; 404 otherwise."""
    tool = (
        Tool.objects.published()
        .select_related("provider")
        .prefetch_related(
            "stages", Prefetch("claims", queryset=_claims_with_evidence())
        )
        .filter(slug=slug)
        .first()
    )
    if tool is None:
        raise Http404
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
    from onboarding.models import Application

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


# --- Shortlists (private to their owner) -------------------------------------


def shortlist_list(*, user: User) -> QuerySet[Shortlist]:
    return (
        Shortlist.objects.filter(owner=user).annotate(n=Count("items")).order_by("name")
    )


def shortlist_get(*, user: User, pk: int) -> Shortlist:
    shortlist = Shortlist.objects.filter(owner=user, pk=pk).first()
    if shortlist is None:
        raise Http404
    return shortlist


def shortlist_items(*, shortlist: Shortlist) -> QuerySet[ShortlistItem]:
    return shortlist.items.select_related("tool", "tool__provider").order_by(
        "tool__name"
    )


def shortlist_item_get(*, user: User, pk: int) -> ShortlistItem:
    item = (
        ShortlistItem.objects.filter(pk=pk, shortlist__owner=user)
        .select_related("tool", "shortlist")
        .first()
    )
    if item is None:
        raise Http404
    return item


# --- Providers (object-level: only their own organisations) ------------------


def provider_list_for_user(*, user: User) -> QuerySet[Provider]:
    return Provider.objects.filter(representatives=user).order_by("name")


def _providers_named_alike(name: str) -> list[Provider]:
    key = provider_name_key(name)
    same = Q(name__iexact=name.strip())
    if key:
        same |= Q(name_key=key)
    return list(
        Provider.objects.filter(same)
        .annotate(representative_count=Count("representatives"))
        .order_by("name", "pk")
    )


def provider_named(*, name: str) -> Provider | None:
    """The organisation called ``name`` (any case, width or outer spacing), or
    None; annotated with ``representative_count``."""
    folded = provider_name_fold(name)
    if not folded:
        return None
    for provider in _providers_named_alike(name):
        if provider_name_fold(provider.name) == folded:
            return provider
    return None


def provider_lookalike_list(*, name: str) -> list[Provider]:
    """Organisations whose names look like ``name`` without being it ("Th0rn",
    "Thorn, Inc." and one with a Cyrillic o all look like "Thorn")."""
    folded = provider_name_fold(name)
    if not folded:
        return []
    return [
        provider
        for provider in _providers_named_alike(name)
        if provider_name_fold(provider.name) != folded
    ]


class ListingState(TextChoices):
    """Where a listing stands for its provider, from the tool and its open revision."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    ARCHIVED = "archived", _("Archived")


def listing_state(*, tool_status: str, revision_status: str | None) -> ListingState:
    """A published listing with changes waiting says so: the state follows the
    latest open revision (``revision_status``), not only the live listing."""
    if tool_status == Tool.Status.PUBLISHED:
        by_revision: dict[str, ListingState] = {
            ListingRevision.Status.SUBMITTED: ListingState.IN_REVIEW,
            ListingRevision.Status.CHANGES_REQUESTED: ListingState.CHANGES_REQUESTED,
        }
        return by_revision.get(revision_status or "", ListingState.PUBLISHED)
    by_tool: dict[str, ListingState] = {
        Tool.Status.DRAFT: ListingState.DRAFT,
        Tool.Status.SUBMITTED: ListingState.IN_REVIEW,
        Tool.Status.CHANGES_REQUESTED: ListingState.CHANGES_REQUESTED,
        Tool.Status.REJECTED: ListingState.REJECTED,
        Tool.Status.ARCHIVED: ListingState.ARCHIVED,
    }
    return by_tool.get(tool_status, ListingState.DRAFT)


def _open_revision_status() -> Subquery:
    return Subquery(
        ListingRevision.objects.filter(
            tool=OuterRef("pk"), status__in=OPEN_REVISION_STATUSES
        )
        .order_by("-created_at")
        .values("status")[:1]
    )


def provider_tools(*, user: User) -> QuerySet[Tool]:
    """Every listing of the user's organisations, in any status, with the status
    of its open revision (``open_revision_status``, None without one)."""
    return (
        Tool.objects.filter(provider__representatives=user)
        .select_related("provider")
        .annotate(open_revision_status=_open_revision_status())
        .order_by("provider__name", "name")
    )


def provider_tool_open_revision(*, tool: Tool) -> ListingRevision | None:
    """The changes proposed to a published listing that are not decided for good."""
    return (
        tool.revisions.filter(status__in=OPEN_REVISION_STATUSES)
        .order_by("-created_at")
        .first()
    )


def listing_latest_comment(*, tool: Tool) -> ListingRevision | None:
    """The editor's latest decision that came with a comment, for the provider."""
    return (
        tool.revisions.exclude(editor_comment="")
        .filter(decided_at__isnull=False)
        .order_by("-decided_at", "-pk")
        .first()
    )


def provider_tool_get(*, user: User, pk: int) -> Tool:
    """One of the user's organisation's listings; 404 for anyone else's."""
    tool = (
        Tool.objects.filter(pk=pk, provider__representatives=user)
        .select_related("provider")
        .prefetch_related(
            "stages",
            "capabilities",
            "data_types",
            "deployments",
            "integrations",
            "languages",
        )
        .first()
    )
    if tool is None:
        raise Http404
    return tool


def provider_tool_revisions(*, tool: Tool) -> QuerySet[ListingRevision]:
    return tool.revisions.order_by("-created_at")


def provider_questions(*, user: User) -> QuerySet[Question]:
    """Questions about the user's organisations' tools; the asker is never loaded."""
    return (
        Question.objects.filter(tool__provider__representatives=user)
        .select_related("tool")
        .only("pk", "text", "answer", "answered_at", "created_at", "tool__name")
        .order_by("answered_at", "-created_at")
    )


def provider_question_get(*, user: User, pk: int) -> Question:
    question = Question.objects.filter(
        pk=pk, tool__provider__representatives=user
    ).first()
    if question is None:
        raise Http404
    return question


def provider_reviews(*, user: User) -> QuerySet[Review]:
    """Review texts of the user's tools; the author is never loaded."""
    return (
        Review.objects.filter(
            tool__provider__representatives=user, hidden=False, pending=False
        )
        .select_related("tool")
        .only("pk", "rating", "text", "updated_at", "tool__name")
    )


# --- Editors -----------------------------------------------------------------


def review_queue_tools() -> QuerySet[Tool]:
    return (
        Tool.objects.filter(status=Tool.Status.SUBMITTED)
        .select_related("provider")
        .order_by("updated_at")
    )


def review_queue_revisions() -> QuerySet[ListingRevision]:
    return (
        ListingRevision.objects.filter(status=ListingRevision.Status.SUBMITTED)
        .select_related("tool", "tool__provider")
        .order_by("submitted_at")
    )


def review_tool_get(*, pk: int) -> Tool:
    tool = Tool.objects.filter(pk=pk).select_related("provider").first()
    if tool is None:
        raise Http404
    return tool


def review_for_moderation_get(*, pk: int) -> Review:
    """Any review, hidden or not, of any listing: for moderators only."""
    review = Review.objects.filter(pk=pk).select_related("tool").first()
    if review is None:
        raise Http404
    return review


# The listing's choice fields, whose stored codes (``not_disclosed``) the
# editor's diff and the provider's read-only page show by their labels.
LISTING_CHOICE_FIELDS = ("data_leaves_premises", "cost_model", "maturity")
LISTING_TERM_MODELS: dict[str, tuple[Any, str]] = {
    # listing field: (model, key stored in the listing's JSON)
    "stages": (Stage, "key"),
    "capabilities": (Capability, "slug"),
    "data_types": (DataType, "slug"),
    "deployments": (DeploymentMode, "slug"),
    "integrations": (Integration, "slug"),
    "languages": (SupportedLanguage, "slug"),
}


def _term_label(term: Any) -> str:
    return str(getattr(term, "local_name", None) or term.name)


def listing_values_labelled(values: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Listing values (``services.tool_snapshot`` or a revision's ``proposed``)
    as the viewer reads them, in their language: choice codes by their labels,
    stage keys and term slugs by their names (joined with commas), text as is.

    One query per term field present, for all the dicts together. A code that no
    longer exists (a term merged away) is shown as stored.
    """
    wanted: dict[str, set[str]] = {}
    for data in values:
        for field_name in LISTING_TERM_MODELS:
            if isinstance(data.get(field_name), list):
                wanted.setdefault(field_name, set()).update(data[field_name])
    # field: {stored key: (position in the model's order, label)}
    names: dict[str, dict[str, tuple[int, str]]] = {}
    for field_name, keys in wanted.items():
        model, key = LISTING_TERM_MODELS[field_name]
        terms = model.objects.filter(**{f"{key}__in": keys}) if keys else []
        names[field_name] = {
            getattr(t, key): (i, _term_label(t)) for i, t in enumerate(terms)
        }
    choices = {
        name: {k: str(label) for k, label in getattr(Tool, name).field.choices or []}
        for name in LISTING_CHOICE_FIELDS
    }
    out = []
    for data in values:
        shown: dict[str, str] = {}
        for field_name, value in data.items():
            if field_name in LISTING_TERM_MODELS:
                known = names.get(field_name, {})
                found = sorted(known.get(v, (len(known), v)) for v in value or [])
                shown[field_name] = ", ".join(label for _i, label in found)
            elif field_name in choices:
                shown[field_name] = choices[field_name].get(value, value or "")
            else:
                shown[field_name] = "" if value is None else str(value)
        out.append(shown)
    return out


def listing_latest_decision(*, tool: Tool) -> ListingRevision | None:
    """The latest editor's decision on the listing, with who took it."""
    return (
        tool.revisions.filter(decided_by__isnull=False, decided_at__isnull=False)
        .select_related("decided_by")
        .order_by("-decided_at", "-pk")
        .first()
    )


def review_moderation_queue() -> QuerySet[Review]:
    """Reviews waiting for a moderator (members' first reviews), oldest first.

    Moderators see what members would see: agency type and country
    (``reviewers_describe``), the name only where the author chose to show it."""
    return (
        Review.objects.filter(pending=True, hidden=False)
        .select_related("tool", "author")
        .order_by("created_at", "pk")
    )


def review_revision_get(*, pk: int) -> ListingRevision:
    revision = (
        ListingRevision.objects.filter(pk=pk)
        .select_related("tool", "tool__provider", "decided_by")
        .first()
    )
    if revision is None:
        raise Http404
    return revision


def user_can_edit_catalogue(*, user: User) -> bool:
    return user.has_perm(Perm.EDIT_CATALOGUE)


# --- Browse: filters, search, facets -----------------------------------------

M2M_FACETS: dict[str, tuple[Any, str, str]] = {
    # facet: (term model, through field name on the Tool, term key field)
    "stage": (Stage, "stages", "key"),
    "capability": (Capability, "capabilities", "slug"),
    "data_type": (DataType, "data_types", "slug"),
    "deployment": (DeploymentMode, "deployments", "slug"),
    "language": (SupportedLanguage, "languages", "slug"),
}
CHOICE_FACETS: dict[str, tuple[str, list[tuple[str, Any]]]] = {
    # facet: (tool field, choices)
    "data_leaves": ("data_leaves_premises", list(Disclosure.choices)),
    "cost": ("cost_model", list(Tool.Cost.choices)),
    "maturity": ("maturity", list(Tool.Maturity.choices)),
    "country": ("provider__country", []),  # filled from the vocabulary
}
FACET_LABELS = {
    "stage": _("Workflow stage"),
    "capability": _("Capability"),
    "data_type": _("Data type"),
    "deployment": _("Deployment"),
    "data_leaves": _("Data leaves the premises"),
    "cost": _("Cost for law enforcement"),
    "language": _("Language"),
    "country": _("Provider country"),
    "maturity": _("Maturity"),
}
FACET_ORDER = (
    "stage",
    "capability",
    "data_type",
    "deployment",
    "data_leaves",
    "cost",
    "language",
    "country",
    "maturity",
)
NOT_DISCLOSED = "not_disclosed"


@dataclass
class FacetOption:
    value: str
    label: str
    count: int = 0


@dataclass
class Facet:
    name: str
    options: list[FacetOption] = field(default_factory=list)


class Vocabulary(dict[str, list[tuple[str, str]]]):
    """Each facet's options as (value, label) in the active language.

    ``help``: facet -> value -> the term's one-line definition (shown beside the
    option); ``groups``: facet -> [(group label, [values])] for facets whose
    options come in groups (capabilities), in the groups' order.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help: dict[str, dict[str, str]] = {}
        self.groups: dict[str, list[tuple[str, list[str]]]] = {}


# M2M facets whose tools may state no value at all: they get a "Not disclosed"
# option that finds those tools.
UNDISCLOSED_M2M_FACETS = ("language",)


def facet_vocabulary(*, version: str = "") -> Vocabulary:
    """Every option of every facet with labels in the active language.

    With ``version`` (``catalogue_fingerprint()``) the result is cached under it,
    so a catalogue change is seen at once; otherwise one query (a UNION).
    """
    if not version:
        return _facet_vocabulary()
    key = _cache_key("catalogue-vocabulary", version, get_language() or "")
    vocabulary = cache.get(key)
    if vocabulary is None:
        vocabulary = _facet_vocabulary()
        cache.set(key, vocabulary, conf.facet_cache_seconds())
    return vocabulary


def localised_sql(field_name: str, language: str) -> Any:
    """A term's field in ``language`` computed by the database, English when
    the term has no translation (``TranslatedMixin`` in SQL)."""
    if language == settings.LANGUAGE_CODE:
        return F(field_name)
    return Coalesce(
        NullIf(
            KeyTextTransform(field_name, KeyTransform(language, "translations")),
            Value(""),
        ),
        F(field_name),
        output_field=CharField(),
    )


def _facet_vocabulary() -> Vocabulary:
    """Every option of every facet, in one query (a UNION of the term tables)."""
    language = (get_language() or settings.LANGUAGE_CODE).lower()
    parts = []
    for facet, (model, _m2m, key) in M2M_FACETS.items():
        is_term = model is not Stage
        parts.append(
            model.objects.order_by()
            .annotate(
                facet=Value(facet, output_field=CharField()),
                value=F(key),
                label=localised_sql("name", language) if is_term else F("name"),
                sort=F("position") if model is Stage else Value(0),
                help=localised_sql("definition", language)
                if is_term
                else Value("", output_field=CharField()),
                grp=F("group")
                if model is Capability
                else Value("", output_field=CharField()),
            )
            .values_list("facet", "value", "label", "sort", "help", "grp")
        )
    parts.append(
        Provider.objects.order_by()
        .filter(tools__status=Tool.Status.PUBLISHED)
        .exclude(country="")
        .annotate(
            facet=Value("country", output_field=CharField()),
            value=F("country"),
            label=F("country"),
            sort=Value(0),
            help=Value("", output_field=CharField()),
            grp=Value("", output_field=CharField()),
        )
        .values_list("facet", "value", "label", "sort", "help", "grp")
        .distinct()
    )
    union = parts[0].union(*parts[1:], all=True)
    vocab: dict[str, list[tuple[str, str, int]]] = {name: [] for name in M2M_FACETS}
    vocab["country"] = []
    result = Vocabulary()
    group_of: dict[str, str] = {}
    for facet, value, label, sort, help_text, group in union:
        vocab[facet].append((value, label, sort))
        if help_text:
            result.help.setdefault(facet, {})[value] = help_text
        if group:
            group_of[value] = group
    for facet, rows in vocab.items():
        if facet == "stage":
            stages = {s.key: s for s in _stages_by_key([v for v, _l, _s in rows])}
            rows.sort(key=lambda r: r[2])
            result[facet] = [
                (v, stages[v].local_name if v in stages else lbl) for v, lbl, _s in rows
            ]
        elif facet == "country":
            result[facet] = sorted(
                {(v, str(countries.name(v)) or v) for v, _l, _s in rows},
                key=lambda r: r[1],
            )
            result[facet].append((NOT_DISCLOSED, str(_("Not disclosed"))))
        else:
            result[facet] = sorted(
                ((v, lbl) for v, lbl, _s in rows), key=lambda r: r[1].lower()
            )
            if facet in UNDISCLOSED_M2M_FACETS:
                result[facet].append((NOT_DISCLOSED, str(_("Not disclosed"))))
    # Capabilities in their groups, in the groups' order (then by label).
    order = {g.value: n for n, g in enumerate(CapabilityGroup)}
    result["capability"].sort(
        key=lambda r: (order.get(group_of.get(r[0], ""), len(order)), r[1].lower())
    )
    groups: list[tuple[str, list[str]]] = []
    for value, _label in result["capability"]:
        group = group_of.get(value, "")
        label = str(CapabilityGroup(group).label) if group in order else ""
        if not groups or groups[-1][0] != label:
            groups.append((label, []))
        groups[-1][1].append(value)
    result.groups["capability"] = groups
    for facet, (_field, choices) in CHOICE_FACETS.items():
        if facet != "country":
            result[facet] = [(v, str(label)) for v, label in choices]
    return result


_STAGE_CACHE: dict[str, Stage] = {}


def _stages_by_key(keys: Iterable[str]) -> list[Stage]:
    """Stage names for the current language; stages are data, read once per process."""
    missing = [k for k in keys if k not in _STAGE_CACHE]
    if missing:
        # Stages change rarely (a migration); the cache is cleared on restart.
        for stage in Stage.objects.filter(key__in=missing):
            _STAGE_CACHE[stage.key] = stage
    return [_STAGE_CACHE[k] for k in keys if k in _STAGE_CACHE]


def facet_q(*, facet: str, values: list[str]) -> Q:
    """The condition one facet puts on a Tool (any of its values), without joins."""
    if facet in M2M_FACETS:
        model, m2m, key = M2M_FACETS[facet]
        through = getattr(Tool, m2m).through
        term_field = through._meta.get_field(model._meta.model_name).name
        condition = Q(
            pk__in=through.objects.filter(
                **{f"{term_field}__{key}__in": values}
            ).values("tool_id")
        )
        if facet in UNDISCLOSED_M2M_FACETS and NOT_DISCLOSED in values:
            condition |= ~Q(pk__in=through.objects.values("tool_id"))
        return condition
    field_name = CHOICE_FACETS[facet][0]
    if facet == "country" and NOT_DISCLOSED in values:
        return Q(**{f"{field_name}__in": values}) | Q(**{field_name: ""})
    return Q(**{f"{field_name}__in": values})


def search_q(*, qs: QuerySet[Tool], query: str) -> QuerySet[Tool]:
    """Full-text on PostgreSQL (ranked, GIN-indexed); icontains on SQLite."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank

        search = SearchQuery(query, config="english", search_type="websearch")
        return qs.filter(search_vector=search).annotate(
            rank=SearchRank(F("search_vector"), search)
        )
    condition = Q()
    for word in query.split()[:10]:
        condition &= (
            Q(name__icontains=word)
            | Q(provider__name__icontains=word)
            | Q(summary__icontains=word)
            | Q(description__icontains=word)
        )
    return qs.filter(condition).annotate(rank=Value(1.0))


# What a result card shows: the browse query reads only these columns
# (``tools_cards_attach`` adds its stages and deployments).
CARD_FIELDS = (
    "name",
    "slug",
    "summary",
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


def _cache_key(prefix: str, *parts: Any) -> str:
    source = json.dumps(parts, sort_keys=True, default=str)
    return f"{prefix}:" + hashlib.sha256(source.encode()).hexdigest()


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
