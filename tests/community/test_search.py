"""Forum search: PostgreSQL full-text (ranked, GIN-indexed), LIKE on SQLite."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from community.models import Topic
from community.selectors import forum_search
from community.services import moderation
from tests.accounts.factories import UserFactory
from tests.community.factories import PostFactory, TopicFactory

pytestmark = pytest.mark.django_db

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="full-text search ranking and GIN indexes exist on PostgreSQL only",
)


def _aged(topic: Topic, days: int) -> Topic:
    Topic.objects.filter(pk=topic.pk).update(
        last_post_at=timezone.now() - timedelta(days=days)
    )
    return topic


@needs_postgresql
def test_forum_search_ranks_title_matches_first_on_postgresql(member):
    in_title = _aged(TopicFactory(title="Perceptual hashing at scale"), days=30)
    in_reply = TopicFactory(title="Weekly triage notes")
    PostFactory(topic=in_reply, body="We also tried hashing once, briefly.")
    many = TopicFactory(title="Tool comparison")
    PostFactory(topic=many, body="Hashing, hashing and more hashing: hashing wins.")
    TopicFactory(title="Unrelated", opening="Nothing to see here")
    results = list(forum_search(user=member, query="hashing"))
    # Title (weight A) beats bodies; the denser body beats the passing mention,
    # even though the title match is the oldest topic.
    assert results == [in_title, many, in_reply]
    ranks = [topic.rank for topic in results]
    assert ranks == sorted(ranks, reverse=True)


@needs_postgresql
def test_forum_search_websearch_syntax_on_postgresql(member):
    both = TopicFactory(title="Triage tools", opening="video classification")
    TopicFactory(title="Triage only", opening="nothing else")
    assert list(forum_search(user=member, query='triage "video classification"')) == [
        both
    ]
    assert both not in forum_search(user=member, query="triage -video")


@needs_postgresql
def test_forum_search_gin_indexes_exist_on_postgresql():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname IN "
            "('community_post_body_fts', 'community_topic_title_fts')"
        )
        assert {row[0] for row in cursor.fetchall()} == {
            "community_post_body_fts",
            "community_topic_title_fts",
        }


def test_forum_search_hidden_posts_never_match(member):
    moderator = UserFactory(role=Role.MODERATOR)
    visible = TopicFactory(title="Open topic")
    hidden_reply = PostFactory(topic=visible, body="zebracorn details")
    hidden_topic = TopicFactory(title="zebracorn in the title")
    first = hidden_topic.posts.get(is_first=True)
    moderation.post_hide(moderator=moderator, post=hidden_reply)
    moderation.post_hide(moderator=moderator, post=first)
    for viewer in (member, moderator):
        assert list(forum_search(user=viewer, query="zebracorn")) == []


def test_forum_search_every_word_must_match(member):
    both = TopicFactory(title="Cloud storage", opening="warrant templates")
    TopicFactory(title="Cloud only")
    assert list(forum_search(user=member, query="cloud warrant")) == [both]


def test_forum_search_page_lists_results_escaped(member_client):
    TopicFactory(title="<b>Bold</b> needle")
    response = member_client.get(reverse("community:forum-search"), {"q": "needle"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "&lt;b&gt;Bold&lt;/b&gt; needle" in body
