"""The staff dashboard and the landing page count the same things the same way."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.roles import Role
from hub.dashboard import dashboard_figures
from hub.selectors import public_figures
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def _chart_total(slug: str) -> int:
    charts = {chart.slug: chart for chart in dashboard_figures()["charts"]}
    return sum(bar.value for bar in charts[slug].bars)


def test_member_charts_add_up_to_the_landing_pages_members_on_the_demo():
    call_command("seed_demo")
    members = public_figures()["members"]
    assert members > 0
    assert _chart_total("members-country") == members
    assert _chart_total("members-agency") == members
    countries = public_figures()["countries"]
    charts = {chart.slug: chart for chart in dashboard_figures()["charts"]}
    recorded = [b for b in charts["members-country"].bars if b.label != "Not recorded"]
    assert countries == len(recorded)


def test_dashboard_shows_the_landing_pages_figures(client):
    call_command("seed_demo")
    figures = public_figures()
    client.force_login(UserFactory(role=Role.VERIFIER))
    dashboard = client.get(reverse("hub:dashboard"))
    landing = client.get(reverse("hub:home"))
    for name in ("members", "countries", "tools", "providers", "resources"):
        assert dashboard.context["public"][name] == figures[name]
        assert landing.context["figures"][name] == figures[name]
    body = dashboard.content.decode()
    assert f"<dd>{figures['members']}</dd>" in body


def test_a_member_without_an_approved_application_is_counted_as_not_recorded():
    UserFactory(role=Role.MEMBER)
    assert public_figures()["members"] == 1
    charts = {chart.slug: chart for chart in dashboard_figures()["charts"]}
    assert [(b.label, b.value) for b in charts["members-country"].bars] == [
        ("Not recorded", 1)
    ]
    assert public_figures()["countries"] == 0
