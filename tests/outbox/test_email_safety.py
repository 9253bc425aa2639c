"""Every email the Hub sends, with hostile values in every field a user controls.

``EMAILS`` names each email (its template prefix under ``templates/emails/``) and
how to make the Hub send it with ``HOSTILE`` in the fields users type. Each is
checked the same way: the HTML part shows the value escaped and links only to the
Hub, the text part shows it exactly as typed, the subject is one line of plain
text. ``test_every_email_template_is_in_the_registry`` fails while an email
template exists that is not listed here: add a new email to ``EMAILS``.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from allauth.account.adapter import get_adapter
from allauth.core.context import request_context
from django.conf import settings
from django.core import mail
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.services import role_grant
from outbox.emails import EMAIL_HEADER, SUBJECT_MAX_LENGTH
from tests.accounts.factories import UserFactory, reauthenticate

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SITE = settings.HUB_SITE_URL.rstrip("/")

LINK = '<a href="https://evil.example/x">click</a>'
# Tags, an ampersand, an apostrophe, quotes, a right-to-left override, a newline.
HOSTILE = f'Eve {LINK} <b>bold</b> & O\'Neil "q" \u202eexe.txt\nBcc: x@evil.example'
HOSTILE_HTML = (
    "&lt;a href=&quot;https://evil.example/x&quot;&gt;click&lt;/a&gt; "
    "&lt;b&gt;bold&lt;/b&gt; &amp; O&#x27;Neil &quot;q&quot; exe.txt"
)
HOSTILE_TEXT = f'{LINK} <b>bold</b> & O\'Neil "q" exe.txt'
HOSTILE_SUBJECT = f'{LINK} <b>bold</b> & O\'Neil "q" exe.txt Bcc: x@evil.example'
ENTITIES = re.compile(r"&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);")


@dataclass(frozen=True)
class Email:
    send: Callable[[], None]
    in_body: bool = True  # HOSTILE appears in the body
    in_subject: bool = False  # HOSTILE appears in the subject


def _flush() -> None:
    """Run what was registered to run after commit: the outbox hands its work to
    (eager) Celery, and the emails are sent."""
    from django.db import connection

    while connection.run_on_commit:
        _, callback, _ = connection.run_on_commit.pop(0)
        callback()


# --- onboarding -----------------------------------------------------------------


def _answers(**overrides: str) -> dict[str, str]:
    data = {
        "full_name": HOSTILE,
        "work_email": "alex@police.example",
        "job_title": "Detective",
        "role_category": "investigator",
        "years_in_role": "3",
        "agency_name": HOSTILE,
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


def _apply_through_the_form() -> None:
    """The applicant fills the form; a verifier then asks their supervisor and
    their referee to confirm (each through the case page)."""
    from onboarding.models import Application

    referee = UserFactory(role=Role.MEMBER, email="referee@police.example")
    applicant = UserFactory(email="applicant@police.example", full_name="")
    client = Client()
    client.force_login(applicant)
    response = client.post(
        reverse("onboarding:application"), _answers(referee_email=referee.email)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    _flush()
    application = Application.objects.get(user=applicant)
    staff = Client()
    staff.force_login(UserFactory(role=Role.VERIFIER))
    for kind in ("supervisor", "referee"):
        application.refresh_from_db()
        response = staff.post(
            reverse(
                "onboarding:case-confirmation-request",
                kwargs={"pk": application.pk, "kind": kind},
            ),
            {"version": application.version},
        )
        assert response.status_code == 302
        _flush()


def _application(**kwargs: object):
    from tests.onboarding.factories import SubmittedApplicationFactory

    return SubmittedApplicationFactory(
        full_name=HOSTILE, user=UserFactory(full_name=HOSTILE), **kwargs
    )


def _in_review(**kwargs: object):
    from onboarding import services

    verifier = UserFactory(role=Role.VERIFIER)
    application = services.application_claim(
        application=_application(**kwargs), actor=verifier
    )
    return application, verifier


def _info_requested() -> None:
    application, verifier = _in_review()
    client = Client()
    client.force_login(verifier)
    response = client.post(
        reverse("onboarding:case-request-info", kwargs={"pk": application.pk}),
        {"version": application.version, "question": HOSTILE},
    )
    assert response.status_code == 302
    _flush()


def _needs_info():
    from onboarding import services

    application, verifier = _in_review()
    return services.application_request_info(
        application=application, actor=verifier, question="Which unit?"
    )


def _info_reminder() -> None:
    from onboarding import services

    application = _needs_info()
    _flush()
    mail.outbox.clear()
    assert services.application_remind_needs_info(application=application)
    _flush()


def _expired() -> None:
    from onboarding import services

    application = _needs_info()
    _flush()
    mail.outbox.clear()
    services.application_expire(application=application)
    _flush()


def _welcome() -> None:
    from onboarding import services

    application, verifier = _in_review()
    services.application_approve(application=application, actor=verifier)
    _flush()


def _join_request():
    """A provider applicant claims an organisation whose name and whose
    applicant's name and job title are hostile; its representative is told."""
    from onboarding.models import Application
    from onboarding.services.organisation_joins import organisation_join_request_create
    from tests.onboarding.factories import ApplicationFactory
    from tests.tools_catalog.factories import ProviderFactory

    representative = UserFactory(role=Role.PROVIDER, full_name=HOSTILE)
    provider = ProviderFactory(name=HOSTILE, representatives=[representative])
    application = ApplicationFactory(
        kind=Application.Kind.PROVIDER,
        user=UserFactory(full_name=HOSTILE),
        full_name=HOSTILE,
        job_title=HOSTILE,
        organisation_name=HOSTILE,
    )
    verifier = UserFactory(role=Role.VERIFIER)
    join = organisation_join_request_create(
        application=application, provider=provider, actor=verifier
    )
    _flush()
    return join


def _join_requested() -> None:
    _join_request()


def _join_decided() -> None:
    from onboarding.services.organisation_joins import organisation_join_approve

    join = _join_request()
    # The representatives' window to object has closed.
    type(join).objects.filter(pk=join.pk).update(
        objection_window_ends_at=join.objection_window_ends_at - timedelta(days=30)
    )
    organisation_join_approve(join=join, actor=UserFactory(role=Role.VERIFIER))
    _flush()


def _email_change_requested() -> None:
    from accounts.services import user_email_change_request

    user = UserFactory(role=Role.MEMBER, full_name=HOSTILE)
    user_email_change_request(
        actor=UserFactory(role=Role.ADMIN), user=user, email="new@police.example"
    )
    _flush()


def _rejected() -> None:
    from onboarding import services
    from tests.onboarding.factories import RejectionReasonFactory

    application, verifier = _in_review()
    client = Client()
    client.force_login(verifier)
    reauthenticate(client)  # rejecting asks for the password again
    reason = RejectionReasonFactory(text=HOSTILE)
    response = client.post(
        reverse("onboarding:case-reject", kwargs={"pk": application.pk}),
        {"version": application.version, "reason": reason.pk, "message": HOSTILE},
    )
    assert response.status_code == 302
    assert services  # the view calls services.application_reject
    _flush()


def _reconfirmation():
    from onboarding.models import MemberReconfirmation

    member = UserFactory(role=Role.MEMBER, full_name=HOSTILE)
    return MemberReconfirmation.objects.create(
        user=member, confirmed_at=timezone.now() - timedelta(days=400)
    )


def _reconfirm() -> None:
    from onboarding import services

    assert services.member_reconfirmation_remind(record=_reconfirmation())
    _flush()


def _access_paused() -> None:
    from onboarding import services

    record = _reconfirmation()
    services.member_reconfirmation_remind(record=record)
    _flush()
    mail.outbox.clear()
    record.refresh_from_db()
    assert services.member_access_pause(record=record)
    _flush()


def _sla_digest() -> None:
    from onboarding.tasks import send_sla_digest

    UserFactory(role=Role.VERIFIER)
    _application(submitted_at=timezone.now() - timedelta(days=60))
    _flush()
    mail.outbox.clear()
    assert send_sla_digest() == 1
    _flush()


# --- accounts ---------------------------------------------------------------------


def _role_changed() -> None:
    user = UserFactory(full_name=HOSTILE)
    role_grant(actor=UserFactory(role=Role.ADMIN), user=user, role=Role.MODERATOR)
    _flush()


# --- community --------------------------------------------------------------------


def _contact_request() -> None:
    from community.models import MemberProfile
    from community.services import directory

    sender = UserFactory(role=Role.MEMBER)
    recipient = UserFactory(role=Role.MEMBER, full_name=HOSTILE)
    # Only listed members receive contact requests.
    MemberProfile.objects.update_or_create(user=recipient, defaults={"listed": True})
    directory.contact_request_send(sender=sender, recipient=recipient, message=HOSTILE)
    _flush()


def _digest() -> None:
    from community.models import Subscription
    from community.services.digests import digest_send
    from tests.community.factories import CategoryFactory, PostFactory, TopicFactory

    member = UserFactory(role=Role.MEMBER, full_name=HOSTILE)
    category = CategoryFactory()
    Subscription.objects.create(user=member, category=category)
    topic = TopicFactory(category=category, title=HOSTILE)
    PostFactory(topic=topic, body=HOSTILE)
    _flush()
    mail.outbox.clear()
    assert digest_send(user_id=member.pk)
    _flush()


def _event_reminder() -> None:
    from community.services import events
    from community.tasks import send_event_reminders
    from tests.community.factories import EventFactory

    member = UserFactory(role=Role.MEMBER, full_name=HOSTILE)
    event = EventFactory(title=HOSTILE, starts_at=timezone.now() + timedelta(hours=20))
    events.event_rsvp(user=member, event=event)
    _flush()
    mail.outbox.clear()
    assert send_event_reminders() == 1
    _flush()


def _place_offered() -> None:
    from community.services import events
    from tests.community.factories import EventFactory

    event = EventFactory(title=HOSTILE, capacity=1)
    holder = UserFactory(role=Role.MEMBER)
    waiting = UserFactory(role=Role.MEMBER, full_name=HOSTILE)
    events.event_rsvp(user=holder, event=event)
    events.event_rsvp(user=waiting, event=event)
    _flush()
    mail.outbox.clear()
    events.registration_cancel(user=holder, event=event)
    _flush()


def _team_invitation() -> None:
    from community.challenges import services
    from tests.community.factories import ChallengeFactory, TeamFactory

    team = TeamFactory(challenge=ChallengeFactory(title=HOSTILE), name=HOSTILE[:80])
    invitee = UserFactory(role=Role.MEMBER, full_name=HOSTILE)
    _flush()
    mail.outbox.clear()
    services.team_invite(inviter=team.created_by, team=team, invitee=invitee)
    _flush()


def _submission_received() -> None:
    from community.challenges import services
    from tests.community.factories import ChallengeFactory, TeamFactory

    member = UserFactory(role=Role.MEMBER, full_name=HOSTILE)
    team = TeamFactory(challenge=ChallengeFactory(title=HOSTILE), created_by=member)
    _flush()
    mail.outbox.clear()
    services.submission_save(
        user=member,
        team=team,
        title=HOSTILE[:160],
        summary="x",
        stage=team.challenge.stage,
    )
    _flush()


def _registration_open() -> None:
    from community.tasks import send_challenge_announcements
    from tests.community.factories import ChallengeFactory

    UserFactory(role=Role.MEMBER, full_name=HOSTILE)
    ChallengeFactory(title=HOSTILE)
    _flush()
    mail.outbox.clear()
    assert send_challenge_announcements() >= 1
    _flush()


def _challenge_deadline() -> None:
    from community.models import Challenge
    from community.tasks import send_challenge_announcements
    from tests.community.factories import ChallengeFactory, TeamFactory

    now = timezone.now()
    challenge = ChallengeFactory(
        title=HOSTILE,
        registration_opens_at=now - timedelta(days=5),
        registration_closes_at=now - timedelta(days=1),
        build_ends_at=now + timedelta(hours=3),
    )
    Challenge.objects.filter(pk=challenge.pk).update(registration_announced_at=now)
    TeamFactory(
        challenge=challenge,
        created_by=UserFactory(role=Role.MEMBER, full_name=HOSTILE),
    )
    _flush()
    mail.outbox.clear()
    assert send_challenge_announcements() == 1
    _flush()


def _challenge_results() -> None:
    from community.challenges import services
    from tests.community.factories import TeamFactory, challenge_in_judging

    challenge = challenge_in_judging(title=HOSTILE)
    TeamFactory(
        challenge=challenge,
        created_by=UserFactory(role=Role.MEMBER, full_name=HOSTILE),
    )
    _flush()
    mail.outbox.clear()
    services.results_publish(
        actor=UserFactory(role=Role.ADMIN), challenge=challenge, summary="x"
    )
    _flush()


# --- learning centre ------------------------------------------------------------


def _certificate_renewal() -> None:
    from learning_centre import services, tasks
    from tests.learning_centre.factories import LearningPathFactory, ModuleFactory

    member = UserFactory(role=Role.MEMBER, full_name=HOSTILE)
    path = LearningPathFactory(title=HOSTILE, certificate_valid_days=20)
    services.module_complete(user=member, module=ModuleFactory(path=path))
    _flush()
    mail.outbox.clear()
    assert tasks.send_certificate_reminders() == 1
    _flush()


# --- tools catalogue ------------------------------------------------------------


def _listing_decision() -> None:
    from tests.tools_catalog.factories import ProviderFactory
    from tests.tools_catalog.test_services import _cleaned
    from tools_catalog import services

    rep = UserFactory(role=Role.PROVIDER, full_name=HOSTILE)
    editor = UserFactory(role=Role.CATALOGUE_EDITOR)
    provider = ProviderFactory(representatives=[rep])
    tool = services.tool_draft_create(
        actor=rep, provider=provider, cleaned=_cleaned(name=HOSTILE[:200])
    )
    services.tool_submit(actor=rep, tool=tool)
    services.listing_decide(
        actor=editor, tool=tool, decision="request_changes", comment=HOSTILE
    )
    _flush()


# --- allauth ----------------------------------------------------------------------


def _signup(email: str) -> None:
    Client().post(
        reverse("account_signup"),
        {
            "email": email,
            "password1": "a-long-passphrase!",
            "password2": "a-long-passphrase!",
        },
    )
    _flush()


def _email_confirmation_signup() -> None:
    _signup("new.officer@police.example")


def _email_confirmation() -> None:
    user = UserFactory(full_name=HOSTILE)
    from allauth.account.models import EmailAddress

    address = EmailAddress.objects.create(user=user, email="second@police.example")
    request = RequestFactory().get("/", HTTP_USER_AGENT=HOSTILE)
    request.user = user
    with request_context(request):
        address.send_confirmation(request)
    _flush()


def _account_already_exists() -> None:
    UserFactory(email="taken@police.example", full_name=HOSTILE)
    _signup("taken@police.example")


def _password_reset_key() -> None:
    UserFactory(email="forgot@police.example", full_name=HOSTILE)
    Client().post(reverse("account_reset_password"), {"email": "forgot@police.example"})
    _flush()


def _unknown_account() -> None:
    Client().post(reverse("account_reset_password"), {"email": "ghost@police.example"})
    _flush()


def _code(prefix: str) -> Callable[[], None]:
    def send() -> None:
        user = UserFactory(full_name=HOSTILE)
        request = RequestFactory().get("/", HTTP_USER_AGENT=HOSTILE)
        request.user = user
        with request_context(request):
            get_adapter().send_mail(
                prefix, user.email, {"user": user, "code": "ABC-123"}
            )
        _flush()

    return send


def _notification(prefix: str, **context: str) -> Callable[[], None]:
    """allauth's security notices carry the browser's User-Agent: attacker-chosen."""

    def send() -> None:
        user = UserFactory(full_name=HOSTILE)
        request = RequestFactory().get("/", HTTP_USER_AGENT=HOSTILE)
        request.user = user
        with request_context(request):
            get_adapter(request).send_notification_mail(prefix, user, context)
        _flush()

    return send


EMAILS: dict[str, Email] = {
    # onboarding: what an applicant types reaches their supervisor and referee.
    "onboarding/acknowledgement": Email(_apply_through_the_form),
    "onboarding/confirm_work_email": Email(_apply_through_the_form, in_body=False),
    "onboarding/confirm_supervisor": Email(_apply_through_the_form),
    "onboarding/confirm_referee": Email(_apply_through_the_form),
    "onboarding/info_requested": Email(_info_requested),
    "onboarding/info_reminder": Email(_info_reminder),
    "onboarding/expired": Email(_expired),
    "onboarding/welcome": Email(_welcome),
    "onboarding/rejected": Email(_rejected),
    "onboarding/join_requested": Email(_join_requested, in_subject=True),
    "onboarding/join_decided": Email(_join_decided, in_subject=True),
    "onboarding/reconfirm": Email(_reconfirm),
    "onboarding/access_paused": Email(_access_paused),
    "onboarding/sla_digest": Email(_sla_digest),
    "accounts/role_changed": Email(_role_changed),
    "accounts/email_change_requested": Email(_email_change_requested),
    "community/contact_request": Email(_contact_request),
    "community/digest": Email(_digest),
    "community/event_reminder": Email(_event_reminder, in_subject=True),
    "community/place_offered": Email(_place_offered, in_subject=True),
    "community/team_invitation": Email(_team_invitation, in_subject=True),
    "community/submission_received": Email(_submission_received, in_subject=True),
    "community/registration_open": Email(_registration_open, in_subject=True),
    "community/challenge_deadline": Email(_challenge_deadline, in_subject=True),
    "community/challenge_results": Email(_challenge_results, in_subject=True),
    "learning_centre/certificate_renewal": Email(_certificate_renewal, in_subject=True),
    "tools_catalog/listing_decision": Email(_listing_decision, in_subject=True),
    # allauth's emails, rendered on the same path (accounts.adapters).
    "allauth/account/email_confirmation_signup": Email(
        _email_confirmation_signup, in_body=False
    ),
    "allauth/account/email_confirmation": Email(_email_confirmation),
    "allauth/account/account_already_exists": Email(
        _account_already_exists, in_body=False
    ),
    "allauth/account/password_reset_key": Email(_password_reset_key, in_body=False),
    "allauth/account/unknown_account": Email(_unknown_account, in_body=False),
    "allauth/account/login_code": Email(
        _code("account/email/login_code"), in_body=False
    ),
    "allauth/account/password_reset_code": Email(
        _code("account/email/password_reset_code"), in_body=False
    ),
    "allauth/account/email_changed": Email(
        _notification(
            "account/email/email_changed",
            from_email="old@police.example",
            to_email="new@police.example",
        )
    ),
    "allauth/account/email_confirm": Email(
        _notification("account/email/email_confirm")
    ),
    "allauth/account/email_deleted": Email(
        _notification("account/email/email_deleted", deleted_email="x@police.example")
    ),
    "allauth/account/password_changed": Email(
        _notification("account/email/password_changed")
    ),
    "allauth/account/password_reset": Email(
        _notification("account/email/password_reset")
    ),
    "allauth/account/password_set": Email(_notification("account/email/password_set")),
    "allauth/mfa/recovery_codes_generated": Email(
        _notification("mfa/email/recovery_codes_generated")
    ),
    "allauth/mfa/totp_activated": Email(_notification("mfa/email/totp_activated")),
    "allauth/mfa/totp_deactivated": Email(_notification("mfa/email/totp_deactivated")),
    "allauth/mfa/webauthn_added": Email(_notification("mfa/email/webauthn_added")),
    "allauth/mfa/webauthn_removed": Email(_notification("mfa/email/webauthn_removed")),
}


def _sent(name: str) -> list[mail.EmailMessage]:
    return [m for m in mail.outbox if m.extra_headers.get(EMAIL_HEADER) == name]


def _html(message: mail.EmailMessage) -> str:
    parts = [
        c for c, mime in getattr(message, "alternatives", []) if mime == "text/html"
    ]
    assert len(parts) == 1, "every email has exactly one HTML part"
    return str(parts[0])


@pytest.mark.parametrize("name", sorted(EMAILS))
def test_every_email_escapes_html_and_keeps_text_and_subject_plain(name: str):
    case = EMAILS[name]
    mail.outbox.clear()
    case.send()
    sent = _sent(name)
    assert sent, f"{name} was not sent"
    for message in sent:
        html, text, subject = _html(message), message.body, message.subject

        # HTML part: the value escaped, no tag of the user's, links to the Hub only.
        assert "<b>" not in html
        assert 'evil.example/x">' not in html
        assert "\u202e" not in html
        for href in re.findall(r'(?:href|src)="([^"]*)"', html):
            assert href.startswith(f"{SITE}/"), href
        # Text part: exactly as typed, never an entity, never markup of ours.
        assert not ENTITIES.search(text), ENTITIES.search(text)
        assert "<p>" not in text
        assert "<br" not in text
        assert "\u202e" not in text
        # Subject: one line of plain text.
        assert not ENTITIES.search(subject), subject
        assert "\n" not in subject
        assert "\r" not in subject
        assert "\u202e" not in subject
        assert "  " not in subject
        assert 0 < len(subject) <= SUBJECT_MAX_LENGTH
        if case.in_body:
            assert HOSTILE_HTML in html, html
            assert HOSTILE_TEXT in text, text
        if case.in_subject:
            assert HOSTILE_SUBJECT[:60] in subject, subject


def test_every_email_template_is_in_the_registry():
    """A new email must join EMAILS above (and so be tested with hostile values)."""
    found = set()
    # templates/emails/ (the core's) and every app's <app>/templates/emails/.
    files = [p for d in ROOT.glob("*/templates/emails") for p in d.rglob("*")]
    files += list((ROOT / "templates" / "emails").rglob("*"))
    assert files
    for path in files:
        if not path.is_file():
            continue
        relative = path.as_posix()
        match = re.search(
            r"templates/emails/(.+)_(subject\.txt|body\.txt|body\.html)$", relative
        )
        if match is None:
            if path.name.startswith("base_"):
                continue  # a layout the emails extend
            pytest.fail(f"not an email template name: {relative}")
        found.add(match.group(1))
    assert found == set(EMAILS)


def test_every_email_has_its_three_templates():
    for name in EMAILS:
        for suffix in ("_subject.txt", "_body.txt", "_body.html"):
            hits = list(ROOT.glob(f"*/templates/emails/{name}{suffix}")) + list(
                ROOT.glob(f"templates/emails/{name}{suffix}")
            )
            assert hits, f"{name}{suffix} is missing"


def test_every_allauth_email_is_rendered_by_the_hub():
    """An allauth upgrade that adds an email fails here until the Hub renders it."""
    import allauth

    base = Path(allauth.__file__).parent / "templates"
    for app in ("account", "mfa"):
        for path in (base / app / "email").glob("*_subject.txt"):
            name = path.name.removesuffix("_subject.txt")
            assert f"allauth/{app}/{name}" in EMAILS, name


# --- the attacks, end to end ------------------------------------------------------


def test_an_applicant_cannot_plant_a_link_in_the_email_to_their_supervisor():
    """The applicant types a link into their name and agency; the supervisor (an
    address the applicant chose) must see text, not a live link."""
    _apply_through_the_form()
    [message] = [m for m in mail.outbox if m.to == ["chief@police.example"]]
    html = _html(message)
    assert "https://evil.example" not in re.findall(r'href="([^"]*)"', html)
    assert '<a href="https://evil.example/x">' not in html
    assert "&lt;a href=&quot;https://evil.example/x&quot;&gt;click&lt;/a&gt;" in html
    assert "<b>bold</b>" not in html
    assert "<b>bold</b> & O'Neil" in message.body


def test_an_applicant_cannot_plant_a_link_in_the_email_to_their_referee():
    _apply_through_the_form()
    # Asked once when the application is submitted, once more by the verifier.
    messages = [m for m in mail.outbox if m.to == ["referee@police.example"]]
    assert messages
    for message in messages:
        html = _html(message)
        assert '<a href="https://evil.example/x">' not in html
        assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_a_verifiers_question_is_text_in_the_applicants_email():
    _info_requested()
    [message] = [m for m in mail.outbox if "question" in m.subject]
    html = _html(message)
    assert '<a href="https://evil.example/x">' not in html
    assert "&lt;b&gt;bold&lt;/b&gt;" in html


def test_event_reminders_show_titles_as_typed():
    """No &amp;, &lt; or &#x27; in a plain-text subject or body."""
    _event_reminder()
    [message] = mail.outbox
    assert "<b>bold</b> & O'Neil" in message.subject
    assert "&amp;" not in message.subject
    assert "&#x27;" not in message.subject
    assert "\n" not in message.subject
    assert "<b>bold</b> & O'Neil" in message.body
    assert "&amp;" not in message.body
    assert "&lt;" not in message.body


@override_settings(ALLOWED_HOSTS=["evil.example", "testserver"])
def test_a_password_reset_link_points_at_the_hub_whatever_the_host_header():
    UserFactory(email="forgot@police.example")
    Client(HTTP_HOST="evil.example").post(
        reverse("account_reset_password"), {"email": "forgot@police.example"}
    )
    _flush()
    [message] = mail.outbox
    assert "evil.example" not in message.body
    assert "evil.example" not in _html(message)
    assert f"{SITE}/accounts/password/reset/key/" in message.body


def test_an_email_linking_outside_the_hub_is_refused():
    from outbox.emails import EmailLinkError, email_render

    with pytest.raises(EmailLinkError):
        email_render(
            template_prefix="community/contact_request",
            context={"user_name": "Awa", "contacts_url": "https://evil.example/"},
            to=["awa@police.example"],
            language="en",
        )


def test_subjects_are_capped():
    from outbox.emails import email_subject_clean

    subject = email_subject_clean("x" * 500 + "\r\n\u202eBcc: y")
    assert len(subject) == SUBJECT_MAX_LENGTH
    assert subject.endswith("…")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_emails_keep_the_recipients_language(language: str):
    user = UserFactory(full_name=HOSTILE, language=language)
    role_grant(actor=UserFactory(role=Role.ADMIN), user=user, role=Role.MODERATOR)
    _flush()
    [message] = _sent("accounts/role_changed")
    assert "You now have" not in message.subject
    assert f'lang="{language}"' in _html(message)
    assert ('dir="rtl"' in _html(message)) is (language == "ar")
    assert HOSTILE_TEXT in message.body


def test_allauth_emails_keep_the_recipients_language():
    UserFactory(email="forgot@police.example", language="fr")
    Client().post(reverse("account_reset_password"), {"email": "forgot@police.example"})
    _flush()
    [message] = mail.outbox
    assert message.subject.startswith("[Safer Children Hub] ")
    assert "mot de passe" in message.subject.lower()
    assert "mot de passe" in _html(message).lower()
    assert isinstance(User.objects.get(email="forgot@police.example"), User)


@pytest.mark.parametrize("language", ["fr", "ar", "zh-hans", "ru", "es"])
@pytest.mark.parametrize("name", sorted(n for n in EMAILS if n.startswith("allauth/")))
def test_allauth_html_parts_say_what_their_text_parts_say(name: str, language: str):
    """Our HTML templates reuse allauth's sentences word for word, so allauth's
    translations apply to them: in every language, the HTML part reads exactly
    like the text part allauth wrote."""
    from html import unescape
    from types import SimpleNamespace

    from django.utils import timezone, translation

    user = UserFactory(full_name=HOSTILE, language=language)
    _, app, prefix = name.split("/")
    context = {
        "user": user,
        "email": user.email,
        "current_site": SimpleNamespace(
            name="Safer Children Hub", domain="hub.example"
        ),
        "activate_url": f"{SITE}/accounts/confirm-email/k/",
        "password_reset_url": f"{SITE}/accounts/password/reset/key/k/",
        "signup_url": f"{SITE}/accounts/signup/",
        "from_email": "old@police.example",
        "to_email": "new@police.example",
        "deleted_email": "gone@police.example",
        "ip": "192.0.2.1",
        "user_agent": HOSTILE,
        "timestamp": timezone.now(),
    }
    if "code" in prefix:
        context["code"] = "ABC-123"
    with translation.override(language):
        message = get_adapter().render_mail(
            f"{app}/email/{prefix}", user.email, context
        )

    # The message itself: the layout's <main> after its heading; the text part
    # before its footer.
    main = _html(message).split("</h1>", 1)[1].split("</main>", 1)[0]
    html_words = unescape(re.sub(r"<[^>]+>", " ", main)).split()
    assert html_words == message.body.rsplit("\n-- \n", 1)[0].split()
