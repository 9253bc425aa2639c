"""The pattern library renders every component, in English and in Arabic."""

import pytest
from django.test import Client

from accounts.roles import Role
from tests.accounts.factories import UserFactory

COMPONENT_MARKERS = (
    'class="btn btn--primary"',
    'class="btn btn--secondary"',
    'class="btn btn--danger"',
    'class="btn btn--link"',
    "disabled",
    'class="field field--error"',
    'class="field__hint"',
    'class="select"',
    'class="table"',
    "badge--ok",
    'class="chip"',
    'class="card"',
    'class="tabs"',
    'class="pagination"',
    'class="empty-state"',
    "alert--error",
    'class="breadcrumb"',
    "sprite.svg#",
    "monogram--",
)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("prefix", "heading"), [("", "Design system"), ("/ar", "نظام التصميم")]
)
def test_the_pattern_library_shows_every_component(client: Client, prefix, heading):
    client.force_login(UserFactory(role=Role.MODERATOR))
    html = client.get(f"{prefix}/staff/design/").content.decode()
    assert f"<h1>{heading}</h1>" in html
    missing = [marker for marker in COMPONENT_MARKERS if marker not in html]
    assert not missing
    assert "---------" not in html
