"""Reads for the Learning Centre. Visibility lives here: members see published
content; catalogue editors also see drafts (their preview)."""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Perm
from community.selectors import category_for_stage
from learning_centre import conf
from learning_centre.models import (
    Certificate,
    LearningPath,
    Module,
    ModuleProgress,
    Question,
    ReadinessAssessment,
    ReadinessDimension,
    ReadinessQuestion,
    Resource,
    ResourceVersion,
    Stage,
)
from tools_catalog.selectors import tools_for_stage


def stage_list() -> QuerySet[Stage]:
    return Stage.objects.order_by("position")


def stage_get(*, key: str) -> Stage | None:
    return Stage.objects.filter(key=key).first()


def _editor(user: User) -> bool:
    return user.has_perm(Perm.EDIT_CATALOGUE)


def resource_list(*, user: User) -> QuerySet[Resource]:
    """Resources this user may see, with their stages and language versions."""
    resources = Resource.objects.prefetch_related(
        Prefetch("versions", queryset=ResourceVersion.objects.order_by("language")),
        Prefetch("stages", queryset=Stage.objects.order_by("position")),
    )
    return resources if _editor(user) else resources.published()


def resource_get(*, user: User, slug: str) -> Resource | None:
    return resource_list(user=user).filter(slug=slug).first()


def resource_search(*, resources: QuerySet[Resource], query: str) -> QuerySet[Resource]:
    """Words must all appear in a title, summary or body of some language version."""
    for word in query.split()[:8]:
        resources = resources.filter(
            Q(versions__title__icontains=word)
            | Q(versions__summary__icontains=word)
            | Q(versions__body__icontains=word)
        )
    return resources.distinct()


def resource_count() -> int:
    """Published resources, for the public figures."""
    return Resource.objects.published().count()


def resources_for_stage(*, stage: Stage, limit: int = 8) -> list[Resource]:
    return list(
        Resource.objects.published()
        .filter(stages=stage)
        .prefetch_related("versions")
        .order_by("topic", "slug")[:limit]
    )


def resources_for_dimensions(*, dimensions: list[str]) -> dict[str, list[Resource]]:
    found: dict[str, list[Resource]] = {d: [] for d in dimensions}
    resources = (
        Resource.objects.published()
        .filter(readiness_dimension__in=dimensions)
        .prefetch_related("versions")
        .order_by("slug")
    )
    for resource in resources:
        found[resource.readiness_dimension].append(resource)
    return found


@dataclass(frozen=True)
class StageTools:
    tools: list[Any]
    count: int
    catalogue_url: str


def stage_tools(*, stage: Stage, limit: int = 12) -> StageTools:
    """The catalogue's published tools for a stage (the first ``limit``)."""
    url = reverse("tools_catalog:tool-list") + "?stage=" + stage.key
    tools = tools_for_stage(stage=stage)
    shown = list(tools[:limit])
    count = len(shown) if len(shown) < limit else tools.count()
    return StageTools(tools=shown, count=count, catalogue_url=url)


def stage_forum_category(*, stage: Stage) -> Any:
    """The members' forum of the stage, if there is one."""
    return category_for_stage(stage=stage)


# --- Learning paths ----------------------------------------------------------


def path_list(*, user: User) -> QuerySet[LearningPath]:
    paths = LearningPath.objects.prefetch_related(
        Prefetch("modules", queryset=Module.objects.order_by("position"))
    )
    return paths if _editor(user) else paths.published()


def path_get(*, user: User, slug: str) -> LearningPath | None:
    return path_list(user=user).filter(slug=slug).first()


def path_modules(*, path: LearningPath) -> list[Module]:
    return list(
        path.modules.select_related("requires").prefetch_related(
            Prefetch(
                "questions",
                queryset=Question.objects.prefetch_related("options").order_by(
                    "position"
                ),
            )
        )
    )


def module_get(*, path: LearningPath, pk: int) -> Module | None:
    return (
        Module.objects.select_related("path", "requires")
        .prefetch_related(
            Prefetch(
                "questions",
                queryset=Question.objects.prefetch_related("options").order_by(
                    "position"
                ),
            )
        )
        .filter(path=path, pk=pk)
        .first()
    )


def completed_module_ids(*, user: User, path: LearningPath) -> set[int]:
    return set(
        ModuleProgress.objects.filter(user=user, module__path=path).values_list(
            "module_id", flat=True
        )
    )


def completed_module_ids_for_paths(*, user: User) -> set[int]:
    return set(
        ModuleProgress.objects.filter(user=user).values_list("module_id", flat=True)
    )


def certificate_for(*, user: User, path: LearningPath) -> Certificate | None:
    return (
        Certificate.objects.filter(user=user, path=path).order_by("-issued_at").first()
    )


def certificate_get(*, code: str) -> Certificate | None:
    """Anyone with the code; None for an unknown one (a plain 404)."""
    return Certificate.objects.select_related("path").filter(code=code).first()


def certificates_due_for_reminder() -> QuerySet[Certificate]:
    now = timezone.now()
    return Certificate.objects.filter(
        expires_at__isnull=False,
        expires_at__gt=now,
        expires_at__lte=now + timedelta(days=conf.certificate_reminder_days()),
        reminder_sent_at__isnull=True,
    )


# --- Readiness ---------------------------------------------------------------


def readiness_questions() -> list[ReadinessQuestion]:
    order = {value: i for i, value in enumerate(ReadinessDimension.values)}
    questions = list(ReadinessQuestion.objects.all())
    return sorted(questions, key=lambda q: (order[q.dimension], q.position))


def readiness_history(*, user: User) -> list[ReadinessAssessment]:
    return list(
        ReadinessAssessment.objects.filter(user=user)[: conf.readiness_history()]
    )


def readiness_get(*, user: User, pk: int) -> ReadinessAssessment | None:
    """Only the member's own assessments: None for anyone else's."""
    return ReadinessAssessment.objects.filter(user=user, pk=pk).first()
