"""Reads of the editors' queues: listings and revisions, reviews to moderate."""

from __future__ import annotations

from typing import Any

from django.db.models import (
    QuerySet,
)

from accounts.models import User
from accounts.roles import Perm
from learning_centre.models import Stage
from tools_catalog.models import (
    Capability,
    DataType,
    DeploymentMode,
    Integration,
    ListingRevision,
    Review,
    SupportedLanguage,
    Tool,
)

# --- Editors -----------------------------------------------------------------


# The listing-review queue: ``sort=<key>`` or ``sort=-<key>``, the primary key
# breaking ties; any other value sorts by the default (oldest first).
REVIEW_QUEUE_SORTS = {
    "tool": ("name", "tool__name"),
    "provider": ("provider__name", "tool__provider__name"),
    "submitted": ("updated_at", "submitted_at"),
}
REVIEW_QUEUES = ("waiting", "new", "revisions")


def review_queue_sort_parse(sort: str | None) -> tuple[str, bool]:
    """(key, descending) of a ``sort`` value; ("submitted", False) if unknown."""
    key = (sort or "").removeprefix("-")
    if key not in REVIEW_QUEUE_SORTS:
        return "submitted", False
    return key, bool(sort and sort.startswith("-"))


def _review_order(sort: str | None, which: int) -> list[str]:
    key, descending = review_queue_sort_parse(sort)
    prefix = "-" if descending else ""
    return [f"{prefix}{REVIEW_QUEUE_SORTS[key][which]}", f"{prefix}pk"]


def review_queue_tools(*, sort: str | None = None) -> QuerySet[Tool]:
    return (
        Tool.objects.filter(status=Tool.Status.SUBMITTED)
        .select_related("provider")
        .order_by(*_review_order(sort, 0))
    )


def review_queue_revisions(*, sort: str | None = None) -> QuerySet[ListingRevision]:
    return (
        ListingRevision.objects.filter(status=ListingRevision.Status.SUBMITTED)
        .select_related("tool", "tool__provider")
        .order_by(*_review_order(sort, 1))
    )


def review_queue_counts() -> dict[str, int]:
    new = review_queue_tools().count()
    revisions = review_queue_revisions().count()
    return {"waiting": new + revisions, "new": new, "revisions": revisions}


def review_tool_get(*, pk: int) -> Tool | None:
    return Tool.objects.filter(pk=pk).select_related("provider").first()


def review_for_moderation_get(*, pk: int) -> Review | None:
    """Any review, hidden or not, of any listing: for moderators only."""
    return Review.objects.filter(pk=pk).select_related("tool").first()


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


def review_revision_get(*, pk: int) -> ListingRevision | None:
    revision = (
        ListingRevision.objects.filter(pk=pk)
        .select_related("tool", "tool__provider", "decided_by")
        .first()
    )
    return revision


def user_can_edit_catalogue(*, user: User) -> bool:
    return user.has_perm(Perm.EDIT_CATALOGUE)
