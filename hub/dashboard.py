"""Figures for the staff dashboard, and their charts drawn as accessible SVG.

Other apps' figures come from their selectors (contracts #1-#3), imported
lazily: a figure whose app is missing is left out rather than breaking the page.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django_countries import countries

logger = logging.getLogger(__name__)

BAR_HEIGHT = 22
BAR_GAP = 8
LABEL_WIDTH = 190
CHART_WIDTH = 560


@dataclass
class Bar:
    label: str
    value: int
    y: int = 0
    width: int = 0
    text_y: int = 0


@dataclass
class Chart:
    """One horizontal bar chart: the SVG geometry and the same data for a table."""

    slug: str
    title: str
    description: str
    bars: list[Bar] = field(default_factory=list)
    height: int = 0
    label_width: int = LABEL_WIDTH
    width: int = CHART_WIDTH
    value_x: int = 0

    def layout(self) -> "Chart":
        biggest = max((bar.value for bar in self.bars), default=0) or 1
        room = self.width - self.label_width - 60
        for index, bar in enumerate(self.bars):
            bar.y = index * (BAR_HEIGHT + BAR_GAP)
            bar.width = max(1, round(room * bar.value / biggest)) if bar.value else 0
            bar.text_y = bar.y + BAR_HEIGHT - 6
        self.height = max(1, len(self.bars)) * (BAR_HEIGHT + BAR_GAP)
        return self


def _chart(slug: str, title: str, rows: list[tuple[str, int]]) -> Chart:
    description = "; ".join(f"{label}: {value}" for label, value in rows) or _(
        "No data yet."
    )
    return Chart(
        slug=slug,
        title=title,
        description=description,
        bars=[Bar(label=label, value=value) for label, value in rows],
    ).layout()


def _safely(name: str, compute: Callable[[], Any]) -> Any:
    try:
        return compute()
    except (ImportError, LookupError, AttributeError) as error:
        logger.warning("dashboard: %s unavailable: %s", name, error)
        return None


def _members_by_country() -> list[tuple[str, int]]:
    from onboarding.selectors import member_counts_by_country

    return [
        (countries.name(code) or code, n) for code, n in member_counts_by_country()[:15]
    ]


def _members_by_agency_type() -> list[tuple[str, int]]:
    from onboarding.models import Application
    from onboarding.selectors import member_counts_by_agency_type

    labels = dict(Application.AgencyType.choices)
    return [
        (str(labels.get(kind, kind)), n) for kind, n in member_counts_by_agency_type()
    ]


def _applications_by_status() -> list[tuple[str, int]]:
    from onboarding.models import Application
    from onboarding.selectors import application_counts_by_status

    labels = dict(Application.Status.choices)
    return [
        (str(labels.get(s, s)), n) for s, n in application_counts_by_status().items()
    ]


def _median_decision_time() -> timedelta | None:
    from onboarding.selectors import median_decision_time

    return median_decision_time()


def _tools_by_stage() -> list[tuple[str, int]]:
    from learning_centre.models import Stage
    from tools_catalog.models import Tool

    published = Tool.objects.published().values("pk")
    stages = Stage.objects.annotate(
        n=Count("tools", filter=Q(tools__in=published), distinct=True)
    ).order_by("position")
    return [(stage.local_name, stage.n) for stage in stages]


def _tools_by_capability() -> list[tuple[str, int]]:
    from tools_catalog.models import Capability, Tool

    published = Tool.objects.published().values("pk")
    rows = (
        Capability.objects.annotate(
            n=Count("tools", filter=Q(tools__in=published), distinct=True)
        )
        .filter(n__gt=0)
        .order_by("-n", "name")[:15]
    )
    return [(row.name, row.n) for row in rows]


def _event_attendance() -> list[tuple[str, int]]:
    """Marked attendance of recent past events (registrations where none is marked)."""
    from community.models import Event
    from community.services.events import attendance_by_event

    recent = Event.objects.past().order_by("-starts_at")
    return [
        (event.title, n) for event, n in attendance_by_event(events=recent, limit=10)
    ]


def dashboard_figures() -> dict[str, Any]:
    """Every chart the dashboard shows; a missing source leaves its chart out."""
    sources: list[tuple[str, str, Callable[[], list[tuple[str, int]]]]] = [
        ("members-country", _("Members by country"), _members_by_country),
        ("members-agency", _("Members by agency type"), _members_by_agency_type),
        ("applications-status", _("Applications by status"), _applications_by_status),
        ("tools-stage", _("Published tools by workflow stage"), _tools_by_stage),
        ("tools-capability", _("Published tools by capability"), _tools_by_capability),
        (
            "event-attendance",
            _("Attendance at recent past events"),
            _event_attendance,
        ),
    ]
    charts = []
    for slug, title, compute in sources:
        rows = _safely(slug, compute)
        if rows is not None:
            charts.append(_chart(slug, title, rows))
    attendance = _safely("attendance", _attendance_totals) or {}
    return {
        "charts": charts,
        "median_decision_time": _safely("median", _median_decision_time),
        "attendance": attendance,
    }


def _attendance_totals() -> dict[str, int]:
    from community.services.events import attendance_counts

    return attendance_counts()
