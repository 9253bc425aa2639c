"""This app's figures for the landing page and the staff dashboard (hub.dashboard
gathers every app's figures.py)."""

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _
from django_countries import countries

from core.charts import ChartRows
from onboarding.models import Application
from onboarding.selectors import (
    application_counts_by_status,
    median_decision_time,
    member_country_count,
    member_counts_by_agency_type,
    member_counts_by_country,
)

NOT_RECORDED = _("Not recorded")


def members_by_country() -> ChartRows:
    """Every member by country: the 14 largest, then the rest as "Other countries",
    so the bars add up to the landing page's member count."""
    rows = member_counts_by_country()
    recorded = [(code, n) for code, n in rows if code]
    shown = [(str(countries.name(code) or code), n) for code, n in recorded[:14]]
    other = sum(n for _code, n in recorded[14:])
    if other:
        shown.append((str(_("Other countries")), other))
    missing = sum(n for code, n in rows if not code)
    if missing:
        shown.append((str(NOT_RECORDED), missing))
    return shown


def members_by_agency_type() -> ChartRows:
    labels = dict(Application.AgencyType.choices)
    return [
        (str(labels.get(kind, kind)) if kind else str(NOT_RECORDED), n)
        for kind, n in member_counts_by_agency_type()
    ]


def applications_by_status() -> ChartRows:
    labels = dict(Application.Status.choices)
    return [
        (str(labels.get(s, s)), n) for s, n in application_counts_by_status().items()
    ]


DASHBOARD_CHARTS: list[tuple[str, Any, Callable[[], ChartRows]]] = [
    ("members-country", _("Members by country"), members_by_country),
    ("members-agency", _("Members by agency type"), members_by_agency_type),
    ("applications-status", _("Applications by status"), applications_by_status),
]
DASHBOARD_FIGURES: dict[str, Callable[[], Any]] = {
    "median_decision_time": median_decision_time,
}
PUBLIC_FIGURES: dict[str, Callable[[], Any]] = {"countries": member_country_count}
