import pytest
from django.urls import reverse

from accounts.roles import Role
from hub.selectors import public_figures
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_public_figures_are_counts_only():
    UserFactory.create_batch(2, role=Role.MEMBER)
    UserFactory(role=Role.PROVIDER)
    figures = public_figures()
    assert figures["members"] == 2
    for key in ("countries", "tools", "providers", "resources"):
        assert figures[key] is None or isinstance(figures[key], int)


def test_landing_page_shows_figures(client):
    UserFactory(role=Role.MEMBER)
    body = client.get(reverse("hub:home")).content.decode()
    assert "Vetted members" in body
