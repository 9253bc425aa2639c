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
    member_counts_by_agency_type,
    member_counts_by_country,
)


def members_by_country() -> ChartRows:
    return [
        (countries.name(code) or code, n) for code, n in member_counts_by_country()[:15]
    ]


def members_by_agency_type() -> ChartRows:
    labels = dict(Application.AgencyType.choices)
    return [
        (str(labels.get(kind, kind)), n) for kind, n in member_counts_by_agency_type()
    ]


def applications_by_status() -> ChartRows:
    labels = dict(Application.Status.choices)
    return [
        (str(labels.get(s, s)), n) for s, n in application_counts_by_status().items()
    ]


def member_country_count() -> int:
    return len([code for code, n in member_counts_by_country() if code and n])


DASHBOARD_CHARTS: list[tuple[str, Any, Callable[[], ChartRows]]] = [
    ("members-country", _("Members by country"), members_by_country),
    ("members-agency", _("Members by agency type"), members_by_agency_type),
    ("applications-status", _("Applications by status"), applications_by_status),
]
DASHBOARD_FIGURES: dict[str, Callable[[], Any]] = {
    "median_decision_time": median_decision_time,
}
PUBLIC_FIGURES: dict[str, Callable[[], Any]] = {"countries": member_country_count}
