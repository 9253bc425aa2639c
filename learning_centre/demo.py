"""Demo content for the Learning Centre: ``seed(stdout)``, safe to run again."""

from typing import Any

from django.db import transaction

from learning_centre.demo_content import PATHS, READINESS, RESOURCE_VERSIONS, RESOURCES
from learning_centre.demo_stages import STAGE_TEXT
from learning_centre.models import (
    LearningPath,
    Module,
    Option,
    Question,
    ReadinessDimension,
    ReadinessQuestion,
    Resource,
    ResourceVersion,
    Stage,
)

FIELDS = ("description", "challenges", "ai_help", "cautions")


def _stages() -> int:
    count = 0
    for stage in Stage.objects.filter(key__in=STAGE_TEXT):
        texts = STAGE_TEXT[stage.key]
        for field in FIELDS:
            setattr(stage, field, texts["en"][field])
        translations = dict(stage.translations)
        for language, values in texts.items():
            if language != "en":
                translations[language] = {**translations.get(language, {}), **values}
        stage.translations = translations
        stage.save()
        count += 1
    return count


def _resources() -> int:
    stages = {s.key: s for s in Stage.objects.all()}
    for (
        slug,
        kind,
        topic,
        level,
        keys,
        dimension,
        url,
        title,
        summary,
        body,
    ) in RESOURCES:
        resource, _created = Resource.objects.update_or_create(
            slug=slug,
            defaults={
                "kind": kind,
                "topic": topic,
                "level": level,
                "readiness_dimension": dimension,
                "url": url,
                "is_published": True,
                "is_demo": True,
            },
        )
        resource.stages.set([stages[k] for k in keys if k in stages])
        transcript = body if kind == Resource.Kind.VIDEO else ""
        ResourceVersion.objects.update_or_create(
            resource=resource,
            language="en",
            defaults={
                "title": title,
                "summary": summary,
                "body": "" if transcript else body,
                "transcript": transcript,
            },
        )
        for language, (t_title, t_summary, t_body) in RESOURCE_VERSIONS.get(
            slug, {}
        ).items():
            ResourceVersion.objects.update_or_create(
                resource=resource,
                language=language,
                defaults={"title": t_title, "summary": t_summary, "body": t_body},
            )
    return len(RESOURCES)


def _paths() -> int:
    for position, data in enumerate(PATHS, start=1):
        path, _created = LearningPath.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "position": position,
                "title": data["title"],
                "summary": data["summary"],
                "certificate_valid_days": data["valid_days"],
                "translations": data["translations"],
                "is_published": True,
                "is_demo": True,
            },
        )
        previous: Module | None = None
        for m_pos, m in enumerate(data["modules"], start=1):
            module, _created = Module.objects.update_or_create(
                path=path,
                position=m_pos,
                defaults={
                    "title": m["title"],
                    "body": m["body"],
                    "translations": m.get("translations", {}),
                    "requires": previous if m.get("requires_previous") else None,
                },
            )
            _questions(module, m["questions"])
            previous = module
    return len(PATHS)


def _questions(module: Module, questions: list[dict[str, Any]]) -> None:
    for q_pos, q in enumerate(questions, start=1):
        question, _created = Question.objects.update_or_create(
            module=module,
            position=q_pos,
            defaults={
                "text": q["text"],
                "explanation": q["explanation"],
                "translations": q.get("translations", {}),
            },
        )
        for o_pos, (text, correct, translated) in enumerate(q["options"], start=1):
            Option.objects.update_or_create(
                question=question,
                position=o_pos,
                defaults={
                    "text": text,
                    "is_correct": correct,
                    "translations": {k: {"text": v} for k, v in translated.items()},
                },
            )


def _readiness() -> int:
    position = 0
    for dimension in ReadinessDimension.values:
        for text in READINESS[dimension]:
            position += 1
            ReadinessQuestion.objects.update_or_create(
                position=position,
                defaults={"dimension": dimension, "text": text, "is_demo": True},
            )
    return position


@transaction.atomic
def seed(stdout: Any) -> None:
    stdout.write(f"  {_stages()} stage pages written (en, ar, fr)")
    stdout.write(f"  {_resources()} resources")
    stdout.write(f"  {_paths()} learning paths with quizzes")
    stdout.write(f"  {_readiness()} readiness statements")
