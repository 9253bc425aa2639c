""""""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import SearchVector
from django.db import connection, models, transaction
from django.db.models import TextField, Value
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import audit_event_record
from learning_centre.models import Stage
from tools_catalog.audit import CatalogueAction
from tools_catalog.cache import tools_touch
from tools_catalog.models import (
    OPEN_REVISION_STATUSES,
    Capability,
    DataType,
    DeploymentMode,
    Integration,
    ListingRevision,
    Provider,
    SupportedLanguage,
    Tool,
)
from tools_catalog.services.errors import ListingError

# Fields a provider proposes and an editor approves. M2M values are lists of
# slugs (stage keys for stages).
LISTING_TEXT_FIELDS: tuple[str, ...] = (
    "name",
    "summary",
    "description",
    "website",
    "deployment_notes",
    "data_leaves_premises",
    "cost_model",
    "cost_notes",
    "maturity",
    "human_in_the_loop",
    "bias_statement",
    "security_certifications",
    "support_contact",
)
LISTING_M2M_FIELDS: dict[str, type[models.Model]] = {
    "stages": Stage,
    "capabilities": Capability,
    "data_types": DataType,
    "deployments": DeploymentMode,
    "integrations": Integration,
    "languages": SupportedLanguage,
}


def unique_slug(
    model: type[models.Model], text: str, *, exclude_pk: int | None = None
) -> str:
    base = (slugify(text) or "item")[:200]
    slug, n = base, 2
    existing = model._default_manager.filter(slug=slug)
    while existing.exclude(pk=exclude_pk).exists():
        slug = f"{base}-{n}"
        n += 1
        existing = model._default_manager.filter(slug=slug)
    return slug


# --- Tools -------------------------------------------------------------------


def tool_search_index_update(*, tool: Tool) -> None:
    """Refresh the stored tsvector (PostgreSQL only; SQLite searches with icontains)."""
    if connection.vendor != "postgresql":
        return

    def text(value: str) -> Value:
        return Value(value or "", output_field=TextField())

    vector = (
        SearchVector(text(tool.name), weight="A", config="english")
        + SearchVector(text(tool.provider.name), weight="A", config="english")
        + SearchVector(text(tool.summary), weight="B", config="english")
        + SearchVector(text(tool.description), weight="C", config="english")
    )
    tools_touch(Tool.objects.filter(pk=tool.pk), search_vector=vector)


def tool_snapshot(*, tool: Tool) -> dict[str, Any]:
    """The listing fields of a tool as JSON-ready values."""
    data: dict[str, Any] = {
        field: getattr(tool, field) for field in LISTING_TEXT_FIELDS
    }
    if tool.pk is None:
        data.update({field: [] for field in LISTING_M2M_FIELDS})
        return data
    data["stages"] = sorted(tool.stages.values_list("key", flat=True))
    for field in list(LISTING_M2M_FIELDS)[1:]:
        data[field] = sorted(getattr(tool, field).values_list("slug", flat=True))
    return data


def tool_values_apply(*, tool: Tool, values: dict[str, Any]) -> None:
    for field in LISTING_TEXT_FIELDS:
        if field in values:
            setattr(tool, field, values[field] or "")
    tool.full_clean(exclude=["slug", "provider"])
    tool.save()
    for field, model in LISTING_M2M_FIELDS.items():
        if field not in values:
            continue
        key = "key" if model is Stage else "slug"
        objects = model._default_manager.filter(**{f"{key}__in": values[field] or []})
        getattr(tool, field).set(objects)
    tool_search_index_update(tool=tool)


def listing_values_from_form(cleaned: dict[str, Any]) -> dict[str, Any]:
    """Form cleaned_data (model instances for M2M) -> JSON-ready listing values."""
    values: dict[str, Any] = {}
    for field in LISTING_TEXT_FIELDS:
        if field in cleaned:
            values[field] = cleaned[field] or ""
    for field, model in LISTING_M2M_FIELDS.items():
        if field in cleaned:
            key = "key" if model is Stage else "slug"
            values[field] = sorted(getattr(obj, key) for obj in cleaned[field])
    return values


@transaction.atomic
def tool_draft_create(
    *, actor: User, provider: Provider, cleaned: dict[str, Any]
) -> Tool:
    """A new listing in draft; the caller checked ``actor`` represents ``provider``."""
    values = listing_values_from_form(cleaned)
    tool = Tool(provider=provider, slug=unique_slug(Tool, values["name"]))
    tool_values_apply(tool=tool, values=values)
    audit_event_record(
        actor=actor, action=CatalogueAction.TOOL_CREATED, target=tool, after=values
    )
    return tool


EDITABLE_DRAFT_STATUSES = (Tool.Status.DRAFT, Tool.Status.CHANGES_REQUESTED)


@transaction.atomic
def tool_draft_update(*, actor: User, tool: Tool, cleaned: dict[str, Any]) -> Tool:
    tool = Tool.objects.select_for_update().get(pk=tool.pk)
    if tool.status not in EDITABLE_DRAFT_STATUSES:
        raise ListingError(
            _("Only a draft, or a listing sent back for changes, can be edited.")
        )
    before = tool_snapshot(tool=tool)
    tool_values_apply(tool=tool, values=listing_values_from_form(cleaned))
    audit_event_record(
        actor=actor,
        action=CatalogueAction.TOOL_DRAFT_UPDATED,
        target=tool,
        before=before,
        after=tool_snapshot(tool=tool),
    )
    return tool


@transaction.atomic
def tool_submit(*, actor: User, tool: Tool) -> Tool:
    """Send a draft (or a listing sent back for changes) to the editors."""
    won = tools_touch(
        Tool.objects.filter(pk=tool.pk, status__in=EDITABLE_DRAFT_STATUSES),
        status=Tool.Status.SUBMITTED,
    )
    if not won:
        raise ListingError(_("This listing cannot be submitted in its current state."))
    before_status = tool.status
    tool.refresh_from_db()
    audit_event_record(
        actor=actor,
        action=CatalogueAction.TOOL_SUBMITTED,
        target=tool,
        before={"status": before_status},
        after={"status": tool.status},
    )
    return tool


ARCHIVABLE_STATUSES = (
    Tool.Status.DRAFT,
    Tool.Status.CHANGES_REQUESTED,
    Tool.Status.PUBLISHED,
    Tool.Status.REJECTED,
)


@transaction.atomic
def tool_withdraw(*, actor: User, tool: Tool) -> Tool:
    """Take a submitted listing back from the editors: it becomes a draft again."""
    won = tools_touch(
        Tool.objects.filter(pk=tool.pk, status=Tool.Status.SUBMITTED),
        status=Tool.Status.DRAFT,
    )
    if not won:
        raise ListingError(_("Only a listing waiting for review can be withdrawn."))
    tool.refresh_from_db()
    audit_event_record(
        actor=actor,
        action=CatalogueAction.TOOL_WITHDRAWN,
        target=tool,
        before={"status": Tool.Status.SUBMITTED},
        after={"status": tool.status},
    )
    return tool


@transaction.atomic
def tool_archive(*, actor: User, tool: Tool) -> Tool:
    """The provider takes their listing out of the catalogue; open revisions close.

    The caller checked that ``actor`` represents the tool's provider.
    """
    tool = Tool.objects.select_for_update().get(pk=tool.pk)
    if tool.status not in ARCHIVABLE_STATUSES:
        raise ListingError(
            _("This listing cannot be archived in its current state.")
            if tool.status != Tool.Status.ARCHIVED
            else _("This listing is already archived.")
        )
    before_status = tool.status
    closed = list(
        tool.revisions.filter(status__in=OPEN_REVISION_STATUSES).values_list(
            "pk", flat=True
        )
    )
    ListingRevision.objects.filter(pk__in=closed).update(
        status=ListingRevision.Status.WITHDRAWN, decided_at=timezone.now()
    )
    tool.status = Tool.Status.ARCHIVED
    tool.save(update_fields=["status", "updated_at"])
    audit_event_record(
        actor=actor,
        action=CatalogueAction.TOOL_ARCHIVED,
        target=tool,
        before={"status": before_status},
        after={"status": tool.status, "withdrawn_revisions": closed},
    )
    return tool
