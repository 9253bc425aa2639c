"""Writes for the Learning Centre: progress, quizzes, certificates, readiness."""

import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import User
from accounts.selectors import user_own_name
from accounts.services import audit_event_record
from learning_centre import selectors
from learning_centre.audit import LearningAction
from learning_centre.models import (
    Certificate,
    LearningPath,
    Module,
    ModuleProgress,
    ReadinessAssessment,
    ReadinessDimension,
    Resource,
    ResourceVersion,
    Stage,
)
from outbox.emails import email_url, email_user_enqueue

MAX_SCALE = 4  # readiness answers: 0 (not started) to 4 (fully in place)


class LearningError(Exception):
    """A request the rules refuse; the message is safe to show to the member."""


class PrerequisiteNotMetError(LearningError):
    pass


class QuizAnswerError(LearningError):
    pass


class ReadinessAnswerError(LearningError):
    pass


@dataclass
class QuestionFeedback:
    question_id: int
    chosen_option_id: int
    correct: bool
    correct_option_ids: list[int]


@dataclass
class QuizResult:
    score: int
    passed: bool
    feedback: list[QuestionFeedback] = field(default_factory=list)
    certificate: Certificate | None = None


def _check_prerequisite(*, user: User, module: Module) -> None:
    if module.requires_id is None:
        return
    done = ModuleProgress.objects.filter(user=user, module_id=module.requires_id)
    if not done.exists():
        raise PrerequisiteNotMetError(
            gettext("Finish “%(module)s” before starting this module.")
            % {"module": module.requires.local_title if module.requires else ""}
        )


def _record_progress(*, user: User, module: Module, score: int | None) -> None:
    progress = ModuleProgress.objects.filter(user=user, module=module).first()
    if progress is None:
        try:
            with transaction.atomic():
                ModuleProgress.objects.create(
                    user=user, module=module, score=score, completed_at=timezone.now()
                )
        except IntegrityError:  # a double submit won the race: nothing to add
            pass
    elif score is not None and (progress.score or 0) < score:
        progress.score = score
        progress.save(update_fields=["score"])


@transaction.atomic
def module_complete(*, user: User, module: Module) -> Certificate | None:
    """Mark a reading module done. Modules with a quiz are completed by passing it.

    Idempotent. Returns the certificate if this completed the path.
    """
    _check_prerequisite(user=user, module=module)
    if module.questions.exists():
        raise LearningError(gettext("Pass this module's quiz to complete it."))
    _record_progress(user=user, module=module, score=None)
    return certificate_issue_if_complete(user=user, path=module.path)


@transaction.atomic
def quiz_submit(*, user: User, module: Module, answers: dict[int, int]) -> QuizResult:
    """Score the answers (question id -> option id); a pass completes the module.

    Every question must be answered with one of its own options, otherwise
    QuizAnswerError; nothing is recorded then.
    """
    _check_prerequisite(user=user, module=module)
    questions = list(module.questions.prefetch_related("options"))
    if not questions:
        raise QuizAnswerError(gettext("This module has no quiz."))
    known_ids = {q.pk for q in questions}
    if set(answers) - known_ids:
        raise QuizAnswerError(gettext("The answers do not match this quiz."))
    feedback = []
    for question in questions:
        chosen = answers.get(question.pk)
        if chosen is None:
            raise QuizAnswerError(gettext("Answer every question."))
        options = {o.pk: o for o in question.options.all()}
        if chosen not in options:
            raise QuizAnswerError(gettext("The answers do not match this quiz."))
        feedback.append(
            QuestionFeedback(
                question_id=question.pk,
                chosen_option_id=chosen,
                correct=options[chosen].is_correct,
                correct_option_ids=[o.pk for o in options.values() if o.is_correct],
            )
        )
    right = sum(1 for f in feedback if f.correct)
    score = round(100 * right / len(questions))
    result = QuizResult(
        score=score, passed=score >= module.pass_mark, feedback=feedback
    )
    if result.passed:
        _record_progress(user=user, module=module, score=score)
        result.certificate = certificate_issue_if_complete(user=user, path=module.path)
    return result


def _valid_certificate(*, user: User, path: LearningPath) -> Certificate | None:
    now = timezone.now()
    return (
        Certificate.objects.filter(user=user, path=path)
        .filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now))
        .first()
    )


def certificate_issue_if_complete(
    *, user: User, path: LearningPath
) -> Certificate | None:
    """Issue a certificate once every module is done and none is still valid."""
    module_ids = set(path.modules.values_list("pk", flat=True))
    if not module_ids or module_ids - selectors.completed_module_ids(
        user=user, path=path
    ):
        return None
    existing = _valid_certificate(user=user, path=path)
    if existing is not None:
        return existing
    now = timezone.now()
    certificate = Certificate.objects.create(
        code=secrets.token_urlsafe(24),
        user=user,
        path=path,
        holder_name=user.full_name or user.email,
        issued_at=now,
        expires_at=(
            now + timedelta(days=path.certificate_valid_days)
            if path.certificate_valid_days
            else None
        ),
    )
    audit_event_record(
        actor=user,
        action=LearningAction.CERTIFICATE_ISSUED,
        target=certificate,
        after={"path": path.slug, "expires_at": str(certificate.expires_at or "")},
    )
    return certificate


@transaction.atomic
def path_restart(*, user: User, path: LearningPath) -> None:
    """Clear the member's progress on a path so they can renew the certificate.

    Issued certificates stay verifiable until they expire.
    """
    deleted, _rows = ModuleProgress.objects.filter(
        user=user, module__path=path
    ).delete()
    if deleted:
        audit_event_record(
            actor=user,
            action=LearningAction.PATH_RESTARTED,
            target=path,
            before={"completed_modules": deleted},
        )


@transaction.atomic
def certificate_mark_reminded(*, certificate_id: int) -> Certificate | None:
    """Claim the reminder for one certificate; None if already sent (or gone)."""
    claimed = Certificate.objects.filter(
        pk=certificate_id, reminder_sent_at__isnull=True
    ).update(reminder_sent_at=timezone.now())
    if not claimed:
        return None
    return Certificate.objects.select_related("user", "path").get(pk=certificate_id)


@transaction.atomic
def certificate_reminder_send(*, certificate_id: int) -> bool:
    """Email the holder that the certificate expires soon, once: the reminder is
    claimed and the email queued in the outbox (with a dedupe key) together.
    False if it was already sent (or the certificate is gone)."""
    certificate = certificate_mark_reminded(certificate_id=certificate_id)
    if certificate is None:
        return False
    user = certificate.user
    with translation.override(user.language):
        path_url = reverse(
            "learning_centre:path-detail", kwargs={"slug": certificate.path.slug}
        )
    email_user_enqueue(
        user=user,
        template_prefix="learning_centre/certificate_renewal",
        context={
            "user_name": user_own_name(user),
            "path_title": certificate.path.title,
            "expires_at": certificate.expires_at,
            "path_url": email_url(path_url),
        },
        dedupe_key=f"certificate-renewal-{certificate.pk}",
    )
    return True


# --- Readiness ---------------------------------------------------------------


def readiness_score(*, answers: dict[int, int]) -> tuple[dict[str, int], int]:
    """Per-dimension percentages and their mean, from question id -> 0..4."""
    by_dimension: dict[str, list[int]] = {}
    for question in selectors.readiness_questions():
        if question.pk in answers:
            by_dimension.setdefault(question.dimension, []).append(answers[question.pk])
    scores = {
        dimension: round(100 * sum(values) / (MAX_SCALE * len(values)))
        for dimension, values in by_dimension.items()
    }
    ordered = {d: scores[d] for d in ReadinessDimension.values if d in scores}
    overall = round(sum(ordered.values()) / len(ordered)) if ordered else 0
    return ordered, overall


@transaction.atomic
def readiness_submit(*, user: User, answers: dict[int, int]) -> ReadinessAssessment:
    """Save a completed self-assessment; every question needs a 0-4 answer."""
    question_ids = {q.pk for q in selectors.readiness_questions()}
    if not question_ids:
        raise ReadinessAnswerError(gettext("There are no questions yet."))
    if set(answers) != question_ids:
        raise ReadinessAnswerError(gettext("Answer every statement."))
    if any(not 0 <= value <= MAX_SCALE for value in answers.values()):
        raise ReadinessAnswerError(gettext("An answer is out of range."))
    scores, overall = readiness_score(answers=answers)
    return ReadinessAssessment.objects.create(
        user=user,
        answers={str(k): v for k, v in answers.items()},
        scores=scores,
        overall=overall,
    )


@transaction.atomic
def resource_draft_create(
    *,
    slug: str,
    title: str,
    summary: str,
    body: str,
    stage: Stage,
    url: str = "",
) -> Resource:
    """An unpublished guide in English, tagged with ``stage``, for an editor to
    finish, translate and publish in the admin (other apps' outcomes arrive so,
    e.g. a winning challenge submission). The caller checks who may and audits.
    A taken slug gets a number appended."""
    base, n = slug[:110], 1
    while Resource.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    resource = Resource.objects.create(
        slug=slug,
        kind=Resource.Kind.GUIDE,
        topic=Resource.Topic.IMPLEMENTING_AI,
        level=Resource.Level.INTERMEDIATE,
        url=url,
        is_published=False,
    )
    resource.stages.set([stage])
    ResourceVersion.objects.create(
        resource=resource,
        language="en",
        title=title[:200],
        summary=summary[:600],
        body=body,
    )
    return resource
