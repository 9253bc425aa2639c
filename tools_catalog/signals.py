"""Keep the catalogue version (``tools_catalog.cache``) honest.

Writes that go through no catalogue service (the admin, a stage edited in the
Learning Centre) reach the browse page through these signals; services call
``tools_catalog.cache.tools_touch`` themselves.

The browse page caches its vocabulary, facet counts and the page itself under
the tools' count and latest ``updated_at``. Saving or deleting a tool forgets
the cached version; linking a tool to stages or terms touches its
``updated_at`` (which forgets it too). A provider's name and country and a term's
name show on the page without being tool fields, so saving or deleting one
touches the ``updated_at`` of the tools that show it (which forgets it too);
a term no tool uses still is a facet option, so it touches the newest tool.
"""

from typing import Any

from django.apps import apps
from django.db.models import Model, QuerySet

from tools_catalog.cache import catalogue_changed, tools_touch


def _tools() -> QuerySet[Any]:
    """All tools; the model is looked up when a signal fires, so this module
    imports no models and the app config connects it at import."""
    return apps.get_model("tools_catalog", "Tool")._default_manager.all()


def tool_changed(sender: type[Model], **kwargs: Any) -> None:
    catalogue_changed()


def tool_links_changed(
    sender: type[Model],
    instance: Model,
    action: str,
    reverse: bool,
    pk_set: set[Any] | None,
    **kwargs: Any,
) -> None:
    """A tool's stages or terms changed without a save: touch the tools, so the
    version (count and latest ``updated_at``) moves."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    tools = _tools()
    if not reverse:
        tools = tools.filter(pk=instance.pk)
    elif pk_set is not None:
        tools = tools.filter(pk__in=pk_set)
    # A term's clear() names no tools: every tool is touched (rare, admin only).
    tools_touch(tools)


def provider_changed(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    tools_touch(_tools().filter(provider_id=instance.pk))


def term_changed(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    field_name = {
        "capability": "capabilities",
        "datatype": "data_types",
        "deploymentmode": "deployments",
        "integration": "integrations",
        "supportedlanguage": "languages",
    }[sender._meta.model_name or ""]
    tools = _tools().filter(**{field_name: instance.pk}).values("pk")
    touched = tools_touch(_tools().filter(pk__in=tools))
    if not touched:
        # Every term is a facet option, used or not: a term no tool uses (new,
        # renamed or deleted) moves the version through the newest tool.
        newest = _tools().order_by("-updated_at").values("pk")[:1]
        tools_touch(_tools().filter(pk__in=newest))
