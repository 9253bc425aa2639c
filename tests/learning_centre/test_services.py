from datetime import timedelta
from unittest.mock import patch

import pytest
from django.utils import timezone

from accounts.roles import Role
from learning_centre import services, tasks
from learning_centre.models import Certificate, ModuleProgress, ReadinessAssessment
from outbox.models import OutboxMessage
from tests.accounts.factories import UserFactory
from tests.learning_centre.factories import (
    LearningPathFactory,
    ModuleFactory,
    ReadinessQuestionFactory,
    quiz_question,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return UserFactory(role=Role.MEMBER, full_name="Dana Officer")


def test_completing_a_reading_module_records_progress_once(member):
    module = ModuleFactory()
    ModuleFactory(path=module.path)  # a second module keeps the path open
    services.module_complete(user=member, module=module)
    services.module_complete(user=member, module=module)
    assert ModuleProgress.objects.filter(user=member, module=module).count() == 1


def test_module_with_unfinished_prerequisite_is_refused(member):
    first = ModuleFactory()
    second = ModuleFactory(path=first.path, requires=first)
    with pytest.raises(services.PrerequisiteNotMetError):
        services.module_complete(user=member, module=second)
    services.module_complete(user=member, module=first)
    services.module_complete(user=member, module=second)
    assert ModuleProgress.objects.filter(user=member).count() == 2


def test_quiz_on_a_locked_module_is_refused(member):
    first = ModuleFactory()
    second = ModuleFactory(path=first.path, requires=first)
    question, right, _wrong = quiz_question(second)
    with pytest.raises(services.PrerequisiteNotMetError):
        services.quiz_submit(
            user=member, module=second, answers={question.pk: right.pk}
        )
    assert not ModuleProgress.objects.exists()


def test_quiz_module_cannot_be_marked_done_without_passing(member):
    module = ModuleFactory()
    quiz_question(module)
    with pytest.raises(services.LearningError):
        services.module_complete(user=member, module=module)


def test_quiz_scoring_gives_feedback_and_applies_the_pass_mark(member):
    module = ModuleFactory(pass_mark=50)
    ModuleFactory(path=module.path)
    q1, right1, _wrong1 = quiz_question(module)
    q2, right2, wrong2 = quiz_question(module)
    q3, _right3, wrong3 = quiz_question(module)
    result = services.quiz_submit(
        user=member,
        module=module,
        answers={q1.pk: right1.pk, q2.pk: wrong2.pk, q3.pk: wrong3.pk},
    )
    assert result.score == 33
    assert not result.passed
    assert [f.correct for f in result.feedback] == [True, False, False]
    assert result.feedback[1].correct_option_ids == [right2.pk]
    assert not ModuleProgress.objects.exists()
    result = services.quiz_submit(
        user=member,
        module=module,
        answers={q1.pk: right1.pk, q2.pk: right2.pk, q3.pk: wrong3.pk},
    )
    assert result.score == 67
    assert result.passed
    assert ModuleProgress.objects.get(user=member, module=module).score == 67


@pytest.mark.parametrize(
    "tamper", ["unknown_option", "other_questions_option", "extra"]
)
def test_quiz_rejects_tampered_answers(member, tamper):
    module = ModuleFactory()
    question, right, _wrong = quiz_question(module)
    other_question, other_option, _ = quiz_question(ModuleFactory())
    answers = {
        "unknown_option": {question.pk: 999_999},
        "other_questions_option": {question.pk: other_option.pk},
        "extra": {question.pk: right.pk, other_question.pk: other_option.pk},
    }[tamper]
    with pytest.raises(services.QuizAnswerError):
        services.quiz_submit(user=member, module=module, answers=answers)
    assert not ModuleProgress.objects.exists()


def test_quiz_requires_every_question_answered(member):
    module = ModuleFactory()
    question, right, _ = quiz_question(module)
    quiz_question(module)
    with pytest.raises(services.QuizAnswerError):
        services.quiz_submit(
            user=member, module=module, answers={question.pk: right.pk}
        )


def test_completing_the_path_issues_one_certificate_with_an_unguessable_code(member):
    path = LearningPathFactory(certificate_valid_days=30)
    module = ModuleFactory(path=path)
    question, right, _ = quiz_question(module)
    result = services.quiz_submit(
        user=member, module=module, answers={question.pk: right.pk}
    )
    certificate = result.certificate
    assert certificate is not None
    assert len(certificate.code) >= 32
    assert certificate.holder_name == "Dana Officer"
    assert certificate.expires_at is not None
    assert certificate.expires_at - certificate.issued_at == timedelta(days=30)
    services.quiz_submit(user=member, module=module, answers={question.pk: right.pk})
    assert Certificate.objects.filter(user=member, path=path).count() == 1


def test_a_certificate_is_issued_again_after_expiry_and_restart(member):
    module = ModuleFactory(path=LearningPathFactory(certificate_valid_days=10))
    first = services.module_complete(user=member, module=module)
    assert first is not None
    Certificate.objects.filter(pk=first.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    services.path_restart(user=member, path=module.path)
    assert not ModuleProgress.objects.filter(user=member).exists()
    second = services.module_complete(user=member, module=module)
    assert second is not None
    assert second.pk != first.pk


def test_renewal_reminder_is_sent_once(member, django_capture_on_commit_callbacks):
    module = ModuleFactory(path=LearningPathFactory(certificate_valid_days=20))
    certificate = services.module_complete(user=member, module=module)
    assert certificate is not None
    with (
        patch("outbox.tasks.send_email.delay"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert tasks.send_certificate_reminders() == 1
        assert tasks.send_certificate_reminder(certificate.pk) is False
        assert tasks.send_certificate_reminders() == 0
    messages = OutboxMessage.objects.filter(
        dedupe_key=f"certificate-renewal-{certificate.pk}"
    )
    assert messages.count() == 1
    assert member.email in str(messages.get().kwargs)


def test_certificates_far_from_expiry_get_no_reminder(member):
    module = ModuleFactory(path=LearningPathFactory(certificate_valid_days=365))
    services.module_complete(user=member, module=module)
    assert tasks.send_certificate_reminders() == 0


def test_readiness_scores_each_dimension_and_overall(member):
    g1 = ReadinessQuestionFactory(dimension="governance")
    g2 = ReadinessQuestionFactory(dimension="governance")
    d1 = ReadinessQuestionFactory(dimension="data")
    assessment = services.readiness_submit(
        user=member, answers={g1.pk: 4, g2.pk: 2, d1.pk: 0}
    )
    assert assessment.scores == {"governance": 75, "data": 0}
    assert assessment.overall == 38
    assert ReadinessAssessment.objects.filter(user=member).count() == 1


@pytest.mark.parametrize("bad", ["missing", "out_of_range", "unknown"])
def test_readiness_rejects_incomplete_or_tampered_answers(member, bad):
    q1 = ReadinessQuestionFactory()
    q2 = ReadinessQuestionFactory()
    answers = {
        "missing": {q1.pk: 3},
        "out_of_range": {q1.pk: 3, q2.pk: 9},
        "unknown": {q1.pk: 3, q2.pk: 3, 999_999: 1},
    }[bad]
    with pytest.raises(services.ReadinessAnswerError):
        services.readiness_submit(user=member, answers=answers)
    assert not ReadinessAssessment.objects.exists()
