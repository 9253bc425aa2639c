import re
from datetime import timedelta
from pathlib import Path

import pytest
from celery import current_app
from django.core import mail, signing
from django.test import override_settings
from django.utils import timezone

from accounts.models import AuditEvent
from accounts.roles import Role
from accounts.selectors import user_roles
from onboarding import selectors, services, tasks
from onboarding.audit import ApplicationAction
from onboarding.models import Application, ConfirmationRequest, Signal
from onboarding.services import ApplicationStateError, ConfirmationLinkError
from onboarding.tasks import purge_closed_applications, remind_and_expire_needs_info
from outbox.models import OutboxMessage
from tests.accounts.factories import UserFactory
from tests.onboarding.factories import (
    ApplicationFactory,
    RejectionReasonFactory,
    SubmittedApplicationFactory,
    TrustedDomainFactory,
)

pytestmark = pytest.mark.django_db
Status = Application.Status


@pytest.fixture
def verifier():
    return UserFactory(role=Role.VERIFIER)


def _in_review(verifier, **kwargs):
    application = SubmittedApplicationFactory(**kwargs)
    return services.application_claim(application=application, actor=verifier)


def test_submitting_a_draft_screens_acknowledges_and_audits(
    django_capture_on_commit_callbacks,
):
    TrustedDomainFactory()
    application = ApplicationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application, actor=application.user)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.submitted_at is not None
    assert application.screened_at is not None
    assert application.signals.filter(code=Signal.Code.TRUSTED_DOMAIN).exists()
    subjects = [m.subject for m in mail.outbox]
    assert "We received your application" in subjects
    assert "Confirm your work email address" in subjects
    assert AuditEvent.objects.filter(action=ApplicationAction.SUBMITTED).count() == 1


def test_submitting_twice_raises_and_sends_one_receipt(
    django_capture_on_commit_callbacks,
):
    application = ApplicationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application, actor=application.user)
    with pytest.raises(ApplicationStateError):
        services.application_submit(application=application, actor=application.user)
    receipts = [m for m in mail.outbox if m.subject == "We received your application"]
    assert len(receipts) == 1


def test_submitting_an_incomplete_draft_is_refused():
    application = ApplicationFactory(agency_name="", consent=False)
    with pytest.raises(ApplicationStateError, match="required answers"):
        services.application_submit(application=application, actor=application.user)
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_submitting_with_ones_own_address_as_supervisor_is_refused():
    application = ApplicationFactory()
    application.supervisor_email = application.user.email
    with pytest.raises(ApplicationStateError, match="supervisor"):
        services.application_submit(application=application, actor=application.user)


def test_claiming_puts_the_case_in_review_with_an_assignee(verifier):
    application = _in_review(verifier)
    assert application.status == Status.IN_REVIEW
    assert application.assignee == verifier
    event = AuditEvent.objects.get(action=ApplicationAction.CLAIMED)
    assert event.before["status"] == Status.SUBMITTED


def test_approving_provisions_the_member_once_with_a_welcome_email(
    verifier, django_capture_on_commit_callbacks
):
    application = _in_review(verifier)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(application=application, actor=verifier)
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    assert application.provisioned_at is not None
    assert Role.MEMBER in user_roles(
        user=type(application.user).objects.get(pk=application.user_id)
    )
    # Running provisioning again changes nothing and sends nothing.
    assert services.application_provision(application=application) is False
    welcomes = [
        m for m in mail.outbox if m.subject == "Welcome to the Safer Children Hub"
    ]
    assert len(welcomes) == 1


def test_the_welcome_email_is_in_the_members_language(
    verifier, django_capture_on_commit_callbacks
):
    application = _in_review(verifier, user=UserFactory(language="fr"))
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(application=application, actor=verifier)
    assert any("Bienvenue" in m.subject for m in mail.outbox)


def test_a_second_verifier_cannot_decide_a_decided_case(verifier):
    application = _in_review(verifier)
    stale = Application.objects.get(pk=application.pk)
    services.application_approve(application=application, actor=verifier)
    other = UserFactory(role=Role.VERIFIER)
    with pytest.raises(ApplicationStateError, match="Approved"):
        services.application_reject(
            application=stale, actor=other, reason=None, message="No"
        )
    assert Application.objects.get(pk=application.pk).status == Status.APPROVED


def test_a_decision_on_an_old_version_is_refused(verifier):
    application = _in_review(verifier)
    old_version = application.version
    services.application_request_info(
        application=application, actor=verifier, question="Which unit?"
    )
    services.application_answer(
        application=application, actor=application.user, body="CPU"
    )
    with pytest.raises(ApplicationStateError, match="changed meanwhile"):
        services.application_approve(
            application=application, actor=verifier, expected_version=old_version
        )


def test_approving_a_submitted_unclaimed_case_is_refused(verifier):
    application = SubmittedApplicationFactory()
    with pytest.raises(ApplicationStateError, match="Claim it first"):
        services.application_approve(application=application, actor=verifier)


def test_nobody_decides_their_own_application():
    verifier = UserFactory(role=Role.VERIFIER)
    application = SubmittedApplicationFactory(user=verifier)
    with pytest.raises(ApplicationStateError, match="own application"):
        services.application_claim(application=application, actor=verifier)


@override_settings(HUB_ONBOARDING_SECOND_SIGNOFF_COUNTRIES=["FR"])
def test_second_signoff_needs_another_verifier(verifier):
    application = _in_review(verifier)
    services.application_approve(application=application, actor=verifier)
    assert application.status == Status.IN_REVIEW
    assert application.awaiting_second_signoff
    with pytest.raises(ApplicationStateError, match="second verifier"):
        services.application_approve(application=application, actor=verifier)
    services.application_approve(
        application=application, actor=UserFactory(role=Role.VERIFIER)
    )
    assert application.status == Status.APPROVED


def test_rejecting_tells_the_applicant_the_reason(verifier):
    application = _in_review(verifier)
    reason = RejectionReasonFactory()
    services.application_reject(
        application=application, actor=verifier, reason=reason, message="Sorry."
    )
    assert application.status == Status.REJECTED
    event = AuditEvent.objects.get(action=ApplicationAction.REJECTED)
    assert event.after["reason"] == reason.title


def test_rejecting_without_any_reason_is_refused(verifier):
    application = _in_review(verifier)
    with pytest.raises(ApplicationStateError, match="reason"):
        services.application_reject(
            application=application, actor=verifier, reason=None, message=" "
        )


def test_requesting_information_pauses_the_clock_until_the_answer(verifier):
    application = _in_review(verifier)
    services.application_request_info(
        application=application, actor=verifier, question="Which unit?"
    )
    assert application.status == Status.NEEDS_INFO
    Application.objects.filter(pk=application.pk).update(
        info_requested_at=timezone.now() - timedelta(days=3)
    )
    application.refresh_from_db()
    services.application_answer(
        application=application, actor=application.user, body="Cyber unit"
    )
    assert application.status == Status.IN_REVIEW
    assert application.paused_seconds >= 3 * 86400 - 5
    assert [m.body for m in application.messages.all()] == ["Which unit?", "Cyber unit"]


def test_answering_when_no_question_is_open_is_refused(verifier):
    application = _in_review(verifier)
    with pytest.raises(ApplicationStateError):
        services.application_answer(
            application=application, actor=application.user, body="Hello"
        )


def test_withdrawing_closes_the_application():
    application = SubmittedApplicationFactory()
    services.application_withdraw(application=application, actor=application.user)
    assert application.status == Status.WITHDRAWN
    with pytest.raises(ApplicationStateError):
        services.application_withdraw(application=application, actor=application.user)


def test_draft_edits_are_refused_after_submission():
    application = SubmittedApplicationFactory()
    with pytest.raises(ApplicationStateError, match="already submitted"):
        services.application_save_draft(
            application=application, actor=application.user, data={"unit": "X"}
        )


def test_a_supervisor_link_records_the_answer_once(verifier):
    application = _in_review(verifier)
    confirmation = services.application_request_confirmation(
        application=application,
        actor=verifier,
        kind=ConfirmationRequest.Kind.SUPERVISOR,
    )
    token = services.confirmation_token(confirmation=confirmation)
    services.confirmation_answer(token=token, answer=True, comment="Yes, my officer")
    confirmation.refresh_from_db()
    assert confirmation.answer is True
    with pytest.raises(ConfirmationLinkError, match="already been used"):
        services.confirmation_answer(token=token, answer=False)


def test_a_tampered_link_is_refused(verifier):
    application = _in_review(verifier)
    confirmation = services.application_request_confirmation(
        application=application,
        actor=verifier,
        kind=ConfirmationRequest.Kind.SUPERVISOR,
    )
    token = services.confirmation_token(confirmation=confirmation)
    with pytest.raises(ConfirmationLinkError, match="not valid"):
        services.confirmation_load(token=token[:-2] + "xx")


def test_an_expired_link_is_refused(verifier):
    application = _in_review(verifier)
    confirmation = services.application_request_confirmation(
        application=application,
        actor=verifier,
        kind=ConfirmationRequest.Kind.SUPERVISOR,
    )
    token = services.confirmation_token(confirmation=confirmation)
    with (
        override_settings(HUB_ONBOARDING_LINK_MAX_AGE=-1),
        pytest.raises(ConfirmationLinkError) as info,
    ):
        services.confirmation_load(token=token)
    assert info.value.expired


def test_a_link_signed_for_another_purpose_is_refused():
    token = signing.dumps("00000000-0000-0000-0000-000000000000", salt="other")
    with pytest.raises(ConfirmationLinkError):
        services.confirmation_load(token=token)


def test_referee_vouching_needs_an_active_member_referee(verifier):
    application = _in_review(verifier)
    with pytest.raises(ApplicationStateError, match="referee"):
        services.application_request_confirmation(
            application=application,
            actor=verifier,
            kind=ConfirmationRequest.Kind.REFEREE,
        )


def test_needs_info_is_reminded_then_expired(verifier):
    application = _in_review(verifier)
    services.application_request_info(
        application=application, actor=verifier, question="Which unit?"
    )
    Application.objects.filter(pk=application.pk).update(
        info_requested_at=timezone.now() - timedelta(days=8)
    )
    assert remind_and_expire_needs_info() == (1, 0)
    assert remind_and_expire_needs_info() == (0, 0)
    Application.objects.filter(pk=application.pk).update(
        info_requested_at=timezone.now() - timedelta(days=30)
    )
    assert remind_and_expire_needs_info() == (0, 1)
    application.refresh_from_db()
    assert application.status == Status.EXPIRED


def test_retention_purge_anonymises_old_closed_applications(verifier):
    application = _in_review(verifier)
    services.application_note_add(application=application, actor=verifier, body="Hm")
    services.application_reject(
        application=application, actor=verifier, reason=None, message="No"
    )
    recent = SubmittedApplicationFactory(
        status=Status.REJECTED, decided_at=timezone.now()
    )
    Application.objects.filter(pk=application.pk).update(
        decided_at=timezone.now() - timedelta(days=181)
    )
    assert purge_closed_applications() == 1
    assert purge_closed_applications() == 0
    application.refresh_from_db()
    assert application.full_name == ""
    assert application.user is None
    assert application.country.code == "FR"
    assert application.status == Status.REJECTED
    assert not application.notes.exists()
    recent.refresh_from_db()
    assert recent.full_name


def test_contract_selectors_count_and_time_decisions(verifier):
    application = _in_review(verifier)
    Application.objects.filter(pk=application.pk).update(
        submitted_at=timezone.now() - timedelta(days=2)
    )
    application.refresh_from_db()
    services.application_approve(application=application, actor=verifier)
    services.application_provision(application=application)
    SubmittedApplicationFactory(country="DE", agency_type="prosecution")
    counts = selectors.application_counts_by_status()
    assert counts[Status.APPROVED] == 1
    assert counts[Status.SUBMITTED] == 1
    assert selectors.median_decision_time() >= timedelta(days=2) - timedelta(minutes=1)
    assert selectors.member_counts_by_country() == [("FR", 1)]
    assert selectors.member_counts_by_agency_type() == [("police", 1)]


def test_outbox_holds_the_screening_when_the_broker_is_down():
    application = ApplicationFactory()
    services.application_submit(application=application, actor=application.user)
    # No commit in a test transaction: the work waits in the outbox.
    assert OutboxMessage.objects.filter(
        dedupe_key=f"onboarding:screen:{application.pk}"
    ).exists()


def test_working_days_skip_weekends():
    monday = timezone.datetime(2026, 1, 5, 9, tzinfo=timezone.UTC)
    assert selectors.working_days_between(monday, monday + timedelta(days=7)) == 5
    assert selectors.working_days_between(monday, monday + timedelta(days=5)) == 4


def test_every_task_the_services_enqueue_by_name_is_a_registered_task():
    """The services name their tasks (``"onboarding.tasks.x"``) instead of
    importing them: a renamed task must fail here, not silently in the outbox."""
    package = Path(services.__file__).parent
    named = {
        name
        for path in package.glob("*.py")
        for name in re.findall(r'"(onboarding\.tasks\.\w+)"', path.read_text())
    }
    assert len(named) >= 4
    for name in named:
        assert current_app.tasks[name].name == name
        assert getattr(tasks, name.rsplit(".", 1)[1]).name == name
