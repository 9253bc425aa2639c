import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from community.services import events
from hub.dashboard import dashboard_figures
from tests.accounts.factories import UserFactory
from tests.community.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(role=Role.VERIFIER))
    return client


def test_dashboard_draws_accessible_svg_with_table(staff_client):
    response = staff_client.get(reverse("hub:dashboard"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "<script" not in body.split("<main", 1)[1]
    for svg in re.findall(r"<svg.*?</svg>", body, re.S):
        assert 'role="img"' in svg
        assert "<title" in svg
        assert "<desc" in svg
    assert body.count("<svg") == body.count("<caption>") or "<svg" not in body


def test_dashboard_event_attendance(staff_client):
    event = EventFactory(title="Past webinar")
    member = UserFactory(role=Role.MEMBER)
    events.event_rsvp(user=member, event=event)
    event.starts_at = timezone.now() - timedelta(days=2)
    event.ends_at = event.starts_at + timedelta(hours=1)
    event.save()
    charts = {chart.slug: chart for chart in dashboard_figures()["charts"]}
    assert [(b.label, b.value) for b in charts["event-attendance"].bars] == [
        ("Past webinar", 1)
    ]
    assert "Past webinar" in staff_client.get(reverse("hub:dashboard")).content.decode()


def test_dashboard_query_budget(staff_client):
    staff_client.get(reverse("hub:dashboard"))
    with CaptureQueriesContext(connection) as queries:
        staff_client.get(reverse("hub:dashboard"))
    assert len(queries) <= 20


def test_dashboard_closed_to_members(client):
    client.force_login(UserFactory(role=Role.MEMBER))
    assert client.get(reverse("hub:dashboard")).status_code == 403


def test_dashboard_gathers_every_apps_charts_in_app_order():
    figures = dashboard_figures()
    assert [chart.slug for chart in figures["charts"]] == [
        "members-country",
        "members-agency",
        "applications-status",
        "tools-stage",
        "tools-capability",
        "event-attendance",
    ]
    assert set(figures) == {"charts", "median_decision_time", "attendance"}


def test_hub_names_no_product_app():
    """hub only iterates over what the apps declare in their figures.py."""
    root = Path(__file__).resolve().parents[2] / "hub"
    for name in ("dashboard.py", "selectors.py"):
        source = (root / name).read_text()
        for app in ("onboarding", "tools_catalog", "learning_centre", "community"):
            assert f"from {app}" not in source
            assert f"import {app}" not in source
        assert "AttributeError" not in source
