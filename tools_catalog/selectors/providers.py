"""Reads of the provider portal (object-level: only their own organisations)."""

from __future__ import annotations

from django.db.models import (
    Count,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextChoices,
)
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from tools_catalog.models import (
    OPEN_REVISION_STATUSES,
    ListingRevision,
    Provider,
    Question,
    Review,
    Tool,
)
from tools_catalog.names import provider_name_fold, provider_name_key

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


# A listing in these states is shown read-only: no form that would refuse to save.
LISTING_READ_ONLY_STATES = (
    ListingState.IN_REVIEW,
    ListingState.REJECTED,
    ListingState.ARCHIVED,
)


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


def provider_tool_get(*, user: User, pk: int) -> Tool | None:
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


def provider_question_get(*, user: User, pk: int) -> Question | None:
    question = Question.objects.filter(
        pk=pk, tool__provider__representatives=user
    ).first()
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
