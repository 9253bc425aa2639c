from typing import Any

import factory

from learning_centre.models import Stage
from tools_catalog.models import Capability, Provider, Tool


class ProviderFactory(factory.django.DjangoModelFactory[Provider]):
    class Meta:
        model = Provider
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Provider {n}")
    slug = factory.Sequence(lambda n: f"provider-{n}")
    country = "NL"
    provider_type = Provider.Type.COMPANY

    @factory.post_generation
    def representatives(obj: Provider, create: bool, extracted: Any, **kw: Any) -> None:  # noqa: N805
        if create and extracted:
            obj.representatives.add(*extracted)


class CapabilityFactory(factory.django.DjangoModelFactory[Capability]):
    class Meta:
        model = Capability
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Capability {n}")
    slug = factory.Sequence(lambda n: f"capability-{n}")


class ToolFactory(factory.django.DjangoModelFactory[Tool]):
    """A published tool; ``stages=[keys]`` and ``capabilities=[...]``."""

    class Meta:
        model = Tool
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Tool {n}")
    slug = factory.Sequence(lambda n: f"tool-{n}")
    provider = factory.SubFactory(ProviderFactory)
    summary = "Finds things."
    description = "A tool that finds things in seized media."
    status = Tool.Status.PUBLISHED

    @factory.post_generation
    def stages(obj: Tool, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create and extracted:
            obj.stages.set(Stage.objects.filter(key__in=extracted))

    @factory.post_generation
    def capabilities(obj: Tool, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create and extracted:
            obj.capabilities.set(extracted)

    @factory.post_generation
    def index(obj: Tool, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create:
            from tools_catalog.services import tool_search_index_update

            tool_search_index_update(tool=obj)


def review_published(
    *, tool: Tool, rating: int, text: str = "Useful", author: Any = None, **kwargs: Any
) -> Any:
    """A member's review that other members see. A member's first review waits
    for a moderator (services.review_save): this one is approved if it waited."""
    from accounts.roles import Role
    from tests.accounts.factories import UserFactory
    from tools_catalog import services

    author = author or UserFactory(role=Role.MEMBER)
    review = services.review_save(
        author=author, tool=tool, rating=rating, text=text, **kwargs
    )
    if review.pending:
        moderator = UserFactory(role=Role.MODERATOR)
        review = services.review_approve(actor=moderator, review=review)
    return review
