"""Demo content for the Learning Centre: ``seed(stdout)``, safe to run again.

The prose lives in data files under ``fixtures/demo/``, one file per item and
language: ``stages/<key>/<lang>.yaml``, ``resources/<slug>/<lang>.md`` (YAML
front matter, then the Markdown body), ``paths/<slug>/<lang>.yaml`` (the
English file holds the structure; another language's file mirrors it, module
by module and question by question, with its translated texts) and
``readiness/en.yaml``.
"""

from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

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

DATA = Path(__file__).resolve().parent / "fixtures" / "demo"
FIELDS = ("description", "challenges", "ai_help", "cautions")


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _markdown(path: Path) -> tuple[dict[str, Any], str]:
    """A Markdown file's YAML front matter and its body."""
    _before, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(front), body.strip("\n")


def _languages(folder: Path, suffix: str) -> dict[str, Path]:
    """``{language: file}`` of one item, English first."""
    files = {p.stem: p for p in sorted(folder.glob(f"*{suffix}"))}
    return {"en": files.pop("en"), **files}


def _items(kind: str, suffix: str) -> list[tuple[str, dict[str, Path]]]:
    folders = sorted(p for p in (DATA / kind).iterdir() if p.is_dir())
    return [(folder.name, _languages(folder, suffix)) for folder in folders]


def _stages() -> int:
    texts = dict(_items("stages", ".yaml"))
    count = 0
    for stage in Stage.objects.filter(key__in=texts):
        by_language = {lang: _yaml(path) for lang, path in texts[stage.key].items()}
        for field in FIELDS:
            setattr(stage, field, by_language["en"][field])
        translations = dict(stage.translations)
        for language, values in by_language.items():
            if language != "en":
                translations[language] = {**translations.get(language, {}), **values}
        stage.translations = translations
        stage.save()
        count += 1
    return count


def _resources() -> int:
    stages = {s.key: s for s in Stage.objects.all()}
    items = []
    for slug, files in _items("resources", ".md"):
        versions = {lang: _markdown(path) for lang, path in files.items()}
        items.append((versions["en"][0]["position"], slug, versions))
    for _position, slug, versions in sorted(items):
        data, body = versions.pop("en")
        resource, _created = Resource.objects.update_or_create(
            slug=slug,
            defaults={
                "kind": data["kind"],
                "topic": data["topic"],
                "level": data["level"],
                "readiness_dimension": data["readiness_dimension"],
                "url": data["url"],
                "is_published": True,
                "is_demo": True,
            },
        )
        resource.stages.set([stages[k] for k in data["stages"] if k in stages])
        transcript = body if data["kind"] == Resource.Kind.VIDEO else ""
        ResourceVersion.objects.update_or_create(
            resource=resource,
            language="en",
            defaults={
                "title": data["title"],
                "summary": data["summary"],
                "body": "" if transcript else body,
                "transcript": transcript,
            },
        )
        for language, (translated, t_body) in versions.items():
            ResourceVersion.objects.update_or_create(
                resource=resource,
                language=language,
                defaults={
                    "title": translated["title"],
                    "summary": translated["summary"],
                    "body": t_body,
                },
            )
    return len(items)


def _translated(
    by_language: dict[str, dict[str, Any]], fields: tuple[str, ...]
) -> dict[str, dict[str, str]]:
    """``{language: {field: text}}`` of the fields a language's file gives."""
    translations = {}
    for language, values in by_language.items():
        texts = {f: values[f] for f in fields if values.get(f)}
        if texts:
            translations[language] = texts
    return translations


def _paths() -> int:
    items = []
    for slug, files in _items("paths", ".yaml"):
        by_language = {lang: _yaml(path) for lang, path in files.items()}
        items.append((by_language["en"]["position"], slug, by_language))
    for position, slug, by_language in sorted(items):
        data = by_language.pop("en")
        path, _created = LearningPath.objects.update_or_create(
            slug=slug,
            defaults={
                "position": position,
                "title": data["title"],
                "summary": data["summary"],
                "certificate_valid_days": data["valid_days"],
                "translations": _translated(by_language, ("title", "summary")),
                "is_published": True,
                "is_demo": True,
            },
        )
        previous: Module | None = None
        for m_pos, m in enumerate(data["modules"], start=1):
            m_languages = {
                lang: values["modules"][m_pos - 1]
                for lang, values in by_language.items()
            }
            module, _created = Module.objects.update_or_create(
                path=path,
                position=m_pos,
                defaults={
                    "title": m["title"],
                    "body": m["body"],
                    "translations": _translated(m_languages, ("title", "body")),
                    "requires": previous if m.get("requires_previous") else None,
                },
            )
            _questions(module, m["questions"], m_languages)
            previous = module
    return len(items)


def _questions(
    module: Module,
    questions: list[dict[str, Any]],
    by_language: dict[str, dict[str, Any]],
) -> None:
    for q_pos, q in enumerate(questions, start=1):
        q_languages = {
            lang: values["questions"][q_pos - 1] for lang, values in by_language.items()
        }
        question, _created = Question.objects.update_or_create(
            module=module,
            position=q_pos,
            defaults={
                "text": q["text"],
                "explanation": q["explanation"],
                "translations": _translated(q_languages, ("text", "explanation")),
            },
        )
        for o_pos, option in enumerate(q["options"], start=1):
            translated = {
                lang: {"text": text}
                for lang, values in q_languages.items()
                if (text := values["options"][o_pos - 1])
            }
            Option.objects.update_or_create(
                question=question,
                position=o_pos,
                defaults={
                    "text": option["text"],
                    "is_correct": option["correct"],
                    "translations": translated,
                },
            )


def _readiness() -> int:
    statements = _yaml(DATA / "readiness" / "en.yaml")
    position = 0
    for dimension in ReadinessDimension.values:
        for text in statements[dimension]:
            position += 1
            ReadinessQuestion.objects.update_or_create(
                position=position,
                defaults={"dimension": dimension, "text": text, "is_demo": True},
            )
    return position


@transaction.atomic
def seed(stdout: Any) -> None:
    stdout.write(f"  {_stages()} stage pages written in six languages")
    stdout.write(f"  {_resources()} resources")
    stdout.write(f"  {_paths()} learning paths with quizzes")
    stdout.write(f"  {_readiness()} readiness statements")
