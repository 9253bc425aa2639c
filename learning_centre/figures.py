"""This app's figures for the landing page and the staff dashboard (hub.dashboard
gathers every app's figures.py)."""

from collections.abc import Callable
from typing import Any

from core.charts import ChartRows
from learning_centre.selectors import resource_count

DASHBOARD_CHARTS: list[tuple[str, Any, Callable[[], ChartRows]]] = []
DASHBOARD_FIGURES: dict[str, Callable[[], Any]] = {}
PUBLIC_FIGURES: dict[str, Callable[[], Any]] = {"resources": resource_count}
