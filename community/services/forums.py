from collections.abc import Iterable
from datetime import datetime, timedelta

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from community import conf
from community.errors import NotAllowedError, RateLimitedError
from community.models import (
    SEARCH_CONFIG,
    Category,
    Post,
    Sensitivity,
    Subscription,
    Suspension,
    Topic,
    TopicRead,
)
from core.markdown import markdown_render
from core.ratelimit import rate_limit_hit


def search_vectors_refresh(
    *,
    topic_ids: Iterable[int] | None = None,
    post_ids: Iterable[int] | None = None,
    topics: QuerySet[Topic] | None = None,
    posts: QuerySet[Post] | None = None,
) -> None:
    """Store the full-text vectors of these topics (title, weight A) and posts
    (text, weight B): one UPDATE each, PostgreSQL only (SQLite searches with LIKE).

    Every write of a title or a post text calls this after saving (bulk loaders
    pass querysets); the expressions match the backfill of migration 0003.
    """
    if connection.vendor != "postgresql":
        return
    if topic_ids is not None:
        topics = Topic.objects.filter(pk__in=list(topic_ids))
    if post_ids is not None:
        posts = Post.objects.filter(pk__in=list(post_ids))
    if topics is not None:
        topics.update(
            search_vector=SearchVector("title", config=SEARCH_CONFIG, weight="A")
        )
    if posts is not None:
        posts.update(
            search_vector=SearchVector("body", config=SEARCH_CONFIG, weight="B")
        )


def _check_may_post(*, user: User) -> None:
    if Suspension.objects.filter(user=user, lifted_at__isnull=True).exists():
        raise NotAllowedError(
            _("Your posting rights are suspended. Contact a moderator.")
        )
    limit, seconds = conf.posts_per_window()
    if rate_limit_hit(key=f"post:{user.pk}", limit=limit, seconds=seconds):
        raise RateLimitedError(
            _("You are posting too quickly. Wait a few minutes and try again.")
        )


def _post_create(
    *,
    topic: Topic,
    author: User,
    body: str,
    created_at: datetime,
    is_first: bool = False,
) -> Post:
    return Post.objects.create(
        topic=topic,
        author=author,
        body=body,
        body_html=markdown_render(body, from_members=True),
        is_first=is_first,
        created_at=created_at,
    )


@transaction.atomic
def topic_create(
    *, author: User, category: Category, title: str, body: str, sensitivity: str
) -> Topic:
    _check_may_post(user=author)
    now = timezone.now()
    topic = Topic.objects.create(
        category=category,
        title=title.strip(),
        author=author,
        sensitivity=Sensitivity(sensitivity),
        created_at=now,
        last_post_at=now,
    )
    opening = _post_create(
        topic=topic, author=author, body=body, created_at=now, is_first=True
    )
    search_vectors_refresh(topic_ids=[topic.pk], post_ids=[opening.pk])
    # Authors follow their own topics and have read them.
    Subscription.objects.get_or_create(user=author, topic=topic)
    TopicRead.objects.update_or_create(
        user=author, topic=topic, defaults={"last_read_at": now}
    )
    return topic


@transaction.atomic
def post_reply(*, author: User, topic: Topic, body: str) -> Post:
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    if topic.is_locked:
        raise NotAllowedError(_("This topic is locked: no new replies."))
    if topic.is_hidden:
        raise NotAllowedError(_("This topic is not available."))
    _check_may_post(user=author)
    now = timezone.now()
    post = _post_create(topic=topic, author=author, body=body, created_at=now)
    search_vectors_refresh(post_ids=[post.pk])
    Topic.objects.filter(pk=topic.pk).update(
        last_post_at=now, reply_count=F("reply_count") + 1
    )
    TopicRead.objects.update_or_create(
        user=author, topic=topic, defaults={"last_read_at": now}
    )
    return post


def post_may_edit(*, user: User, post: Post) -> bool:
    window = timedelta(minutes=conf.edit_window_minutes())
    return (
        post.author_id == user.pk
        and not post.is_hidden
        and not post.topic.is_locked
        and timezone.now() - post.created_at <= window
    )


@transaction.atomic
def post_edit(*, editor: User, post: Post, body: str) -> Post:
    if not post_may_edit(user=editor, post=post):
        raise NotAllowedError(_("This post can no longer be edited."))
    post.body = body
    post.body_html = markdown_render(body, from_members=True)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at"])
    search_vectors_refresh(post_ids=[post.pk])
    return post


def topic_mark_read(*, user: User, topic: Topic) -> None:
    now = timezone.now()
    # One UPDATE on every visit but the first.
    if not TopicRead.objects.filter(user=user, topic=topic).update(last_read_at=now):
        TopicRead.objects.get_or_create(
            user=user, topic=topic, defaults={"last_read_at": now}
        )


@transaction.atomic
def subscription_toggle(
    *, user: User, topic: Topic | None = None, category: Category | None = None
) -> bool:
    """Follow or stop following; returns True when now subscribed."""
    lookup = {"topic": topic} if topic is not None else {"category": category}
    deleted, _rows = Subscription.objects.filter(user=user, **lookup).delete()
    if deleted:
        return False
    Subscription.objects.create(user=user, **lookup)
    return True
