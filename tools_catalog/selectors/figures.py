"""Counts of the published catalogue, one selector per figure or chart: the
landing page and the staff dashboard read the same ones (``figures.py``)."""

from django.db.models import Count, Q

from learning_centre.selectors import stage_list
from tools_catalog.models import Capability, Provider, Tool


def published_tool_count() -> int:
    return Tool.objects.published().count()


def provider_with_published_tool_count() -> int:
    return (
        Provider.objects.filter(pk__in=Tool.objects.published().values("provider"))
        .distinct()
        .count()
    )


def published_tool_counts_by_stage() -> list[tuple[str, int]]:
    published = Tool.objects.published().values("pk")
    stages = stage_list().annotate(
        n=Count("tools", filter=Q(tools__in=published), distinct=True)
    )
    return [(stage.local_name, stage.n) for stage in stages]


def published_tool_counts_by_capability(*, limit: int = 15) -> list[tuple[str, int]]:
    published = Tool.objects.published().values("pk")
    rows = (
        Capability.objects.annotate(
            n=Count("tools", filter=Q(tools__in=published), distinct=True)
        )
        .filter(n__gt=0)
        .order_by("-n", "name")[:limit]
    )
    return [(row.local_name, row.n) for row in rows]
