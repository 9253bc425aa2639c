"""The referee: no membership oracle in the questionnaire, a signed link instead.

The applicant learns nothing about who is a member: naming a member or anyone
else gets the same response, the same messages and the same work in the
request. The member is asked by a signed, single-use link; the verifier sees
on the case page whether the referee is a member and what they answered.
Confirmation links stop taking answers once the application is decided.
"""

import re
from dataclasses import dataclass

import pytest
from django.contrib.messages import get_messages
from django.core import mail, signing
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import AuditEvent, User
from accounts.roles import Role
from accounts.services import role_revoke
from onboarding import services
from onboarding.audit import ApplicationAction
from onboarding.models import Application, ConfirmationRequest, Signal
from outbox.models import OutboxMessage
from tests.accounts.factories import UserFactory
from tests.onboarding.factories import (
    ConfirmationRequestFactory,
    SubmittedApplicationFactory,
)

pytestmark = pytest.mark.django_db
Status = Application.Status
Kind = ConfirmationRequest.Kind
URL = reverse("onboarding:application")
NOBODY = "not.a.member@police.example"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def referee() -> User:
    return UserFactory(
        email="vera.voucher@police.example", full_name="Vera Voucher", role=Role.MEMBER
    )


def _answers(**overrides: str) -> dict[str, str]:
    data = {
        "full_name": "Alex Example",
        "work_email": "alex@police.example",
        "job_title": "Detective",
        "role_category": "investigator",
        "years_in_role": "3",
        "agency_name": "Example Police",
        "agency_type": "police",
        "country": "FR",
        "unit": "Cyber",
        "supervisor_name": "Chief",
        "supervisor_email": "chief@police.example",
        "supervisor_phone": "+33 1",
        "consent": "on",
        "action": "submit",
    }
    data.update(overrides)
    return data


def _applicant_client(**user_fields: str) -> Client:
    client = Client()
    user = UserFactory(**user_fields)
    client.force_login(user)
    client.user = user
    return client


@dataclass
class Outcome:
    status: int
    location: str | None
    messages: list[tuple[int, str]]
    queries: int
    tasks: list[str]
    on_commit: int


def _post_questionnaire(capture, data: dict[str, str]) -> Outcome:
    """POST as a fresh applicant; what they see and what the request did."""
    client = _applicant_client()
    before = set(OutboxMessage.objects.values_list("pk", flat=True))
    with (
        CaptureQueriesContext(connection) as queries,
        capture(execute=False) as callbacks,
    ):
        response = client.post(URL, data)
    tasks = OutboxMessage.objects.exclude(pk__in=before).values_list(
        "task_name", flat=True
    )
    return Outcome(
        status=response.status_code,
        location=response.get("Location"),
        messages=[(m.level, str(m)) for m in get_messages(response.wsgi_request)],
        queries=len(queries),
        tasks=sorted(tasks),
        on_commit=len(callbacks),
    )


@pytest.mark.parametrize("action", ["save", "submit"])
def test_naming_a_member_or_anyone_else_as_referee_answers_the_same(
    referee, django_capture_on_commit_callbacks, action
):
    capture = django_capture_on_commit_callbacks
    # Warm the per-process caches (content types...) so both requests start equal.
    _post_questionnaire(capture, _answers(action=action, referee_email=NOBODY))

    member = _post_questionnaire(
        capture, _answers(action=action, referee_email=referee.email)
    )
    other = _post_questionnaire(capture, _answers(action=action, referee_email=NOBODY))

    assert member.status == other.status == 302
    assert member.location == other.location == URL
    assert member.messages == other.messages
    assert "no active member" not in str(member.messages + other.messages)
    # Same work in the request: same queries, same tasks queued for later.
    assert member.queries == other.queries
    assert member.tasks == other.tasks
    assert member.on_commit == other.on_commit


def test_the_status_page_is_the_same_whoever_the_referee_is(
    referee, django_capture_on_commit_callbacks
):
    pages = []
    for email in (referee.email, NOBODY):
        client = _applicant_client()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(URL, _answers(referee_email=email))
        page = client.get(URL).content.decode()
        pages.append(re.sub(r'(nonce|value)="[^"]*"', "", page))
    assert pages[0] == pages[1]
    assert "Vera Voucher" not in pages[0]


def test_the_member_referee_is_emailed_a_signed_link_and_confirms(
    referee, django_capture_on_commit_callbacks
):
    applicant = _applicant_client()
    with django_capture_on_commit_callbacks(execute=True):
        response = applicant.post(
            URL, _answers(full_name="Alex Example", referee_email=referee.email.upper())
        )
    assert response.status_code == 302
    application = Application.objects.get(user=applicant.user)
    assert application.status == Status.SUBMITTED

    emails = [m for m in mail.outbox if referee.email in m.to]
    assert len(emails) == 1
    assert emails[0].subject == "Can you vouch for an applicant?"
    assert "Alex Example" in emails[0].body
    token = re.search(r"/confirm/([^/\s]+)/", emails[0].body).group(1)
    # Signed: the token is the nonce of a referee request, and tampering fails.
    nonce = signing.loads(token, salt=services.CONFIRMATION_SALT)
    confirmation = ConfirmationRequest.objects.get(nonce=nonce)
    assert confirmation.kind == Kind.REFEREE
    assert confirmation.application == application
    link = reverse("onboarding:confirm", kwargs={"token": token})
    tampered = reverse("onboarding:confirm", kwargs={"token": token[:-2] + "xx"})

    stranger = Client()
    assert stranger.get(tampered).status_code == 400
    page = stranger.get(link)
    assert page.status_code == 200
    assert "named you as a referee" in page.content.decode()
    done = stranger.post(link, {"answer": "yes", "comment": "I know Alex."})
    assert done.status_code == 200
    confirmation.refresh_from_db()
    assert confirmation.answer is True
    assert confirmation.answered_at is not None
    assert stranger.post(link, {"answer": "no"}).status_code == 410  # single use
    confirmation.refresh_from_db()
    assert confirmation.answer is True


def test_a_non_member_referee_is_not_written_to(django_capture_on_commit_callbacks):
    applicant = _applicant_client()
    with django_capture_on_commit_callbacks(execute=True):
        applicant.post(URL, _answers(referee_email=NOBODY))
    assert not [m for m in mail.outbox if NOBODY in m.to]
    assert not ConfirmationRequest.objects.filter(kind=Kind.REFEREE).exists()
    application = Application.objects.get(user=applicant.user)
    assert application.referee_email == NOBODY
    assert application.referee is None


def test_the_own_address_is_refused_as_referee():
    applicant = _applicant_client(email="self@police.example")
    response = applicant.post(URL, _answers(referee_email="SELF@police.example"))
    assert response.status_code == 200
    assert "You cannot be your own referee." in response.content.decode()
    assert not Application.objects.filter(status=Status.SUBMITTED).exists()


def _submit(client: Client, capture, referee_email: str) -> Application:
    with capture(execute=True):
        client.post(URL, _answers(referee_email=referee_email))
    return Application.objects.get(user=client.user)


def test_the_case_page_shows_membership_and_answer_to_the_verifier_only(
    referee, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    vouched_for = _applicant_client()
    vouched = _submit(vouched_for, capture, referee.email)
    services.confirmation_answer(
        token=services.confirmation_token(
            confirmation=vouched.confirmations.get(kind=Kind.REFEREE)
        ),
        answer=True,
    )
    declined_for = _applicant_client()
    declined = _submit(declined_for, capture, referee.email)
    services.confirmation_answer(
        token=services.confirmation_token(
            confirmation=declined.confirmations.get(kind=Kind.REFEREE)
        ),
        answer=False,
    )
    unknown = _submit(_applicant_client(), capture, NOBODY)

    verifier = Client()
    verifier.force_login(UserFactory(role=Role.VERIFIER))

    def case_page(application: Application) -> str:
        url = reverse("onboarding:case-detail", kwargs={"pk": application.pk})
        response = verifier.get(url)
        assert response.status_code == 200
        return response.content.decode()

    page = case_page(vouched)
    assert referee.email in page
    assert "<bdi>Vera Voucher</bdi> is an active member of the Hub." in page
    assert "They vouched for the applicant." in page
    page = case_page(declined)
    assert "<bdi>Vera Voucher</bdi> is an active member of the Hub." in page
    assert "They declined to vouch for the applicant." in page
    page = case_page(unknown)
    assert NOBODY in page
    assert "No active member of the Hub has this email address." in page
    assert "Not asked: only active members are asked to vouch." in page

    # The applicant sees none of it; nor does anyone else without the permission.
    for client in (vouched_for, declined_for):
        own = client.get(URL).content.decode()
        assert "active member of the Hub" not in own
        assert "vouch" not in own
        url = reverse("onboarding:case-detail", kwargs={"pk": vouched.pk})
        assert client.get(url).status_code == 302
    member = Client()
    member.force_login(referee)
    url = reverse("onboarding:case-detail", kwargs={"pk": vouched.pk})
    assert member.get(url).status_code == 403


def test_the_case_page_shows_a_pending_request_and_a_former_member(
    referee, django_capture_on_commit_callbacks
):
    application = _submit(
        _applicant_client(), django_capture_on_commit_callbacks, referee.email
    )
    verifier = Client()
    verifier.force_login(UserFactory(role=Role.VERIFIER))
    url = reverse("onboarding:case-detail", kwargs={"pk": application.pk})
    page = verifier.get(url).content.decode()
    assert "<bdi>Vera Voucher</bdi> is an active member of the Hub." in page
    assert "no answer yet." in page
    assert "Ask the referee to vouch" in page

    role_revoke(actor=None, user=referee, role=Role.MEMBER)
    page = verifier.get(url).content.decode()
    assert (
        "<bdi>Vera Voucher</bdi> was asked as a member and is no longer an "
        "active member." in page
    )
    assert "Ask the referee to vouch" not in page


def test_screening_signals_about_the_referee(
    referee, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    vouched = _submit(_applicant_client(), capture, referee.email)
    with capture(execute=True):
        services.confirmation_answer(
            token=services.confirmation_token(
                confirmation=vouched.confirmations.get(kind=Kind.REFEREE)
            ),
            answer=True,
        )
    unknown = _submit(_applicant_client(), capture, NOBODY)

    def codes(application: Application) -> dict[str, str]:
        return {s.code: s.level for s in application.signals.all()}

    assert codes(vouched)[Signal.Code.REFEREE_ACTIVE] == Signal.Level.GOOD
    assert Signal.Code.REFEREE_INACTIVE not in codes(vouched)
    assert codes(unknown)[Signal.Code.REFEREE_UNKNOWN] == Signal.Level.WARNING
    reason = unknown.signals.get(code=Signal.Code.REFEREE_UNKNOWN).reason
    assert NOBODY in reason
    assert Signal.Code.REFEREE_ACTIVE not in codes(unknown)

    # The referee was a member when asked, and is not any more.
    role_revoke(actor=None, user=referee, role=Role.MEMBER)
    from onboarding.screening import application_screen

    application_screen(application=vouched)
    assert codes(vouched)[Signal.Code.REFEREE_INACTIVE] == Signal.Level.WARNING
    assert Signal.Code.REFEREE_ACTIVE not in codes(vouched)


def _signals_on_the_case_page(application: Application) -> str:
    verifier = Client()
    verifier.force_login(UserFactory(role=Role.VERIFIER))
    url = reverse("onboarding:case-detail", kwargs={"pk": application.pk})
    page = verifier.get(url).content.decode()
    return page.split('id="signals-title"', 1)[1].split("</section>", 1)[0]


def _answer_through_the_link(capture, application: Application, answer: str) -> None:
    confirmation = application.confirmations.get(kind=Kind.REFEREE)
    link = reverse(
        "onboarding:confirm",
        kwargs={"token": services.confirmation_token(confirmation=confirmation)},
    )
    with capture(execute=True):
        response = Client().post(link, {"answer": answer, "comment": "Noted."})
    assert response.status_code == 200


def test_naming_a_member_is_not_reassuring_until_they_answer(
    referee, django_capture_on_commit_callbacks
):
    """F10: typing a member's email showed "Referred by an active member
    (Reassuring)" on the case page before the member said anything."""
    application = _submit(
        _applicant_client(), django_capture_on_commit_callbacks, referee.email
    )
    signal = application.signals.get(code=Signal.Code.REFEREE_PENDING)
    assert signal.level == Signal.Level.INFO
    assert str(referee) in signal.reason
    assert not application.signals.filter(level=Signal.Level.GOOD).exists()
    signals = _signals_on_the_case_page(application)
    assert "Referred by an active member" not in signals
    assert "Referee has not answered yet</strong> (For information)" in signals
    assert "has not vouched for the applicant yet" in signals


def test_the_referee_signal_is_reassuring_once_they_vouched(
    referee, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    application = _submit(_applicant_client(), capture, referee.email)
    _answer_through_the_link(capture, application, "yes")
    codes = {s.code: s.level for s in application.signals.all()}
    assert codes[Signal.Code.REFEREE_ACTIVE] == Signal.Level.GOOD
    assert Signal.Code.REFEREE_PENDING not in codes
    signals = _signals_on_the_case_page(application)
    assert "Referred by an active member</strong> (Reassuring)" in signals
    assert "who vouched for the applicant" in signals


def test_a_referee_who_declines_turns_the_signal_into_a_warning(
    referee, django_capture_on_commit_callbacks
):
    """F10: the green signal stayed after the referee answered "no"."""
    capture = django_capture_on_commit_callbacks
    application = _submit(_applicant_client(), capture, referee.email)
    _answer_through_the_link(capture, application, "no")
    codes = {s.code: s.level for s in application.signals.all()}
    assert codes[Signal.Code.REFEREE_DECLINED] == Signal.Level.WARNING
    assert Signal.Code.REFEREE_ACTIVE not in codes
    assert Signal.Code.REFEREE_PENDING not in codes
    signals = _signals_on_the_case_page(application)
    assert "Referred by an active member" not in signals
    assert "Reassuring" not in signals
    assert "Referee did not vouch</strong> (Check this)" in signals
    assert "do not vouch for the applicant" in signals


# --- Rate limits --------------------------------------------------------------


@override_settings(HUB_ONBOARDING_RATE_LIMITS=True, HUB_ONBOARDING_FORM_RATE=(2, 600))
def test_saving_too_often_is_refused_and_keeps_what_was_typed():
    client = _applicant_client()
    for _ in range(2):
        response = client.post(URL, {"unit": "First", "action": "save"})
        assert response.status_code == 302
    response = client.post(
        URL, {"unit": "Typed, not yet saved", "full_name": "Alex", "action": "save"}
    )
    assert response.status_code == 429
    page = response.content.decode()
    assert "You are saving too often." in page
    assert 'value="Typed, not yet saved"' in page
    assert 'value="Alex"' in page
    application = Application.objects.get(user=client.user)
    assert application.unit == "First"
    # Submitting counts too.
    response = client.post(URL, _answers())
    assert response.status_code == 429
    application.refresh_from_db()
    assert application.status == Status.DRAFT


@pytest.mark.parametrize("first_is_member", [True, False])
@override_settings(
    HUB_ONBOARDING_RATE_LIMITS=True, HUB_ONBOARDING_REFEREE_RATE=(1, 86400)
)
def test_naming_referees_is_rate_limited_alike_for_members_and_others(
    referee, django_capture_on_commit_callbacks, first_is_member
):
    first, second = (
        (referee.email, NOBODY) if first_is_member else (NOBODY, referee.email)
    )
    client = _applicant_client()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(URL, _answers(referee_email=first)).status_code == 302
    client.post(reverse("onboarding:application-withdraw"))
    client.post(reverse("onboarding:application-restart"))

    response = client.post(URL, _answers(referee_email=second, unit="Kept"))
    assert response.status_code == 429
    page = response.content.decode()
    assert "You have named a referee too often today." in page
    assert f'value="{second}"' in page
    assert 'value="Kept"' in page
    draft = Application.objects.get(user=client.user, status=Status.DRAFT)
    assert draft.referee_email == second  # saved as a draft, not submitted

    # Without a referee the application goes through.
    assert client.post(URL, _answers(referee_email="")).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


@override_settings(
    HUB_ONBOARDING_RATE_LIMITS=True,
    HUB_ONBOARDING_CONFIRMATION_REQUEST_RATE=(1, 86400),
)
def test_asking_the_referee_again_and_again_is_rate_limited(referee):
    verifier = UserFactory(role=Role.VERIFIER)
    application = SubmittedApplicationFactory(referee_email=referee.email)
    services.application_claim(application=application, actor=verifier)
    client = Client()
    client.force_login(verifier)
    url = reverse(
        "onboarding:case-confirmation-request",
        kwargs={"pk": application.pk, "kind": Kind.REFEREE},
    )
    first = client.post(url, {"version": application.version}, follow=True)
    assert "The request was emailed." in first.content.decode()
    again = client.post(url, {"version": application.version}, follow=True)
    assert again.status_code == 200
    assert "Too many requests were sent for this case today." in again.content.decode()
    assert application.confirmations.filter(kind=Kind.REFEREE).count() == 1


# --- Links for decided applications -------------------------------------------

DECIDED = [Status.APPROVED, Status.REJECTED, Status.WITHDRAWN, Status.EXPIRED]


def _normalised(response) -> str:
    text = response.content.decode()
    return re.sub(r'(nonce|value)="[^"]*"|/confirm/[^"]*', "", text)


@pytest.mark.parametrize("status", DECIDED)
@pytest.mark.parametrize("kind", [Kind.SUPERVISOR, Kind.REFEREE])
def test_a_link_for_a_decided_application_takes_no_answer(client, kind, status):
    confirmation = ConfirmationRequestFactory(kind=kind, application__status=status)
    url = reverse(
        "onboarding:confirm",
        kwargs={"token": services.confirmation_token(confirmation=confirmation)},
    )
    page = client.get(url)
    assert page.status_code == 410
    assert "Your answer is no longer needed" in page.content.decode()
    assert 'name="answer"' not in page.content.decode()

    response = client.post(url, {"answer": "yes", "comment": "Sure"})
    assert response.status_code == 410
    assert "Your answer is no longer needed" in response.content.decode()
    confirmation.refresh_from_db()
    assert confirmation.answered_at is None
    assert confirmation.answer is None
    assert confirmation.comment == ""
    assert not AuditEvent.objects.filter(
        action=ApplicationAction.CONFIRMATION_ANSWERED
    ).exists()


@pytest.mark.parametrize("kind", [Kind.SUPERVISOR, Kind.REFEREE])
def test_a_link_decided_while_open_in_the_browser_takes_no_answer(client, kind):
    """The page was loaded while the case was open; the case is decided; then Send."""
    confirmation = ConfirmationRequestFactory(kind=kind)
    url = reverse(
        "onboarding:confirm",
        kwargs={"token": services.confirmation_token(confirmation=confirmation)},
    )
    assert client.get(url).status_code == 200
    Application.objects.filter(pk=confirmation.application_id).update(
        status=Status.REJECTED
    )
    response = client.post(url, {"answer": "no"})
    assert response.status_code == 410
    confirmation.refresh_from_db()
    assert confirmation.answered_at is None


def test_the_no_longer_needed_page_does_not_tell_the_outcome(client):
    pages = set()
    for status in DECIDED:
        confirmation = ConfirmationRequestFactory(application__status=status)
        token = services.confirmation_token(confirmation=confirmation)
        pages.add(_normalised(client.get(reverse("onboarding:confirm", args=[token]))))
    assert len(pages) == 1
    assert "approved" not in pages.pop().lower()


def test_no_link_is_emailed_for_an_application_decided_before_sending(
    referee, django_capture_on_commit_callbacks
):
    from onboarding.tasks import send_confirmation_request

    confirmation = ConfirmationRequestFactory(
        kind=Kind.REFEREE, email=referee.email, application__status=Status.WITHDRAWN
    )
    assert send_confirmation_request(confirmation_id=confirmation.pk) is False
    assert not mail.outbox
