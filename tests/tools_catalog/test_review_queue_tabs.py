"""The listing-review queue: what waits for an editor, with counts, sortable."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from tests.accounts.factories import UserFactory
from tests.tools_catalog.factories import ToolFactory
from tools_catalog.models import ListingRevision, Tool

pytestmark = pytest.mark.django_db
QUEUE = reverse("tools_catalog:review-queue")


@pytest.fixture
def editor(client: Client):
    client.force_login(UserFactory(role=Role.CATALOGUE_EDITOR))
    return client


def _waiting() -> None:
    ToolFactory(name="Beta", status=Tool.Status.SUBMITTED)
    ToolFactory(name="Alpha", status=Tool.Status.SUBMITTED)
    ToolFactory(name="Published")
    ListingRevision.objects.create(
        tool=ToolFactory(name="Gamma"),
        status=ListingRevision.Status.SUBMITTED,
        submitted_at=timezone.now() - timedelta(days=2),
    )


def test_the_review_queue_counts_what_waits(editor):
    _waiting()
    response = editor.get(QUEUE)
    counts = {key: count for key, _label, count, _current in response.context["tabs"]}
    assert counts == {"waiting": 3, "new": 2, "revisions": 1}
    assert [t.name for t in response.context["new_tools"]] == ["Beta", "Alpha"]
    revisions = editor.get(QUEUE, {"queue": "revisions"})
    assert revisions.context["new_tools"] == []
    assert [r.tool.name for r in revisions.context["revisions"]] == ["Gamma"]


def test_the_review_queue_sorts_by_whitelisted_keys(editor):
    _waiting()
    by_name = editor.get(QUEUE, {"sort": "tool"})
    assert [t.name for t in by_name.context["new_tools"]] == ["Alpha", "Beta"]
    newest = editor.get(QUEUE, {"sort": "-submitted"})
    assert [t.name for t in newest.context["new_tools"]] == ["Alpha", "Beta"]
    assert editor.get(QUEUE, {"sort": "provider__secret"}).status_code == 200
    assert 'aria-sort="ascending"' in by_name.content.decode()


def test_the_review_queue_has_a_flat_query_budget(
    editor, django_assert_max_num_queries
):
    for i in range(30):
        ToolFactory(name=f"Tool {i}", status=Tool.Status.SUBMITTED)
    editor.get(reverse("hub:home"))
    with django_assert_max_num_queries(12):
        response = editor.get(QUEUE)
    assert len(response.context["new_tools"]) == 30


def test_an_unknown_sort_marks_the_default_column_current(editor):
    _waiting()
    default = editor.get(QUEUE).content.decode()
    page = editor.get(QUEUE, {"sort": "bogus"}).content.decode()
    assert 'aria-sort="ascending"' in default
    assert page.count("aria-sort=") == default.count("aria-sort=") >= 1
