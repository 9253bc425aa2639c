"""The staff dashboard's figures and charts, gathered from the apps.

Each app that has figures declares them in ``<app>/figures.py`` (read through its
own selectors)::

    DASHBOARD_CHARTS = [("<slug>", _("Title"), rows_function)]   # -> [(label, n)]
    DASHBOARD_FIGURES = {"<name>": function}                      # in the template
    PUBLIC_FIGURES = {"<name>": function}                         # the landing page

``hub`` only iterates over them (``core.discovery``), in INSTALLED_APPS order, and
names no app. The charts are drawn as accessible SVG with ``core.charts``.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from core.charts import CHART_WIDTH, Bar, bar_chart
from core.discovery import app_modules


@dataclass
class Chart:
    """One horizontal bar chart: the SVG geometry and the same data for a table."""

    slug: str
    title: str
    description: str
    bars: list[Bar] = field(default_factory=list)
    height: int = 0
    width: int = CHART_WIDTH


def chart_build(slug: str, title: str, rows: list[tuple[str, int]]) -> Chart:
    description = "; ".join(f"{label}: {value}" for label, value in rows) or _(
        "No data yet."
    )
    biggest = max((value for _label, value in rows), default=0)
    bars, height = bar_chart(rows, maximum=biggest)
    return Chart(
        slug=slug, title=title, description=description, bars=bars, height=height
    )


def dashboard_figures() -> dict[str, Any]:
    """Every chart and figure the apps declare for the dashboard."""
    charts: list[Chart] = []
    figures: dict[str, Any] = {}
    for _app_config, module in app_modules("figures"):
        for slug, title, rows in module.DASHBOARD_CHARTS:
            charts.append(chart_build(slug, str(title), rows()))
        figures.update(
            {name: compute() for name, compute in module.DASHBOARD_FIGURES.items()}
        )
    return {"charts": charts, **figures}
