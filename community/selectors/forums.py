"""Reads of the forums: who sees which category, topic and post."""

from django.db.models import OuterRef, Q, QuerySet, Subquery

from accounts.models import User
from accounts.roles import Perm
from community.models import (
    Audience,
    Category,
    Post,
    Subscription,
    Suspension,
    Topic,
    TopicRead,
)
from learning_centre.models import Stage


def audiences_for(*, user: User) -> list[str]:
    if user.has_perm(Perm.MODERATE_COMMUNITY):
        return list(Audience.values)
    if user.has_perm(Perm.VIEW_DASHBOARD):  # every staff role
        return [Audience.MEMBERS, Audience.STAFF]
    return [Audience.MEMBERS]


def category_list(*, user: User) -> QuerySet[Category]:
    return Category.objects.filter(
        audience__in=audiences_for(user=user)
    ).select_related("stage")


def category_get(*, user: User, slug: str) -> Category | None:
    """A category the user may see."""
    return category_list(user=user).filter(slug=slug).first()


def category_for_stage(*, stage: Stage) -> Category | None:
    """The members' forum of a workflow stage (contract with learning_centre)."""
    return (
        Category.objects.filter(stage=stage, audience=Audience.MEMBERS)
        .order_by("position", "pk")
        .first()
    )


def topic_list(
    *, user: User, category: Category | None = None, include_hidden: bool = False
) -> QuerySet[Topic]:
    """Visible topics with the viewer's last reading time, for unread markers.

    ``include_hidden`` adds hidden topics for moderators only (with the id of the
    opening post, which restores them); members never get them.
    """
    topics = Topic.objects.filter(category__audience__in=audiences_for(user=user))
    if include_hidden and user.has_perm(Perm.MODERATE_COMMUNITY):
        opening = Post.objects.filter(topic=OuterRef("pk"), is_first=True)
        topics = topics.annotate(opening_post_id=Subquery(opening.values("pk")[:1]))
    else:
        topics = topics.filter(is_hidden=False)
    if category is not None:
        topics = topics.filter(category=category)
    read_at = TopicRead.objects.filter(user=user, topic=OuterRef("pk")).values(
        "last_read_at"
    )[:1]
    return topics.select_related("author", "category").annotate(
        read_at=Subquery(read_at)
    )


def topic_for_user(*, user: User, pk: int) -> Topic | None:
    """A topic the user may open; moderators also reach hidden ones."""
    topics = Topic.objects.filter(
        category__audience__in=audiences_for(user=user)
    ).select_related("category", "author")
    if not user.has_perm(Perm.MODERATE_COMMUNITY):
        topics = topics.filter(is_hidden=False)
    return topics.filter(pk=pk).first()


def post_list(*, user: User, topic: Topic) -> QuerySet[Post]:
    posts = Post.objects.filter(topic=topic).select_related("author")
    if not user.has_perm(Perm.MODERATE_COMMUNITY):
        posts = posts.filter(is_hidden=False)
    return posts.order_by("created_at", "pk")


def post_for_user(*, user: User, pk: int) -> Post | None:
    posts = Post.objects.filter(
        topic__category__audience__in=audiences_for(user=user)
    ).select_related("topic", "topic__category", "author")
    if not user.has_perm(Perm.MODERATE_COMMUNITY):
        posts = posts.filter(is_hidden=False, topic__is_hidden=False)
    return posts.filter(pk=pk).first()


def topic_is_subscribed(*, user: User, topic: Topic) -> bool:
    return Subscription.objects.filter(
        Q(topic=topic) | Q(category_id=topic.category_id), user=user
    ).exists()


def category_is_subscribed(*, user: User, category: Category) -> bool:
    return Subscription.objects.filter(user=user, category=category).exists()


def member_may_post(*, user: User) -> bool:
    return not Suspension.objects.filter(user=user, lifted_at__isnull=True).exists()
