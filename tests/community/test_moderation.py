"""Moderators see hidden topics and posts (marked, restorable); members never."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from community.services import moderation
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, PostFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    return UserFactory(role=Role.MODERATOR)


@pytest.fixture
def hidden_things(moderator):
    category = CategoryFactory()
    shown = TopicFactory(category=category, title="Visible topic")
    hidden_reply = PostFactory(topic=shown, body="Reply with a rude remark")
    moderation.post_hide(moderator=moderator, post=hidden_reply)
    hidden_topic = TopicFactory(category=category, title="Hidden spam topic")
    moderation.post_hide(
        moderator=moderator, post=hidden_topic.posts.get(is_first=True)
    )
    return category, shown, hidden_reply, hidden_topic


def test_category_page_shows_hidden_topics_to_moderators_with_restore(
    client, moderator, hidden_things
):
    category, _shown, _reply, hidden_topic = hidden_things
    client.force_login(moderator)
    body = client.get(category.get_absolute_url()).content.decode()
    assert "Hidden spam topic" in body
    assert "topic-list__item--hidden" in body
    opening = hidden_topic.posts.get(is_first=True)
    restore = reverse("community:post-moderate", kwargs={"pk": opening.pk})
    assert f'action="{restore}?next=category"' in body
    assert 'value="restore"' in body


def test_category_page_never_shows_hidden_topics_to_members(
    member_client, hidden_things
):
    category, _shown, _reply, hidden_topic = hidden_things
    body = member_client.get(category.get_absolute_url()).content.decode()
    assert "Visible topic" in body
    assert "Hidden spam topic" not in body
    assert 'value="restore"' not in body
    assert member_client.get(hidden_topic.get_absolute_url()).status_code == 404


def test_topic_page_shows_hidden_posts_to_moderators_marked(
    client, moderator, hidden_things
):
    _category, shown, hidden_reply, hidden_topic = hidden_things
    client.force_login(moderator)
    body = client.get(shown.get_absolute_url()).content.decode()
    assert "Reply with a rude remark" in body
    assert "post--hidden" in body
    assert "Hidden by a moderator" in body
    restore = reverse("community:post-moderate", kwargs={"pk": hidden_reply.pk})
    assert f'action="{restore}?next=topic"' in body
    hidden_page = client.get(hidden_topic.get_absolute_url())
    assert hidden_page.status_code == 200
    assert "Hidden by a moderator." in hidden_page.content.decode()


def test_topic_page_never_shows_hidden_posts_to_members(member_client, hidden_things):
    _category, shown, _reply, _topic = hidden_things
    body = member_client.get(shown.get_absolute_url()).content.decode()
    assert "Reply with a rude remark" not in body
    assert "post--hidden" not in body
    assert 'value="restore"' not in body


def test_restore_from_category_page_returns_there_and_is_audited(
    client, moderator, hidden_things
):
    from accounts.models import AuditEvent

    category, _shown, _reply, hidden_topic = hidden_things
    client.force_login(moderator)
    opening = hidden_topic.posts.get(is_first=True)
    response = client.post(
        reverse("community:post-moderate", kwargs={"pk": opening.pk})
        + "?next=category",
        {"action": "restore"},
    )
    assert response.status_code == 302
    assert response.url == category.get_absolute_url()
    hidden_topic.refresh_from_db()
    assert not hidden_topic.is_hidden
    assert AuditEvent.objects.filter(action="community_post_restored").count() == 1


def test_category_page_query_budget_for_moderators(client, moderator, hidden_things):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    category = hidden_things[0]
    TopicFactory.create_batch(10, category=category)
    client.force_login(moderator)
    client.get(category.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        assert client.get(category.get_absolute_url()).status_code == 200
    assert len(queries) <= 10, "\n".join(q["sql"][:150] for q in queries)
