"""The retention purge: after it, no table holds who the applicant was.

Each test fills every place personal data can reach (the application, notes,
messages, the supervisor's and the referee's confirmations, the emails in the
outbox, audit rows written by the applicant, by staff and by the supervisor's
link, the account, its email addresses, sessions and second factor), runs the
purge through the beat task, then reads every row of every table (sessions
decoded) and looks for each identifying string. It runs on SQLite and, in CI's
second pass, on PostgreSQL, where the audit table's trigger must let exactly the
purge's redaction through.
"""

import json
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.usersessions.models import UserSession
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import services as account_services
from accounts.audit_context import client_ip_bound
from accounts.models import AuditAction, AuditEvent, User
from accounts.roles import Role
from onboarding import services
from onboarding.audit import ApplicationAction
from onboarding.models import Application, ConfirmationRequest
from onboarding.tasks import purge_closed_applications, remind_and_expire_needs_info
from tests.accounts.factories import UserFactory
from tests.onboarding.factories import ApplicationFactory, RejectionReasonFactory

pytestmark = pytest.mark.django_db
Status = Application.Status

APPLICANT_IP = "203.0.113.77"
SUPERVISOR_IP = "198.51.100.23"
STAFF_IP = "192.0.2.10"
USER_AGENT = "QuixoticBrowser/4421"

# What the applicant typed, what they told the verifiers and where they came from.
APPLICANT_STRINGS = {
    "email": "zelda.quixotic-4421@police.example",
    "other_email": "zelda.private-9981@mail.example",
    "full_name": "Zelda Quixotic-Marwood",
    "work_email": "z.quixotic-4421@gendarmerie.example",
    "agency_name": "Brigade Fluviale Quixnord",
    "unit": "Unité Marwood-Sud 77",
    "job_title": "Enquêtrice Zephyrine",
    "heard_about": "Told by Ignatius Plumtree",
    "other_languages": "Breton de Quimperlé",
    "answer": "badge number QX-77-4421",
    "ip": APPLICANT_IP,
    "user_agent": USER_AGENT,
}
SUPERVISOR_STRINGS = {
    "name": "Bartholomew Snodgrass-Vey",
    "email": "b.snodgrass-vey@gendarmerie.example",
    "phone": "+33 6 48 27 19 53",
    "comment": "never met this Hortensia person",
    "ip": SUPERVISOR_IP,
}
STAFF_STRINGS = {
    "note": "Phoned Cornelius Wagstaffe at the prefecture",
    "question": "Please send your Ophelia-Banks warrant card",
    "rejection": "Quixnord river brigade is not a police force",
}
REFEREE_STRINGS = {
    "email": "rufus.refereeman-7731@agency.example",
    "full_name": "Rufus Refereeman",
}


def _named(**groups: dict[str, str]) -> dict[str, str]:
    return {
        f"{group} {what}": value
        for group, strings in groups.items()
        for what, value in strings.items()
    }


def _every_table() -> dict[str, str]:
    """Every row of every table (many-to-many tables too) as text, keyed by
    "app.Model#pk"; sessions decoded, since their data is signed base64."""
    rows: dict[str, str] = {}
    for model in apps.get_models(include_auto_created=True):
        names = [field.attname for field in model._meta.concrete_fields]
        for values in model._base_manager.values_list(*names):
            key = f"{model._meta.label}#{values[0]}"
            rows[key] = json.dumps(values, ensure_ascii=False, default=str)
    for session in Session.objects.all():
        decoded = json.dumps(session.get_decoded(), ensure_ascii=False, default=str)
        rows[f"session-data#{session.pk}"] = decoded
    return rows


def _leaks(rows: dict[str, str], strings: dict[str, str]) -> list[str]:
    return [
        f"{what} ({value!r}) in {key}: {text[:300]}"
        for what, value in strings.items()
        for key, text in rows.items()
        if value.lower() in text.lower()
    ]


def _rejected_application(client: Client, django_capture_on_commit_callbacks):
    """A rejected member application that went through everything."""
    verifier = UserFactory(role=Role.VERIFIER, email="vera.verifier@hub.example")
    admin = UserFactory(role=Role.ADMIN, email="ada.admin@hub.example")
    referee = UserFactory(
        role=Role.MEMBER,
        email=REFEREE_STRINGS["email"],
        full_name=REFEREE_STRINGS["full_name"],
    )
    applicant = UserFactory(
        email=APPLICANT_STRINGS["email"], full_name=APPLICANT_STRINGS["full_name"]
    )
    EmailAddress.objects.create(
        user=applicant, email=APPLICANT_STRINGS["other_email"], verified=True
    )
    TOTP.activate(applicant, generate_totp_secret())
    # Signed in from a browser: a session and allauth's record of it.
    client.force_login(applicant)
    assert client.get(reverse("onboarding:application")).status_code == 200
    UserSession.objects.create(
        user=applicant,
        session_key=client.session.session_key,
        ip=APPLICANT_IP,
        user_agent=USER_AGENT,
    )
    application = ApplicationFactory(
        user=applicant,
        full_name=APPLICANT_STRINGS["full_name"],
        work_email=APPLICANT_STRINGS["work_email"],
        agency_name=APPLICANT_STRINGS["agency_name"],
        unit=APPLICANT_STRINGS["unit"],
        job_title=APPLICANT_STRINGS["job_title"],
        heard_about=APPLICANT_STRINGS["heard_about"],
        other_languages=APPLICANT_STRINGS["other_languages"],
        supervisor_name=SUPERVISOR_STRINGS["name"],
        supervisor_email=SUPERVISOR_STRINGS["email"],
        supervisor_phone=SUPERVISOR_STRINGS["phone"],
        referee=referee,
        referee_email=referee.email,
    )
    reason = RejectionReasonFactory()
    with django_capture_on_commit_callbacks(execute=True):
        with client_ip_bound(APPLICANT_IP):
            services.application_submit(application=application, actor=applicant)
        with client_ip_bound(STAFF_IP):
            services.application_claim(application=application, actor=verifier)
            services.application_request_confirmation(
                application=application,
                actor=verifier,
                kind=ConfirmationRequest.Kind.SUPERVISOR,
            )
            services.application_request_confirmation(
                application=application,
                actor=verifier,
                kind=ConfirmationRequest.Kind.REFEREE,
            )
            services.application_note_add(
                application=application, actor=verifier, body=STAFF_STRINGS["note"]
            )
            services.application_request_info(
                application=application,
                actor=verifier,
                question=f"{APPLICANT_STRINGS['full_name']}: "
                f"{STAFF_STRINGS['question']}",
            )
            account_services.user_set_active(actor=admin, user=applicant, active=False)
            account_services.user_set_active(actor=admin, user=applicant, active=True)
        with client_ip_bound(APPLICANT_IP):
            services.application_answer(
                application=application,
                actor=applicant,
                body=APPLICANT_STRINGS["answer"],
            )
        supervisor_link = application.confirmations.get(
            kind=ConfirmationRequest.Kind.SUPERVISOR
        )
        with client_ip_bound(SUPERVISOR_IP):
            services.confirmation_answer(
                token=services.confirmation_token(confirmation=supervisor_link),
                answer=False,
                comment=SUPERVISOR_STRINGS["comment"],
            )
        with client_ip_bound(STAFF_IP):
            services.application_reject(
                application=application,
                actor=verifier,
                reason=reason,
                message=f"Dear {APPLICANT_STRINGS['full_name']}, "
                f"{STAFF_STRINGS['rejection']}.",
            )
    # The Django admin's own history of a change to the account.
    LogEntry.objects.create(
        user=admin,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(applicant.pk),
        object_repr=str(applicant),
        action_flag=CHANGE,
        change_message=f"Changed full name to {APPLICANT_STRINGS['full_name']}",
    )
    application.refresh_from_db()
    assert application.status == Status.REJECTED
    # The attack surface is real: every string sits somewhere before the purge.
    before = _every_table()
    for strings in (APPLICANT_STRINGS, SUPERVISOR_STRINGS, STAFF_STRINGS):
        found = {
            what for what, value in strings.items() if _leaks(before, {what: value})
        }
        assert found == set(strings), set(strings) - found
    assert any(APPLICANT_STRINGS["email"] in m.to for m in mail.outbox)
    return application, applicant, referee, verifier


def _application_events(application: Application):
    return AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(Application),
        target_id=str(application.pk),
    )


def _purge(application: Application, django_capture_on_commit_callbacks) -> None:
    Application.objects.filter(pk=application.pk).update(
        decided_at=timezone.now() - timedelta(days=181)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_closed_applications() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_closed_applications() == 0


def test_the_retention_purge_leaves_no_personal_data_in_any_table(
    client, django_capture_on_commit_callbacks
):
    application, applicant, referee, verifier = _rejected_application(
        client, django_capture_on_commit_callbacks
    )
    application_events = set(
        _application_events(application).values_list(
            "pk", "action", "created_at", "actor_id"
        )
    )

    _purge(application, django_capture_on_commit_callbacks)

    rows = _every_table()
    leaks = _leaks(
        rows,
        _named(
            applicant=APPLICANT_STRINGS,
            supervisor=SUPERVISOR_STRINGS,
            staff=STAFF_STRINGS,
        ),
    )
    assert leaks == []
    # The referee is a member: their own account and its history stay, but nothing
    # ties them to this application any more.
    referee_own = {f"accounts.User#{referee.pk}"} | {
        f"account.EmailAddress#{pk}"
        for pk in EmailAddress.objects.filter(user=referee).values_list("pk", flat=True)
    }
    referee_own |= {
        f"accounts.AuditEvent#{pk}"
        for pk in AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(User),
            target_id=str(referee.pk),
        ).values_list("pk", flat=True)
    }
    others = {key: text for key, text in rows.items() if key not in referee_own}
    assert _leaks(others, REFEREE_STRINGS) == []

    # The account: deactivated and anonymised, its doors closed.
    applicant = User.objects.get(pk=applicant.pk)
    assert not applicant.is_active
    assert not applicant.has_usable_password()
    assert applicant.full_name == ""
    assert not EmailAddress.objects.filter(user=applicant).exists()
    assert not Authenticator.objects.filter(user=applicant).exists()
    assert not UserSession.objects.filter(user=applicant).exists()
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(applicant.pk)
        for s in Session.objects.all()
    )
    assert client.get(reverse("onboarding:application")).status_code == 302

    # The audit log still says what happened, when and by which account, but not
    # who: the applicant is a stable pseudonym, staff keep their names.
    after = set(
        _application_events(application)
        .exclude(action__in=[ApplicationAction.ANONYMISED, AuditAction.AUDIT_REDACTED])
        .values_list("pk", "action", "created_at", "actor_id")
    )
    assert after == application_events
    submitted = AuditEvent.objects.get(
        action=ApplicationAction.SUBMITTED, target_id=str(application.pk)
    )
    pseudonym = submitted.actor_label
    assert pseudonym.startswith("purged:")
    assert submitted.ip_address is None
    assert submitted.target_label.startswith("purged:")
    answered = AuditEvent.objects.get(action=ApplicationAction.ANSWERED)
    assert answered.actor_label == pseudonym
    rejected = AuditEvent.objects.get(action=ApplicationAction.REJECTED)
    assert rejected.actor_label == verifier.email
    assert rejected.ip_address == STAFF_IP
    assert rejected.after["status"] == Status.REJECTED
    assert AuditEvent.objects.filter(action=AuditAction.AUDIT_REDACTED).exists()

    # Administrators still read what happened, without the person in it.
    staff = Client()
    staff.force_login(User.objects.get(email="ada.admin@hub.example"))
    response = staff.get(reverse("accounts:audit-list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert pseudonym in page
    assert verifier.email in page
    assert APPLICANT_STRINGS["full_name"] not in page

    # The statistic stays.
    application.refresh_from_db()
    assert application.status == Status.REJECTED
    assert application.country.code == "FR"
    assert application.anonymised_at is not None


def test_an_expired_needs_info_application_is_purged_the_same_way(
    django_capture_on_commit_callbacks,
):
    verifier = UserFactory(role=Role.VERIFIER)
    applicant = UserFactory(
        email=APPLICANT_STRINGS["email"], full_name=APPLICANT_STRINGS["full_name"]
    )
    application = ApplicationFactory(
        user=applicant,
        full_name=APPLICANT_STRINGS["full_name"],
        work_email=APPLICANT_STRINGS["work_email"],
        agency_name=APPLICANT_STRINGS["agency_name"],
        supervisor_name=SUPERVISOR_STRINGS["name"],
        supervisor_email=SUPERVISOR_STRINGS["email"],
        supervisor_phone=SUPERVISOR_STRINGS["phone"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        with client_ip_bound(APPLICANT_IP):
            services.application_submit(application=application, actor=applicant)
        services.application_claim(application=application, actor=verifier)
        services.application_request_info(
            application=application,
            actor=verifier,
            question=f"{APPLICANT_STRINGS['full_name']}, which unit?",
        )
    Application.objects.filter(pk=application.pk).update(
        info_requested_at=timezone.now() - timedelta(days=40)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_and_expire_needs_info() == (1, 1)
    application.refresh_from_db()
    assert application.status == Status.EXPIRED

    _purge(application, django_capture_on_commit_callbacks)

    assert (
        _leaks(
            _every_table(),
            _named(applicant=APPLICANT_STRINGS, supervisor=SUPERVISOR_STRINGS),
        )
        == []
    )
    assert not User.objects.get(pk=applicant.pk).is_active


def test_a_withdrawn_provider_application_is_purged_the_same_way(
    django_capture_on_commit_callbacks,
):
    strings = {
        "email": "ottoline.provider-5512@vendor.example",
        "full_name": "Ottoline Vanderquack",
        "organisation": "Quackenbush Forensics GmbH",
        "website": "https://quackenbush-forensics.example",
        "tools": "Our HashHound-9000 matcher",
    }
    applicant = UserFactory(email=strings["email"], full_name=strings["full_name"])
    application = ApplicationFactory(
        user=applicant,
        kind=Application.Kind.PROVIDER,
        full_name=strings["full_name"],
        work_email=strings["email"],
        organisation_name=strings["organisation"],
        website=strings["website"],
        provider_type=Application.ProviderType.COMPANY,
        tools_offered=strings["tools"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application, actor=applicant)
        services.application_withdraw(application=application, actor=applicant)

    _purge(application, django_capture_on_commit_callbacks)

    assert _leaks(_every_table(), strings) == []


def test_the_purge_keeps_an_account_that_is_still_in_use(
    django_capture_on_commit_callbacks,
):
    """A rejected applicant who applied again and became a member keeps their
    account; only the old application and its audit rows are wiped."""
    verifier = UserFactory(role=Role.VERIFIER)
    applicant = UserFactory(
        email=APPLICANT_STRINGS["email"], full_name=APPLICANT_STRINGS["full_name"]
    )
    old = ApplicationFactory(
        user=applicant,
        full_name=APPLICANT_STRINGS["full_name"],
        supervisor_name=SUPERVISOR_STRINGS["name"],
        supervisor_email=SUPERVISOR_STRINGS["email"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=old, actor=applicant)
        services.application_claim(application=old, actor=verifier)
        services.application_reject(
            application=old,
            actor=verifier,
            reason=None,
            message=f"Sorry {APPLICANT_STRINGS['full_name']}",
        )
        new = services.application_restart(application=old, actor=applicant)
        Application.objects.filter(pk=new.pk).update(consent=True)
        new.refresh_from_db()
        services.application_submit(application=new, actor=applicant)
        services.application_claim(application=new, actor=verifier)
        services.application_approve(application=new, actor=verifier)

    _purge(old, django_capture_on_commit_callbacks)

    applicant = User.objects.get(pk=applicant.pk)
    assert applicant.is_active
    assert applicant.email == APPLICANT_STRINGS["email"]
    assert EmailAddress.objects.filter(user=applicant).exists()
    old_rows = [
        json.dumps(row, ensure_ascii=False, default=str)
        for row in _application_events(old).values_list()
    ]
    assert old_rows
    leaks = [
        row
        for row in old_rows
        for value in (
            APPLICANT_STRINGS["full_name"],
            APPLICANT_STRINGS["email"],
            SUPERVISOR_STRINGS["email"],
        )
        if value.lower() in row.lower()
    ]
    assert leaks == []
    new.refresh_from_db()
    assert new.full_name == APPLICANT_STRINGS["full_name"]


def test_an_account_with_a_role_is_never_anonymised():
    member = UserFactory(role=Role.MEMBER)
    with pytest.raises(ValueError, match="without a role"):
        account_services.user_anonymise(user=member)
    member.refresh_from_db()
    assert member.is_active


def test_the_purge_knows_every_place_an_application_reaches():
    """A model or text field added to onboarding later is covered, or fails here."""
    relations = {rel.get_accessor_name() for rel in Application._meta.related_objects}
    assert relations == set(services.ERASED_RELATIONS)
    kept = {
        field.name
        for field in Application._meta.concrete_fields
        if field.get_internal_type() in ("CharField", "TextField")
        and field.name not in services.erased_fields()
    }
    assert kept == {
        "kind",
        "status",
        "agency_type",
        "country",
        "role_category",
        "provider_type",
    }
