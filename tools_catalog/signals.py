"""Keep the catalogue version (``selectors.catalogue_fingerprint``) honest.

The browse page caches its vocabulary, facet counts and sidebar under the
latest ``Tool.updated_at``. A provider's name and country and a term's name show
on the page without being tool fields, so saving or deleting one touches the
``updated_at`` of the tools that show it.
"""

from typing import Any

from django.db.models import Model
from django.utils import timezone

from tools_catalog.models import Tool


def provider_changed(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    Tool.objects.filter(provider_id=instance.pk).update(updated_at=timezone.now())


def term_changed(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    field_name = {
        "capability": "capabilities",
        "datatype": "data_types",
        "deploymentmode": "deployments",
        "integration": "integrations",
        "supportedlanguage": "languages",
    }[sender._meta.model_name or ""]
    tools = Tool.objects.filter(**{field_name: instance.pk}).values("pk")
    Tool.objects.filter(pk__in=tools).update(updated_at=timezone.now())
