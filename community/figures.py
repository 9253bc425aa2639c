"""This app's figures for the landing page and the staff dashboard (hub.dashboard
gathers every app's figures.py); each is one selector."""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

from community.selectors.events import attendance_counts, recent_past_event_attendance
from core.charts import ChartRows

DASHBOARD_CHARTS: list[tuple[str, Any, Callable[[], ChartRows]]] = [
    (
        "event-attendance",
        _("Attendance at recent past events"),
        recent_past_event_attendance,
    ),
]
DASHBOARD_FIGURES: dict[str, Callable[[], Any]] = {"attendance": attendance_counts}
PUBLIC_FIGURES: dict[str, Callable[[], Any]] = {}
