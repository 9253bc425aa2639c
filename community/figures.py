"""This app's figures for the landing page and the staff dashboard (hub.dashboard
gathers every app's figures.py)."""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _

from community.models import Event
from community.services.events import attendance_by_event, attendance_counts
from core.charts import ChartRows


def event_attendance() -> ChartRows:
    """Marked attendance of recent past events (registrations where none is marked)."""
    recent = Event.objects.past().order_by("-starts_at")
    return [
        (event.title, n) for event, n in attendance_by_event(events=recent, limit=10)
    ]


DASHBOARD_CHARTS: list[tuple[str, Any, Callable[[], ChartRows]]] = [
    ("event-attendance", _("Attendance at recent past events"), event_attendance),
]
DASHBOARD_FIGURES: dict[str, Callable[[], Any]] = {"attendance": attendance_counts}
PUBLIC_FIGURES: dict[str, Callable[[], Any]] = {}
