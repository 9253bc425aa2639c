"""Forum search: PostgreSQL full-text on stored, GIN-indexed vectors; LIKE on SQLite."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from community.models import Category, Post, Sensitivity, Topic
from community.selectors import forum_search
from community.services import forums, moderation
from community.services.forums import search_vectors_refresh
from tests.accounts.factories import UserFactory
from tests.community.factories import CategoryFactory, PostFactory, TopicFactory

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
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN "
            "('community_post', 'community_topic') AND indexdef LIKE '%gin%'"
        )
        indexes = dict(cursor.fetchall())
    # The stored vectors are indexed; the query-time expressions of 0002 are gone.
    assert set(indexes) == {"community_post_search_gin", "community_topic_search_gin"}
    assert all("(search_vector)" in definition for definition in indexes.values())


def _bulk_forum(*, topics: int, posts_per_topic: int) -> Category:
    """Enough rows for the planner to prefer an index for a rare word."""
    category = CategoryFactory()
    author = UserFactory(role=Role.MEMBER)
    Topic.objects.bulk_create(
        Topic(category=category, author=author, title=f"Weekly notes {i}")
        for i in range(topics)
    )
    Post.objects.bulk_create(
        Post(topic=topic, author=author, body=f"Routine triage update {n}")
        for topic in Topic.objects.filter(category=category)
        for n in range(posts_per_topic)
    )
    search_vectors_refresh(
        topics=Topic.objects.filter(category=category),
        posts=Post.objects.filter(topic__category=category),
    )
    with connection.cursor() as cursor:
        # What autovacuum does: move the GIN pending lists into the indexes.
        for index in ("community_post_search_gin", "community_topic_search_gin"):
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        cursor.execute("ANALYZE community_category, community_topic, community_post")
    return category


@needs_postgresql
def test_forum_search_plan_uses_the_gin_indexes_for_a_rare_word(member):
    category = _bulk_forum(topics=300, posts_per_topic=10)
    rare = PostFactory(
        topic=Topic.objects.filter(category=category).first(),
        body="A zebracorn appeared in the triage queue",
    )
    results = forum_search(user=member, query="zebracorn")
    with CaptureQueriesContext(connection) as queries:
        assert list(results) == [rare.topic]
    plans = []
    with connection.cursor() as cursor:
        # A test database is too small for the planner to prefer any index over
        # reading the table: forbid sequential scans to see which index serves
        # the search (the benchmark shows the same plan on 200,000 posts).
        cursor.execute("SET LOCAL enable_seqscan = off")
    for query in queries.captured_queries:
        assert "to_tsvector" not in query["sql"]  # nothing parsed per row
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN {query['sql']}")
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    plan = "\n".join(plans)
    assert "community_post_search_gin" in plan
    assert "community_topic_search_gin" in plan


@needs_postgresql
def test_forum_search_vectors_follow_the_services_on_postgresql(member):
    category = CategoryFactory()
    topic = forums.topic_create(
        author=member,
        category=category,
        title="Quokka sightings",
        body="First report",
        sensitivity=Sensitivity.GREEN,
    )
    reply = forums.post_reply(author=member, topic=topic, body="Original wording")
    topic.refresh_from_db()
    reply.refresh_from_db()
    assert "quokka" in str(topic.search_vector)
    assert "original" in str(reply.search_vector)
    assert list(forum_search(user=member, query="original")) == [topic]

    forums.post_edit(editor=member, post=reply, body="Edited phrasing")
    reply.refresh_from_db()
    assert "edit" in str(reply.search_vector)
    assert "original" not in str(reply.search_vector)
    assert list(forum_search(user=member, query="original")) == []
    assert list(forum_search(user=member, query="quokka edited")) == [topic]


@needs_postgresql  # the LIKE fallback lets each word come from any post
def test_forum_search_title_and_one_post_together_on_postgresql(member):
    split = TopicFactory(title="Cloud storage", opening="warrant templates")
    PostFactory(topic=split, body="an unrelated reply")
    across_posts = TopicFactory(title="Other", opening="cloud notes")
    PostFactory(topic=across_posts, body="warrant notes")
    # Title + opening post read together hold both words; two posts do not.
    assert list(forum_search(user=member, query="cloud warrant")) == [split]


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
