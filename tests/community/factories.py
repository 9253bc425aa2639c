from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone

from accounts.roles import Role
from community.models import (
    Category,
    ContactRequest,
    Event,
    EventKind,
    MemberProfile,
    Post,
    Sensitivity,
    Suspension,
    Topic,
)
from community.services.forums import search_vectors_refresh
from core.markdown import markdown_render
from tests.accounts.factories import UserFactory


class CategoryFactory(factory.django.DjangoModelFactory[Category]):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class TopicFactory(factory.django.DjangoModelFactory[Topic]):
    """A topic with its opening post."""

    class Meta:
        model = Topic
        skip_postgeneration_save = True

    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"Topic {n}")
    author = factory.SubFactory(UserFactory, role=Role.MEMBER)
    sensitivity = Sensitivity.GREEN

    @factory.post_generation
    def opening(obj: Topic, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create:
            body = extracted or "Opening post"
            post = Post.objects.create(
                topic=obj,
                author=obj.author,
                body=body,
                body_html=markdown_render(body, from_members=True),
                is_first=True,
                created_at=obj.created_at,
            )
            # What the services do after every write (PostgreSQL only).
            search_vectors_refresh(topic_ids=[obj.pk], post_ids=[post.pk])


class PostFactory(factory.django.DjangoModelFactory[Post]):
    class Meta:
        model = Post
        skip_postgeneration_save = True  # a save would blank the stored vector

    topic = factory.SubFactory(TopicFactory)
    author = factory.SubFactory(UserFactory, role=Role.MEMBER)
    body = factory.Sequence(lambda n: f"Reply number {n}")
    body_html = factory.LazyAttribute(
        lambda o: markdown_render(o.body, from_members=True)
    )

    @factory.post_generation
    def search_vector(obj: Post, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create:
            search_vectors_refresh(post_ids=[obj.pk])


class EventFactory(factory.django.DjangoModelFactory[Event]):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = EventKind.WEBINAR
    description = "An online session."
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    time_zone = "UTC"
    online_url = "https://meet.example.org/secret-room"
    capacity = 10


class ProfileFactory(factory.django.DjangoModelFactory[MemberProfile]):
    class Meta:
        model = MemberProfile
        django_get_or_create = ["user"]

    user = factory.SubFactory(UserFactory, role=Role.MEMBER)


class SuspensionFactory(factory.django.DjangoModelFactory[Suspension]):
    class Meta:
        model = Suspension

    user = factory.SubFactory(UserFactory, role=Role.MEMBER)
    reason = "Repeated off-topic posts"


class ContactRequestFactory(factory.django.DjangoModelFactory[ContactRequest]):
    class Meta:
        model = ContactRequest

    sender = factory.SubFactory(UserFactory, role=Role.MEMBER)
    recipient = factory.SubFactory(UserFactory, role=Role.MEMBER)
    message = "Hello"
