import factory

from learning_centre.models import (
    LearningPath,
    Module,
    Option,
    Question,
    ReadinessQuestion,
    Resource,
    ResourceVersion,
)


class ResourceFactory(factory.django.DjangoModelFactory[Resource]):
    class Meta:
        model = Resource
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"resource-{n}")
    kind = Resource.Kind.ARTICLE
    topic = Resource.Topic.TECHNIQUES
    level = Resource.Level.INTRODUCTORY
    is_published = True

    @factory.post_generation
    def english(
        obj: Resource,  # noqa: N805
        create: bool,
        extracted: object,
        **kwargs: object,
    ) -> None:
        if create and extracted is not False:
            ResourceVersion.objects.create(
                resource=obj,
                language="en",
                title=f"Title of {obj.slug}",
                summary="A summary.",
                body="Some **body** text.",
            )

    @factory.post_generation
    def stages(
        obj: Resource,  # noqa: N805
        create: bool,
        extracted: object,
        **kwargs: object,
    ) -> None:
        if create and extracted:
            obj.stages.set(extracted)  # type: ignore[arg-type]


class LearningPathFactory(factory.django.DjangoModelFactory[LearningPath]):
    class Meta:
        model = LearningPath

    slug = factory.Sequence(lambda n: f"path-{n}")
    title = factory.Sequence(lambda n: f"Path {n}")
    summary = "A path."
    is_published = True


class ModuleFactory(factory.django.DjangoModelFactory[Module]):
    class Meta:
        model = Module

    path = factory.SubFactory(LearningPathFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Module {n}")
    body = "Read this."


class QuestionFactory(factory.django.DjangoModelFactory[Question]):
    class Meta:
        model = Question

    module = factory.SubFactory(ModuleFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = "Which?"
    explanation = "Because."


class OptionFactory(factory.django.DjangoModelFactory[Option]):
    class Meta:
        model = Option

    question = factory.SubFactory(QuestionFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Answer {n}")
    is_correct = False


def quiz_question(module: Module) -> tuple[Question, Option, Option]:
    """A question on ``module`` with one right and one wrong option."""
    question = QuestionFactory(module=module)
    right = OptionFactory(question=question, is_correct=True)
    wrong = OptionFactory(question=question, is_correct=False)
    return question, right, wrong


class ReadinessQuestionFactory(factory.django.DjangoModelFactory[ReadinessQuestion]):
    class Meta:
        model = ReadinessQuestion

    dimension = "governance"
    position = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Statement {n}")
