"""This app's figures for the landing page and the staff dashboard (hub.dashboard
gathers every app's figures.py)."""

from collections.abc import Callable
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from core.charts import ChartRows
from learning_centre.selectors import stage_list
from tools_catalog.models import Capability, Provider, Tool


def tools_by_stage() -> ChartRows:
    published = Tool.objects.published().values("pk")
    stages = stage_list().annotate(
        n=Count("tools", filter=Q(tools__in=published), distinct=True)
    )
    return [(stage.local_name, stage.n) for stage in stages]


def tools_by_capability() -> ChartRows:
    published = Tool.objects.published().values("pk")
    rows = (
        Capability.objects.annotate(
            n=Count("tools", filter=Q(tools__in=published), distinct=True)
        )
        .filter(n__gt=0)
        .order_by("-n", "name")[:15]
    )
    return [(row.name, row.n) for row in rows]


def published_tool_count() -> int:
    return Tool.objects.published().count()


def provider_with_published_tool_count() -> int:
    return (
        Provider.objects.filter(pk__in=Tool.objects.published().values("provider"))
        .distinct()
        .count()
    )


DASHBOARD_CHARTS: list[tuple[str, Any, Callable[[], ChartRows]]] = [
    ("tools-stage", _("Published tools by workflow stage"), tools_by_stage),
    ("tools-capability", _("Published tools by capability"), tools_by_capability),
]
DASHBOARD_FIGURES: dict[str, Callable[[], Any]] = {}
PUBLIC_FIGURES: dict[str, Callable[[], Any]] = {
    "tools": published_tool_count,
    "providers": provider_with_published_tool_count,
}
