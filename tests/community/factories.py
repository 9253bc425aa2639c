from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone

from accounts.roles import Role
from community.models import (
    Category,
    Challenge,
    ContactRequest,
    Criterion,
    Eligibility,
    Event,
    EventKind,
    MemberProfile,
    MembershipStatus,
    Post,
    Sensitivity,
    Submission,
    Suspension,
    Team,
    TeamMembership,
    Topic,
)
from community.services.forums import search_vectors_refresh
from core.markdown import markdown_render
from learning_centre.models import Stage
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


def _stage() -> Stage:
    return Stage.objects.order_by("position").first()  # type: ignore[return-value]


class ChallengeFactory(factory.django.DjangoModelFactory[Challenge]):
    """A published challenge open for registration, with two criteria."""

    class Meta:
        model = Challenge
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Challenge {n}")
    slug = factory.Sequence(lambda n: f"challenge-{n}")
    problem = "Triage of seized devices takes weeks."
    stage = factory.LazyFunction(_stage)
    rules = "Open source only."
    eligibility = Eligibility.BOTH
    team_size_max = 3
    registration_opens_at = factory.LazyFunction(
        lambda: timezone.now() - timedelta(days=1)
    )
    registration_closes_at = factory.LazyAttribute(
        lambda o: o.registration_opens_at + timedelta(days=10)
    )
    build_ends_at = factory.LazyAttribute(
        lambda o: o.registration_closes_at + timedelta(days=5)
    )
    judging_ends_at = factory.LazyAttribute(
        lambda o: o.build_ends_at + timedelta(days=5)
    )
    results_at = factory.LazyAttribute(lambda o: o.judging_ends_at + timedelta(days=1))
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def criteria(obj: Challenge, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create:
            for position, (name, weight) in enumerate(
                extracted or [("Usefulness", 3), ("Feasibility", 1)]
            ):
                Criterion.objects.create(
                    challenge=obj, name=name, weight=weight, position=position
                )


def challenge_in_judging(**kwargs: Any) -> Challenge:
    """A challenge whose submission deadline has just passed."""
    now = timezone.now()
    return ChallengeFactory(
        registration_opens_at=now - timedelta(days=20),
        registration_closes_at=now - timedelta(days=10),
        build_ends_at=now - timedelta(hours=1),
        judging_ends_at=now + timedelta(days=5),
        results_at=now + timedelta(days=6),
        **kwargs,
    )


class TeamFactory(factory.django.DjangoModelFactory[Team]):
    """A team with its creator as an active member (``members=[...]`` adds more)."""

    class Meta:
        model = Team
        skip_postgeneration_save = True

    challenge = factory.SubFactory(ChallengeFactory)
    name = factory.Sequence(lambda n: f"Team {n}")
    created_by = factory.SubFactory(UserFactory, role=Role.MEMBER)

    @factory.post_generation
    def members(obj: Team, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create:
            for user in [obj.created_by, *(extracted or [])]:
                TeamMembership.objects.create(
                    team=obj,
                    challenge=obj.challenge,
                    user=user,
                    status=MembershipStatus.ACTIVE,
                )


class SubmissionFactory(factory.django.DjangoModelFactory[Submission]):
    class Meta:
        model = Submission

    team = factory.SubFactory(TeamFactory)
    title = factory.Sequence(lambda n: f"Submission {n}")
    summary = "Sorts seized images by likely relevance."
    stage = factory.LazyFunction(_stage)
    repository_url = "https://example.org/repo"
