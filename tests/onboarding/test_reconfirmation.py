"""Yearly re-confirmation of members, and starting again after a closed application."""

from datetime import timedelta

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent, User
from accounts.roles import Role
from accounts.selectors import user_roles
from onboarding import services
from onboarding.audit import ApplicationAction
from onboarding.models import Application, MemberReconfirmation
from onboarding.services import ApplicationStateError, ConfirmationLinkError
from onboarding.tasks import reconfirm_members
from tests.accounts.factories import UserFactory, reauthenticate
from tests.onboarding.factories import ApplicationFactory, SubmittedApplicationFactory

pytestmark = pytest.mark.django_db
Status = Application.Status
REMINDER = "Please confirm that you still work in law enforcement"
PAUSED = "Your access to the Safer Children Hub is paused"


def _roles(user: User) -> frozenset[Role]:
    return user_roles(user=User.objects.get(pk=user.pk))


def _member(*, confirmed_days_ago: int) -> User:
    member = UserFactory(role=Role.MEMBER)
    MemberReconfirmation.objects.create(
        user=member,
        confirmed_at=timezone.now() - timedelta(days=confirmed_days_ago),
    )
    return member


def _subjects(subject: str) -> int:
    return sum(message.subject == subject for message in mail.outbox)


def _token(member: User) -> str:
    record = MemberReconfirmation.objects.get(user=member)
    return services.reconfirmation_token(record=record)


def test_reconfirmation_reminder_is_sent_once_per_period(
    django_capture_on_commit_callbacks,
):
    due = _member(confirmed_days_ago=400)
    recent = _member(confirmed_days_ago=100)
    with django_capture_on_commit_callbacks(execute=True):
        assert reconfirm_members() == (1, 0)
    with django_capture_on_commit_callbacks(execute=True):
        assert reconfirm_members() == (0, 0)  # idempotent: no second reminder
    reminders = [m for m in mail.outbox if m.subject == REMINDER]
    assert len(reminders) == 1
    assert reminders[0].to == [due.email]
    assert "/reconfirm/" in reminders[0].body
    assert MemberReconfirmation.objects.get(user=recent).reminded_at is None
    assert Role.MEMBER in _roles(due)
    assert AuditEvent.objects.filter(action=ApplicationAction.MEMBER_REMINDED).count()


def test_reconfirmation_starts_the_clock_for_members_without_a_record(
    django_capture_on_commit_callbacks,
):
    old = UserFactory(role=Role.MEMBER)
    User.objects.filter(pk=old.pk).update(
        date_joined=timezone.now() - timedelta(days=500)
    )
    approved = ApplicationFactory(
        status=Status.APPROVED, decided_at=timezone.now() - timedelta(days=20)
    )
    approved.user.groups.add(*UserFactory(role=Role.MEMBER).groups.all())
    with django_capture_on_commit_callbacks(execute=True):
        reminded, _ = reconfirm_members()
    assert reminded == 1
    assert MemberReconfirmation.objects.get(user=old).reminded_at is not None
    assert MemberReconfirmation.objects.get(user=approved.user).reminded_at is None


def test_reconfirmation_pauses_access_after_the_grace_period(
    django_capture_on_commit_callbacks,
):
    member = _member(confirmed_days_ago=400)
    reconfirm_members()
    MemberReconfirmation.objects.filter(user=member).update(
        reminded_at=timezone.now() - timedelta(days=29)
    )
    assert reconfirm_members() == (0, 0)  # still within the grace period
    MemberReconfirmation.objects.filter(user=member).update(
        reminded_at=timezone.now() - timedelta(days=31)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert reconfirm_members() == (0, 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert reconfirm_members() == (0, 0)  # paused once
    record = MemberReconfirmation.objects.get(user=member)
    assert record.paused_at is not None
    assert Role.MEMBER not in _roles(member)
    assert _subjects(PAUSED) == 1
    assert (
        AuditEvent.objects.filter(action=ApplicationAction.MEMBER_PAUSED).count() == 1
    )


def test_reconfirmation_paused_member_is_sent_to_their_application_page(
    client: Client,
):
    application = ApplicationFactory(status=Status.APPROVED)
    member = application.user
    MemberReconfirmation.objects.create(
        user=member,
        confirmed_at=timezone.now() - timedelta(days=400),
        reminded_at=timezone.now() - timedelta(days=40),
        paused_at=timezone.now(),
    )
    client.force_login(member)
    response = client.get("/tools/")
    assert response.status_code == 302
    page = client.get(reverse("onboarding:application"))
    assert "Your access is paused" in page.content.decode()


def test_reconfirmation_link_resets_the_clock_and_works_once(client: Client):
    member = _member(confirmed_days_ago=400)
    reconfirm_members()
    token = _token(member)
    url = reverse("onboarding:reconfirm", kwargs={"token": token})
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 200
    record = MemberReconfirmation.objects.get(user=member)
    assert record.reminded_at is None
    assert timezone.now() - record.confirmed_at < timedelta(minutes=1)
    assert client.post(url).status_code == 410  # single use
    assert reconfirm_members() == (0, 0)  # the clock restarted
    assert Role.MEMBER in _roles(member)
    assert AuditEvent.objects.filter(
        action=ApplicationAction.MEMBER_RECONFIRMED
    ).exists()


def test_reconfirmation_link_tampered_or_after_the_pause_is_refused(client: Client):
    member = _member(confirmed_days_ago=400)
    reconfirm_members()
    token = _token(member)
    tampered = reverse("onboarding:reconfirm", kwargs={"token": token[:-2] + "xx"})
    assert client.post(tampered).status_code == 400
    other_salt = signing.dumps(
        str(MemberReconfirmation.objects.get(user=member).nonce),
        salt=services.CONFIRMATION_SALT,
    )
    assert client.post(f"/reconfirm/{other_salt}/").status_code == 400
    services.member_access_pause(record=MemberReconfirmation.objects.get(user=member))
    with pytest.raises(ConfirmationLinkError, match="paused"):
        services.member_reconfirm(token=token)


def test_reconfirmation_staff_resume_restores_access(client: Client):
    member = _member(confirmed_days_ago=400)
    reconfirm_members()
    record = MemberReconfirmation.objects.get(user=member)
    services.member_access_pause(record=record)
    assert Role.MEMBER not in _roles(member)

    verifier = UserFactory(role=Role.VERIFIER)
    client.force_login(verifier)
    reauthenticate(client)
    page = client.get(reverse("onboarding:member-paused-list"))
    assert member.email in page.content.decode()
    response = client.post(reverse("onboarding:member-resume", args=[record.pk]))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.paused_at is None
    assert record.resumed_by == verifier
    assert Role.MEMBER in _roles(member)
    event = AuditEvent.objects.get(action=ApplicationAction.MEMBER_RESUMED)
    assert event.actor == verifier
    assert event.before == {"paused": True}
    # Resuming twice is refused: the service raises, the page no longer lists it.
    with pytest.raises(ApplicationStateError):
        services.member_access_resume(record=record, actor=verifier)
    again = client.post(reverse("onboarding:member-resume", args=[record.pk]))
    assert again.status_code == 404


def test_reconfirmation_resume_of_an_unpaused_member_is_404(client: Client):
    member = _member(confirmed_days_ago=10)
    record = MemberReconfirmation.objects.get(user=member)
    client.force_login(UserFactory(role=Role.VERIFIER))
    reauthenticate(client)
    response = client.post(reverse("onboarding:member-resume", args=[record.pk]))
    assert response.status_code == 404


def test_reconfirmation_approval_starts_the_clock(django_capture_on_commit_callbacks):
    verifier = UserFactory(role=Role.VERIFIER)
    application = services.application_claim(
        application=SubmittedApplicationFactory(), actor=verifier
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.application_approve(application=application, actor=verifier)
    record = MemberReconfirmation.objects.get(user=application.user)
    assert timezone.now() - record.confirmed_at < timedelta(minutes=1)


@pytest.mark.parametrize("status", [Status.REJECTED, Status.WITHDRAWN, Status.EXPIRED])
def test_restart_after_a_closed_application_keeps_the_old_one(
    client: Client, status: str
):
    old = ApplicationFactory(status=status, agency_name="Old Agency")
    client.force_login(old.user)
    response = client.post(reverse("onboarding:application-restart"))
    assert response.status_code == 302
    applications = Application.objects.filter(user=old.user).order_by("pk")
    assert [a.status for a in applications] == [status, Status.DRAFT]
    draft = applications.last()
    assert draft.agency_name == "Old Agency"
    assert draft.consent is False
    assert AuditEvent.objects.filter(action=ApplicationAction.RESTARTED).exists()
    # The questionnaire is back, and a second restart is refused.
    assert (
        "Submit application"
        in client.get(reverse("onboarding:application")).content.decode()
    )
    with pytest.raises(ApplicationStateError):
        services.application_restart(application=draft, actor=old.user)


@pytest.mark.parametrize(
    "status", [Status.SUBMITTED, Status.IN_REVIEW, Status.NEEDS_INFO, Status.APPROVED]
)
def test_restart_of_an_open_or_approved_application_is_refused(status: str):
    application = ApplicationFactory(status=status)
    with pytest.raises(ApplicationStateError):
        services.application_restart(application=application, actor=application.user)
    assert Application.objects.filter(user=application.user).count() == 1


def test_restart_button_shows_only_on_a_closed_application(client: Client):
    rejected = ApplicationFactory(status=Status.REJECTED)
    client.force_login(rejected.user)
    assert (
        "Start a new application"
        in client.get(reverse("onboarding:application")).content.decode()
    )
    waiting = SubmittedApplicationFactory()
    client.force_login(waiting.user)
    assert (
        "Start a new application"
        not in client.get(reverse("onboarding:application")).content.decode()
    )
