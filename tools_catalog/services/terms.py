"""The curated vocabulary: merging terms, loading the vocabulary."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import audit_event_record
from tools_catalog.audit import CatalogueAction
from tools_catalog.cache import catalogue_changed, tools_touch
from tools_catalog.models import (
    OPEN_REVISION_STATUSES,
    Capability,
    DataType,
    DeploymentMode,
    Integration,
    ListingRevision,
    SupportedLanguage,
    Tool,
)
from tools_catalog.services.errors import TermMergeError
from tools_catalog.vocabulary import vocabulary_sync

# --- Vocabulary (editors) ------------------------------------------------------

TERM_MODELS: dict[str, type[models.Model]] = {
    # Tool field -> term model: the facets whose terms editors curate.
    "capabilities": Capability,
    "data_types": DataType,
    "deployments": DeploymentMode,
    "integrations": Integration,
    "languages": SupportedLanguage,
}


def _term_field(model: type[models.Model]) -> str:
    for field_name, term_model in TERM_MODELS.items():
        if term_model is model:
            return field_name
    raise TermMergeError(_("Only vocabulary terms can be merged."))


@transaction.atomic
def term_merge(*, actor: User, source: Any, target: Any) -> int:
    """Merge ``source`` into ``target``: its tools move over, open listing
    revisions that propose it propose ``target`` instead, and ``source`` is
    deleted. Returns the number of tools moved. Audited.
    """
    if type(source) is not type(target):
        raise TermMergeError(_("A term can only be merged into a term of its kind."))
    if source.pk == target.pk:
        raise TermMergeError(_("A term cannot be merged into itself."))
    field_name = _term_field(type(source))
    model = type(source)
    locked = {
        t.pk: t
        for t in model._default_manager.select_for_update().filter(
            pk__in=[source.pk, target.pk]
        )
    }
    if len(locked) != 2:
        raise TermMergeError(_("One of these terms no longer exists."))
    source, target = locked[source.pk], locked[target.pk]
    through = getattr(Tool, field_name).through
    term_column = through._meta.get_field(model._meta.model_name or "").name
    tool_ids = set(
        through.objects.filter(**{term_column: source}).values_list(
            "tool_id", flat=True
        )
    )
    already = set(
        through.objects.filter(
            **{term_column: target, "tool_id__in": tool_ids}
        ).values_list("tool_id", flat=True)
    )
    through.objects.bulk_create(
        [through(tool_id=t, **{term_column: target}) for t in tool_ids - already]
    )
    through.objects.filter(**{term_column: source}).delete()
    revisions = []
    for revision in ListingRevision.objects.select_for_update().filter(
        status__in=OPEN_REVISION_STATUSES
    ):
        slugs = revision.proposed.get(field_name)
        if isinstance(slugs, list) and source.slug in slugs:
            revision.proposed[field_name] = sorted(
                {target.slug if s == source.slug else s for s in slugs}
            )
            revision.save(update_fields=["proposed"])
            revisions.append(revision.pk)
    before = {"slug": source.slug, "name": source.name, "tools": sorted(tool_ids)}
    model._default_manager.filter(pk=source.pk).delete()
    # The browse page's caches (and facet counts) key on the tools' updated_at.
    if tool_ids:
        tools_touch(Tool.objects.filter(pk__in=tool_ids))
    catalogue_changed()  # the facet vocabulary lost an option
    audit_event_record(
        actor=actor,
        action=CatalogueAction.TERM_MERGED,
        target=target,
        before=before,
        after={
            "slug": target.slug,
            "name": target.name,
            "kind": model._meta.model_name,
            "revisions": revisions,
        },
    )
    return len(tool_ids)


def vocabulary_load() -> Any:
    """Create or update the curated terms from fixtures/vocabulary.yaml (a
    deployment step: ``manage.py sync_vocabulary``); the catalogue's caches
    are forgotten when anything changed."""
    with transaction.atomic():
        result = vocabulary_sync(models=TERM_MODELS, tool_model=Tool)
        if result.created or result.updated or result.merged:
            tools_touch(Tool.objects.all())
            catalogue_changed()
    return result
