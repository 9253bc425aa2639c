"""This app's figures for the landing page and the staff dashboard (hub.dashboard
gathers every app's figures.py); each is one selector."""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

from core.charts import ChartRows
from tools_catalog.selectors.figures import (
    provider_with_published_tool_count,
    published_tool_count,
    published_tool_counts_by_capability,
    published_tool_counts_by_stage,
)

DASHBOARD_CHARTS: list[tuple[str, Any, Callable[[], ChartRows]]] = [
    (
        "tools-stage",
        _("Published tools by workflow stage"),
        published_tool_counts_by_stage,
    ),
    (
        "tools-capability",
        _("Published tools by capability"),
        published_tool_counts_by_capability,
    ),
]
DASHBOARD_FIGURES: dict[str, Callable[[], Any]] = {}
PUBLIC_FIGURES: dict[str, Callable[[], Any]] = {
    "tools": published_tool_count,
    "providers": provider_with_published_tool_count,
}
