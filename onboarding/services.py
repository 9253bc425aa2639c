"""Every change to an application: validate, save, audit, enqueue on commit.

Transitions are conditional UPDATEs on ``(pk, status, version)``: whoever loses a
race (two verifiers deciding the same case, a double-submitted form) gets an
``ApplicationStateError`` naming what the case has become, and nothing changes.
Callers check that the actor may act (views: ``Perm.VERIFY_APPLICATIONS``).
"""

import uuid
from collections.abc import Iterable
from datetime import timedelta
from typing import Any, cast

from django.core import signing
from django.db import models, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, User
from accounts.selectors import user_own_name
from accounts.services import audit_event_record
from core.ratelimit import rate_limit_hit
from onboarding import conf
from onboarding.audit import ApplicationAction
from onboarding.models import (
    Application,
    ConfirmationRequest,
    MemberReconfirmation,
    Message,
    Note,
    RejectionReason,
)
from onboarding.selectors import active_member_by_email
from outbox.emails import email_enqueue, email_render
from outbox.services import outbox_enqueue

Status = Application.Status
CONFIRMATION_SALT = "onboarding.confirmation"
RECONFIRMATION_SALT = "onboarding.reconfirmation"
CLOSED_STATUSES = (Status.REJECTED, Status.WITHDRAWN, Status.EXPIRED)


class ApplicationStateError(Exception):
    """The action does not fit the application's current state."""


class ApplicationRateLimitError(ApplicationStateError):
    """Too many attempts in a short time; nothing was changed."""


class ConfirmationLinkError(Exception):
    """A confirmation link that is tampered with, expired or already used, or
    whose application is decided (``no_longer_needed``)."""

    def __init__(
        self, message: str, *, expired: bool = False, no_longer_needed: bool = False
    ) -> None:
        super().__init__(message)
        self.expired = expired or no_longer_needed
        self.no_longer_needed = no_longer_needed


def _over_rate(*, key: str, rate: tuple[int, int]) -> bool:
    if not conf.rate_limits_enabled():
        return False
    limit, seconds = rate
    return rate_limit_hit(key=f"onboarding:{key}", limit=limit, seconds=seconds)


def site_url(path: str) -> str:
    """An absolute link to the Hub for an email (``outbox.emails.email_url``)."""
    from outbox.emails import email_url

    return email_url(path)


def _state_error(application: Application) -> ApplicationStateError:
    current = Application.objects.filter(pk=application.pk).first()
    if current is None:
        return ApplicationStateError(_("This application no longer exists."))
    return ApplicationStateError(
        _(
            "This application changed meanwhile: it is now “%(status)s”. "
            "Reload the page and check it again."
        )
        % {"status": current.get_status_display()}
    )


def _transition(
    application: Application,
    *,
    allowed_from: Iterable[str],
    to: str,
    expected_version: int | None = None,
    **fields: Any,
) -> None:
    """Move the application to ``to`` if it is still in ``allowed_from`` at
    ``expected_version`` (default: the version the caller loaded)."""
    allowed = tuple(allowed_from)
    version = application.version if expected_version is None else expected_version
    if application.status not in allowed:
        raise ApplicationStateError(
            _("An application that is “%(status)s” cannot be changed this way.")
            % {"status": application.get_status_display()}
        )
    won = Application.objects.filter(
        pk=application.pk, status__in=allowed, version=version
    ).update(status=to, version=F("version") + 1, updated_at=timezone.now(), **fields)
    if not won:
        raise _state_error(application)
    application.refresh_from_db()


def _email_applicant(
    application: Application, *, template: str, key: str, **context: Any
) -> None:
    user = application.user
    if user is None:
        return
    context = {
        "application": application,
        "user_name": application.full_name or user_own_name(user),
        "status_url": site_url(reverse("onboarding:application")),
        "sla_days": conf.sla_working_days(),
        **context,
    }
    message = email_render(
        template_prefix=f"onboarding/{template}",
        context=context,
        to=[user.email],
        language=user.language,
    )
    email_enqueue(message=message, dedupe_key=f"onboarding:{key}:{application.pk}")


# --- Applicant side -----------------------------------------------------------


def application_draft_get_or_create(
    *, user: User, kind: str = Application.Kind.MEMBER
) -> Application:
    """The user's draft of this kind, made on first use (not audited: no content)."""
    draft = (
        Application.objects.filter(user=user, kind=kind, status=Status.DRAFT)
        .order_by("-created_at")
        .first()
    )
    if draft is None:
        draft = Application.objects.create(
            user=user, kind=kind, full_name=user.full_name, work_email=user.email
        )
    return draft


def application_form_throttle(*, user: User) -> None:
    """Count one save or submission of the questionnaire; raise when too many.

    Called before the answers are even validated, so every attempt counts.
    """
    if _over_rate(key=f"form:{user.pk}", rate=conf.form_saves_per_window()):
        raise ApplicationRateLimitError(
            _(
                "You are saving too often. Wait a few minutes, then try again: "
                "your answers below are not saved yet, but nothing you typed is lost."
            )
        )


@transaction.atomic
def application_save_draft(
    *,
    application: Application,
    actor: User,
    data: dict[str, Any],
    interests: Iterable[Any] | None = None,
) -> Application:
    """Store what the applicant typed; only while the application is a draft."""
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.status != Status.DRAFT or locked.user_id != actor.pk:
        raise ApplicationStateError(
            _("This application was already submitted and can no longer be edited.")
        )
    for field, value in data.items():
        setattr(locked, field, value)
    if locked.work_email.lower() == actor.email.lower():
        locked.work_email_verified_at = locked.work_email_verified_at or timezone.now()
    else:
        locked.work_email_verified_at = None
    locked.save()
    if interests is not None:
        locked.interests.set(interests)
    application.refresh_from_db()
    return application


def application_missing_fields(*, application: Application) -> list[str]:
    """Names of the required answers still empty (the form shows which)."""
    if application.kind == Application.Kind.PROVIDER:
        required = ["full_name", "organisation_name", "website", "country"]
        required += ["provider_type", "tools_offered", "job_title"]
    else:
        required = ["full_name", "work_email", "agency_name", "agency_type"]
        required += ["country", "unit", "job_title", "role_category"]
        required += ["supervisor_name", "supervisor_email", "supervisor_phone"]
    missing = [name for name in required if not getattr(application, name)]
    if not application.consent:
        missing.append("consent")
    return missing


@transaction.atomic
def application_submit(*, application: Application, actor: User) -> Application:
    """Draft -> submitted; screening, acknowledgement and (if needed) the work
    email check go through the outbox. Submitting twice raises."""
    if application.user_id != actor.pk:
        raise ApplicationStateError(
            _("Only the applicant can submit this application.")
        )
    missing = application_missing_fields(application=application)
    if missing:
        raise ApplicationStateError(
            _("Some required answers are missing. Complete them, then submit.")
        )
    own = {actor.email.lower(), application.work_email.lower()}
    if application.supervisor_email and application.supervisor_email.lower() in own:
        raise ApplicationStateError(
            _("Your supervisor's email must not be your own address.")
        )
    if application.referee_email and application.referee_email.lower() in own:
        raise ApplicationStateError(_("You cannot be your own referee."))
    # Counted whoever the referee is: the answer tells nothing about members.
    if application.referee_email and _over_rate(
        key=f"referee:{actor.pk}", rate=conf.referees_per_window()
    ):
        raise ApplicationRateLimitError(
            _(
                "You have named a referee too often today. Your answers were "
                "saved as a draft: submit again tomorrow, or remove the referee "
                "and submit now."
            )
        )
    now = timezone.now()
    _transition(
        application, allowed_from=[Status.DRAFT], to=Status.SUBMITTED, submitted_at=now
    )
    audit_event_record(
        actor=actor,
        action=ApplicationAction.SUBMITTED,
        target=application,
        before={"status": Status.DRAFT},
        after={"status": Status.SUBMITTED},
    )
    from onboarding.tasks import screen_application

    outbox_enqueue(
        screen_application,
        dedupe_key=f"onboarding:screen:{application.pk}",
        application_id=application.pk,
    )
    _email_applicant(application, template="acknowledgement", key="ack")
    if application.referee_email:
        # Whether the referee is a member is looked up later, in the task, so
        # this request does the same work whoever they are.
        from onboarding.tasks import ask_referee

        outbox_enqueue(
            ask_referee,
            dedupe_key=f"onboarding:referee:{application.pk}",
            application_id=application.pk,
        )
    if application.work_email and application.work_email_verified_at is None:
        _confirmation_create(
            application=application,
            kind=ConfirmationRequest.Kind.WORK_EMAIL,
            email=application.work_email,
            language=actor.language,
            actor=actor,
        )
    return application


@transaction.atomic
def application_answer(
    *, application: Application, actor: User, body: str
) -> Application:
    """The applicant answers a question: needs_info -> in_review, clock resumes."""
    if application.user_id != actor.pk:
        raise ApplicationStateError(_("Only the applicant can answer."))
    paused = 0
    if application.info_requested_at:
        paused = int((timezone.now() - application.info_requested_at).total_seconds())
    _transition(
        application,
        allowed_from=[Status.NEEDS_INFO],
        to=Status.IN_REVIEW,
        paused_seconds=F("paused_seconds") + max(paused, 0),
        info_requested_at=None,
        info_reminded_at=None,
    )
    Message.objects.create(application=application, author=actor, body=body)
    audit_event_record(
        actor=actor,
        action=ApplicationAction.ANSWERED,
        target=application,
        before={"status": Status.NEEDS_INFO},
        after={"status": Status.IN_REVIEW},
    )
    return application


@transaction.atomic
def application_withdraw(*, application: Application, actor: User) -> Application:
    if application.user_id != actor.pk:
        raise ApplicationStateError(_("Only the applicant can withdraw."))
    before = application.status
    _transition(
        application,
        allowed_from=[Status.DRAFT, *Application.OPEN_STATUSES],
        to=Status.WITHDRAWN,
        decided_at=timezone.now(),
    )
    audit_event_record(
        actor=actor,
        action=ApplicationAction.WITHDRAWN,
        target=application,
        before={"status": before},
        after={"status": Status.WITHDRAWN},
    )
    return application


RESTART_FIELDS = (
    "kind",
    "full_name",
    "work_email",
    "agency_name",
    "agency_type",
    "country",
    "unit",
    "job_title",
    "role_category",
    "years_in_role",
    "supervisor_name",
    "supervisor_email",
    "supervisor_phone",
    "languages",
    "other_languages",
    "organisation_name",
    "website",
    "provider_type",
    "tools_offered",
)


@transaction.atomic
def application_restart(*, application: Application, actor: User) -> Application:
    """A fresh draft after a rejected, withdrawn or expired application.

    The earlier application stays for the verifiers' history; the draft starts
    from its answers (consent and the referee are asked again).
    """
    if application.user_id != actor.pk:
        raise ApplicationStateError(_("Only the applicant can apply again."))
    latest = (
        Application.objects.select_for_update()
        .filter(user=actor)
        .order_by("-created_at", "-pk")
        .first()
    )
    if latest is None or latest.pk != application.pk:
        raise _state_error(application)
    if latest.status not in CLOSED_STATUSES:
        raise ApplicationStateError(
            _("You can start a new application only once the last one is closed.")
        )
    draft = Application.objects.create(
        user=actor, **{name: getattr(latest, name) for name in RESTART_FIELDS}
    )
    draft.interests.set(latest.interests.all())
    audit_event_record(
        actor=actor,
        action=ApplicationAction.RESTARTED,
        target=draft,
        before={"application": latest.pk, "status": latest.status},
        after={"application": draft.pk, "status": Status.DRAFT},
    )
    return draft


# --- Verifier side ------------------------------------------------------------


def _not_own(application: Application, actor: User) -> None:
    if application.user_id == actor.pk:
        raise ApplicationStateError(_("Nobody may decide their own application."))


@transaction.atomic
def application_claim(
    *, application: Application, actor: User, expected_version: int | None = None
) -> Application:
    """Assign the case to ``actor``; a submitted case goes into review."""
    _not_own(application, actor)
    before = {"status": application.status, "assignee": application.assignee_id}
    to = Status.IN_REVIEW if application.status == Status.SUBMITTED else None
    _transition(
        application,
        allowed_from=Application.OPEN_STATUSES,
        to=to or application.status,
        expected_version=expected_version,
        assignee=actor,
    )
    audit_event_record(
        actor=actor,
        action=ApplicationAction.CLAIMED,
        target=application,
        before=before,
        after={"status": application.status, "assignee": actor.pk},
    )
    return application


def application_needs_second_signoff(*, application: Application) -> bool:
    return (
        str(application.country) in conf.second_signoff_countries()
        or application.agency_type in conf.second_signoff_agency_types()
    )


@transaction.atomic
def application_approve(
    *, application: Application, actor: User, expected_version: int | None = None
) -> Application:
    """In review -> approved (or a first sign-off where a second is required).

    Provisioning (role, welcome email) runs in a task after commit.
    """
    _not_own(application, actor)
    if application.status != Status.IN_REVIEW:
        raise ApplicationStateError(
            _("Only an application in review can be approved. Claim it first.")
        )
    if application_needs_second_signoff(application=application):
        if application.first_approver_id is None:
            _transition(
                application,
                allowed_from=[Status.IN_REVIEW],
                to=Status.IN_REVIEW,
                expected_version=expected_version,
                first_approver=actor,
            )
            audit_event_record(
                actor=actor,
                action=ApplicationAction.FIRST_SIGNOFF,
                target=application,
                before={"first_approver": None},
                after={"first_approver": actor.pk},
            )
            return application
        if application.first_approver_id == actor.pk:
            raise ApplicationStateError(
                _("A second verifier must give the second sign-off.")
            )
    _transition(
        application,
        allowed_from=[Status.IN_REVIEW],
        to=Status.APPROVED,
        expected_version=expected_version,
        decided_at=timezone.now(),
        decided_by=actor,
    )
    audit_event_record(
        actor=actor,
        action=ApplicationAction.APPROVED,
        target=application,
        before={"status": Status.IN_REVIEW},
        after={"status": Status.APPROVED},
    )
    from onboarding.tasks import provision_application

    outbox_enqueue(
        provision_application,
        dedupe_key=f"onboarding:provision:{application.pk}",
        application_id=application.pk,
    )
    return application


@transaction.atomic
def application_reject(
    *,
    application: Application,
    actor: User,
    reason: RejectionReason | None,
    message: str = "",
    expected_version: int | None = None,
) -> Application:
    _not_own(application, actor)
    if reason is None and not message.strip():
        raise ApplicationStateError(_("Give a reason for the rejection."))
    before = application.status
    _transition(
        application,
        allowed_from=Application.OPEN_STATUSES,
        to=Status.REJECTED,
        expected_version=expected_version,
        decided_at=timezone.now(),
        decided_by=actor,
        rejection_reason=reason,
        decision_message=message.strip(),
    )
    audit_event_record(
        actor=actor,
        action=ApplicationAction.REJECTED,
        target=application,
        before={"status": before},
        after={
            "status": Status.REJECTED,
            "reason": reason.title if reason else "",
            "message": message.strip(),
        },
    )
    _email_applicant(
        application,
        template="rejected",
        key="rejected",
        reason_text=reason.text if reason else "",
        message=message.strip(),
    )
    return application


@transaction.atomic
def application_request_info(
    *,
    application: Application,
    actor: User,
    question: str,
    expected_version: int | None = None,
) -> Application:
    """In review -> needs_info: the SLA clock pauses until the applicant answers."""
    _not_own(application, actor)
    if not question.strip():
        raise ApplicationStateError(_("Write the question for the applicant."))
    _transition(
        application,
        allowed_from=[Status.IN_REVIEW],
        to=Status.NEEDS_INFO,
        expected_version=expected_version,
        info_requested_at=timezone.now(),
        info_reminded_at=None,
    )
    message = Message.objects.create(
        application=application, author=actor, from_staff=True, body=question.strip()
    )
    audit_event_record(
        actor=actor,
        action=ApplicationAction.INFO_REQUESTED,
        target=application,
        before={"status": Status.IN_REVIEW},
        after={"status": Status.NEEDS_INFO, "question": question.strip()},
    )
    _email_applicant(
        application,
        template="info_requested",
        key=f"question-{message.pk}",
        question=question.strip(),
    )
    return application


@transaction.atomic
def application_expire(*, application: Application) -> Application:
    """Needs-info past its deadline -> expired (the beat job's action)."""
    _transition(
        application,
        allowed_from=[Status.NEEDS_INFO],
        to=Status.EXPIRED,
        decided_at=timezone.now(),
    )
    audit_event_record(
        actor=None,
        action=ApplicationAction.EXPIRED,
        target=application,
        before={"status": Status.NEEDS_INFO},
        after={"status": Status.EXPIRED},
    )
    _email_applicant(application, template="expired", key="expired")
    return application


@transaction.atomic
def application_remind_needs_info(*, application: Application) -> bool:
    """Remind the applicant once per question; False if already reminded."""
    won = Application.objects.filter(
        pk=application.pk, status=Status.NEEDS_INFO, info_reminded_at__isnull=True
    ).update(info_reminded_at=timezone.now())
    if not won:
        return False
    application.refresh_from_db()
    stamp = (
        int(application.info_requested_at.timestamp())
        if application.info_requested_at
        else 0
    )
    _email_applicant(application, template="info_reminder", key=f"reminder-{stamp}")
    return True


@transaction.atomic
def application_note_add(*, application: Application, actor: User, body: str) -> Note:
    if not body.strip():
        raise ApplicationStateError(_("The note is empty."))
    note = Note.objects.create(application=application, author=actor, body=body.strip())
    audit_event_record(
        actor=actor,
        action=ApplicationAction.NOTE_ADDED,
        target=application,
        after={"note": note.pk},
    )
    return note


@transaction.atomic
def application_provision(*, application: Application) -> bool:
    """Give the approved applicant their role and send the welcome email.

    Idempotent: False, doing nothing, once provisioned (or if not approved).
    """
    from accounts.roles import Role
    from accounts.services import role_grant

    won = Application.objects.filter(
        pk=application.pk, status=Status.APPROVED, provisioned_at__isnull=True
    ).update(provisioned_at=timezone.now())
    if not won or application.user is None:
        return False
    application.refresh_from_db()
    user = application.user
    actor = application.decided_by
    if application.kind == Application.Kind.PROVIDER:
        role_grant(actor=actor, user=user, role=Role.PROVIDER)
        _provider_organisation_create(application=application, actor=actor)
    else:
        role_grant(actor=actor, user=user, role=Role.MEMBER)
        MemberReconfirmation.objects.update_or_create(
            user=user,
            defaults={"confirmed_at": timezone.now(), "reminded_at": None},
        )
    audit_event_record(
        actor=actor,
        action=ApplicationAction.PROVISIONED,
        target=application,
        after={"user": user.pk, "kind": application.kind},
    )
    _email_applicant(application, template="welcome", key="welcome")
    return True


def _provider_organisation_create(
    *, application: Application, actor: User | None
) -> None:
    """A new organisation for the applicant, or, when one of that name is on the
    Hub already, a request to join it that needs a second sign-off: approving
    an application never attaches anyone to an existing organisation."""
    from onboarding.organisation_joins import organisation_join_request_create
    from tools_catalog import services as catalogue
    from tools_catalog.selectors import provider_named

    user = application.user
    if user is None:
        return
    existing = provider_named(name=application.organisation_name)
    if existing is not None and existing.representatives.filter(pk=user.pk).exists():
        return  # applied again for the organisation they already represent
    if existing is None:
        try:
            provider = catalogue.provider_create(
                actor=actor,
                name=application.organisation_name,
                website=application.website,
                country=str(application.country),
                provider_type=application.provider_type or "company",
                description=application.tools_offered,
            )
        except catalogue.ProviderNameTakenError as taken:  # created meanwhile
            existing = taken.provider
        else:
            catalogue.provider_representative_add(
                actor=actor, provider=provider, user=user
            )
            return
    organisation_join_request_create(
        application=application, provider=existing, actor=actor
    )


# --- Signed links: supervisor, referee, work email ------------------------------


def confirmation_token(*, confirmation: ConfirmationRequest) -> str:
    return signing.dumps(str(confirmation.nonce), salt=CONFIRMATION_SALT)


def _confirmation_create(
    *,
    application: Application,
    kind: str,
    email: str,
    language: str,
    actor: User | None,
) -> ConfirmationRequest:
    confirmation = ConfirmationRequest.objects.create(
        application=application,
        kind=kind,
        email=email,
        language=language,
        requested_by=actor,
    )
    from onboarding.tasks import send_confirmation_request

    outbox_enqueue(
        send_confirmation_request,
        dedupe_key=f"onboarding:confirm:{confirmation.pk}",
        confirmation_id=confirmation.pk,
    )
    return confirmation


@transaction.atomic
def application_request_confirmation(
    *, application: Application, actor: User, kind: str
) -> ConfirmationRequest:
    """Email the supervisor (or the referee) a signed, single-use yes/no link."""
    _not_own(application, actor)
    if not application.is_open:
        raise ApplicationStateError(
            _("Confirmation can only be requested for an open application.")
        )
    if kind == ConfirmationRequest.Kind.SUPERVISOR:
        email, language = application.supervisor_email, "en"
        if application.user is not None:
            language = application.user.language
    elif kind == ConfirmationRequest.Kind.REFEREE:
        referee = _referee_member(application)
        if referee is None:
            raise ApplicationStateError(
                _("This application names no active member as referee.")
            )
        email, language = referee.email, referee.language
        if application.referee_id != referee.pk:
            Application.objects.filter(pk=application.pk).update(referee=referee)
    else:
        raise ApplicationStateError(_("Unknown kind of confirmation."))
    if not email:
        raise ApplicationStateError(_("There is no email address to write to."))
    if _over_rate(
        key=f"ask:{application.pk}:{kind}", rate=conf.confirmation_requests_per_window()
    ):
        raise ApplicationRateLimitError(
            _("Too many requests were sent for this case today. Try again tomorrow.")
        )
    confirmation = _confirmation_create(
        application=application, kind=kind, email=email, language=language, actor=actor
    )
    audit_event_record(
        actor=actor,
        action=ApplicationAction.CONFIRMATION_REQUESTED,
        target=application,
        after={"kind": kind, "email": email},
    )
    return confirmation


def _referee_member(application: Application) -> User | None:
    """The active member behind the referee email the applicant typed, if any."""
    if not application.referee_email:
        return None
    member = active_member_by_email(email=application.referee_email)
    if member is None or member.pk == application.user_id:
        return None
    return member


@transaction.atomic
def application_referee_ask(*, application: Application) -> ConfirmationRequest | None:
    """After submission: email the named referee a signed link if, and only
    if, they are an active member; nobody else is written to. The verifier
    sees on the case page which it was. Idempotent: asks once.
    """
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if not locked.is_open or not locked.referee_email:
        return None
    if locked.confirmations.filter(kind=ConfirmationRequest.Kind.REFEREE).exists():
        return None
    referee = _referee_member(locked)
    if referee is None:
        return None
    Application.objects.filter(pk=locked.pk).update(referee=referee)
    confirmation = _confirmation_create(
        application=locked,
        kind=ConfirmationRequest.Kind.REFEREE,
        email=referee.email,
        language=referee.language,
        actor=None,
    )
    audit_event_record(
        actor=None,
        action=ApplicationAction.CONFIRMATION_REQUESTED,
        target=locked,
        after={"kind": ConfirmationRequest.Kind.REFEREE, "email": referee.email},
    )
    application.refresh_from_db()
    return confirmation


def _signed_nonce(*, token: str, salt: str, max_age: int) -> str:
    """The nonce a signed link carries; ConfirmationLinkError if it is bad."""
    try:
        return str(signing.loads(token, salt=salt, max_age=max_age))
    except signing.SignatureExpired as exc:
        raise ConfirmationLinkError(
            _("This link has expired. Ask the Hub's staff for a new one."),
            expired=True,
        ) from exc
    except signing.BadSignature as exc:
        raise ConfirmationLinkError(
            _("This link is not valid. Check that you copied all of it.")
        ) from exc


def confirmation_load(*, token: str) -> ConfirmationRequest:
    """The open request behind a link; raises ConfirmationLinkError otherwise."""
    nonce = _signed_nonce(
        token=token, salt=CONFIRMATION_SALT, max_age=conf.link_max_age_seconds()
    )
    confirmation = (
        ConfirmationRequest.objects.select_related("application")
        .filter(nonce=nonce)
        .first()
    )
    if confirmation is None:
        raise ConfirmationLinkError(_("This link is not valid."))
    if confirmation.answered_at is not None:
        raise ConfirmationLinkError(
            _("This link has already been used. Thank you."), expired=True
        )
    if not confirmation.application.is_open:
        raise _no_longer_needed()
    return confirmation


def _no_longer_needed() -> ConfirmationLinkError:
    # The same words whatever became of the application: the person holding
    # the link is not told the decision.
    return ConfirmationLinkError(
        _(
            "This application is closed, so your answer is no longer needed and "
            "nothing was recorded. Thank you all the same."
        ),
        no_longer_needed=True,
    )


@transaction.atomic
def confirmation_answer(
    *, token: str, answer: bool, comment: str = ""
) -> ConfirmationRequest:
    """Record the yes/no once, while the application is open; otherwise raise
    ConfirmationLinkError and record nothing."""
    confirmation = confirmation_load(token=token)
    # Lock the application: a decision made meanwhile waits, or is seen here.
    status = (
        Application.objects.select_for_update()
        .filter(pk=confirmation.application_id)
        .values_list("status", flat=True)
        .first()
    )
    if status not in Application.OPEN_STATUSES:
        raise _no_longer_needed()
    won = ConfirmationRequest.objects.filter(
        pk=confirmation.pk, answered_at__isnull=True
    ).update(answered_at=timezone.now(), answer=answer, comment=comment.strip())
    if not won:
        raise ConfirmationLinkError(
            _("This link has already been used. Thank you."), expired=True
        )
    confirmation.refresh_from_db()
    application = confirmation.application
    if confirmation.kind == ConfirmationRequest.Kind.WORK_EMAIL and answer:
        Application.objects.filter(pk=application.pk).update(
            work_email_verified_at=timezone.now()
        )
    audit_event_record(
        actor=None,
        action=ApplicationAction.CONFIRMATION_ANSWERED,
        target=application,
        after={"kind": confirmation.kind, "answer": answer},
    )
    return confirmation


# --- Retention ----------------------------------------------------------------


# What points at an application and is erased with its personal data. A model
# added later that points at Application must be listed here (or be kept on
# purpose): tests/onboarding/test_retention.py checks.
ERASED_RELATIONS = ("signals", "notes", "messages", "confirmations", "join_request")


def erased_fields() -> list[str]:
    """Every text answer without fixed choices (who, where, free text), read
    from the model, so a field added later is erased too; choices (kind,
    status, country, agency type, role category) stay for statistics."""
    return [
        field.name
        for field in Application._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and not field.choices
    ]


# Those specific enough to find the person in mail to somebody else.
DISTINCTIVE_FIELDS = (
    "full_name",
    "work_email",
    "supervisor_name",
    "supervisor_email",
    "supervisor_phone",
    "referee_email",
    "organisation_name",
    "website",
)


def _account_is_forgettable(user: User) -> bool:
    """No role, no staff access and no application left that is not erased."""
    return not (
        user.is_staff
        or user.is_superuser
        or user.groups.exists()
        or Application.objects.filter(user=user).exists()
    )


@transaction.atomic
def application_anonymise(*, application: Application) -> bool:
    """Erase who applied from a closed application, everywhere. Idempotent.

    Kept for statistics: kind, status, country, agency type, role category,
    languages, areas of interest, the rejection reason and the dates. Erased:
    the answers, notes, messages, signals and confirmations (so the supervisor
    and the referee too), the admin's history of the application, any email
    about it still in the outbox, and the personal data in the audit rows about
    it (``accounts.services.audit_events_redact``: the applicant and the
    supervisor's link become pseudonyms, staff stay named). When the person has
    no role and nothing else open, their account is anonymised as well
    (``accounts.services.user_anonymise``); otherwise (they applied again, or
    became a member) it stays theirs.
    """
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from accounts.services import audit_events_redact, audit_pseudonym, user_anonymise
    from outbox.services import outbox_messages_forget

    if application.status not in (Status.REJECTED, Status.EXPIRED, Status.WITHDRAWN):
        raise ApplicationStateError(_("Only closed applications are anonymised."))
    locked = (
        Application.objects.select_for_update()
        .filter(pk=application.pk, anonymised_at__isnull=True)
        .first()
    )
    if locked is None:
        return False
    user = locked.user
    referee = locked.referee
    fields = erased_fields()
    distinctive = {str(getattr(locked, name)) for name in DISTINCTIVE_FIELDS}
    strings = distinctive | {str(getattr(locked, name)) for name in fields}
    strings |= set(locked.notes.values_list("body", flat=True))
    strings |= set(locked.messages.values_list("body", flat=True))
    for email, comment in locked.confirmations.values_list("email", "comment"):
        strings |= {email, comment}
    if referee is not None:
        strings |= {referee.email, referee.full_name}
    if user is not None:
        distinctive |= {user.email, user.full_name}
    strings |= distinctive
    Application.objects.filter(pk=locked.pk).update(
        user=None,
        referee=None,
        anonymised_at=timezone.now(),
        **dict.fromkeys(fields, ""),
    )
    for relation in ERASED_RELATIONS:
        # A one-to-one (the organisation join request) has no manager: filter its model.
        related = cast(
            "type[models.Model]", Application._meta.get_field(relation).related_model
        )
        related._default_manager.filter(application=locked).delete()
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Application),
        object_id=str(locked.pk),
    ).delete()
    outbox_messages_forget(strings=distinctive)
    audit_events_redact(
        events=AuditEvent.objects.filter(
            target_model="onboarding.application", target_id=str(locked.pk)
        ),
        subject=locked,
        people={user.pk} if user is not None else (),
        strings=strings,
    )
    if user is not None and _account_is_forgettable(user):
        user_anonymise(user=user, actor=None)
    application.refresh_from_db()
    audit_event_record(
        actor=None,
        action=ApplicationAction.ANONYMISED,
        target=application,
        target_label=audit_pseudonym(model=Application, pk=application.pk),
    )
    return True


def retention_cutoff() -> Any:
    return timezone.now() - timedelta(days=conf.retention_days())


# --- Yearly re-confirmation of members ------------------------------------------


def reconfirmation_token(*, record: MemberReconfirmation) -> str:
    return signing.dumps(str(record.nonce), salt=RECONFIRMATION_SALT)


def member_reconfirmation_records_create() -> int:
    """Start the clock for members who have none (approved before it existed,
    or given the role by an administrator): from their latest approval, else
    from when they joined. Returns how many were made."""
    from django.db.models import OuterRef, Subquery

    from accounts.roles import Role

    approvals = Application.objects.filter(
        user=OuterRef("pk"), status=Status.APPROVED, kind=Application.Kind.MEMBER
    ).order_by("-decided_at")
    members = (
        User.objects.filter(groups__name=Role.MEMBER, reconfirmation__isnull=True)
        .annotate(approved_at=Subquery(approvals.values("decided_at")[:1]))
        .values_list("pk", "approved_at", "date_joined")
        .distinct()
    )
    records = [
        MemberReconfirmation(user_id=pk, confirmed_at=approved_at or joined)
        for pk, approved_at, joined in members
    ]
    MemberReconfirmation.objects.bulk_create(records, ignore_conflicts=True)
    return len(records)


@transaction.atomic
def member_reconfirmation_remind(*, record: MemberReconfirmation) -> bool:
    """Email the member a signed link to confirm; once per period (idempotent)."""
    now = timezone.now()
    won = MemberReconfirmation.objects.filter(
        pk=record.pk, reminded_at__isnull=True, paused_at__isnull=True
    ).update(reminded_at=now, nonce=uuid.uuid4())
    if not won:
        return False
    record.refresh_from_db()
    user = record.user
    audit_event_record(
        actor=None,
        action=ApplicationAction.MEMBER_REMINDED,
        target=user,
        after={"reminded_at": now.isoformat()},
    )
    link = site_url(
        reverse(
            "onboarding:reconfirm",
            kwargs={"token": reconfirmation_token(record=record)},
        )
    )
    message = email_render(
        template_prefix="onboarding/reconfirm",
        context={
            "user_name": user.full_name or user_own_name(user),
            "link": link,
            "days": conf.reconfirmation_grace_days(),
        },
        to=[user.email],
        language=user.language,
    )
    email_enqueue(
        message=message,
        dedupe_key=f"onboarding:reconfirm:{user.pk}:{int(now.timestamp())}",
    )
    return True


def member_reconfirmation_load(*, token: str) -> MemberReconfirmation:
    """The record behind a re-confirmation link, if it may still be used."""
    nonce = _signed_nonce(
        token=token,
        salt=RECONFIRMATION_SALT,
        max_age=conf.reconfirmation_grace_days() * 86400,
    )
    record = (
        MemberReconfirmation.objects.select_related("user").filter(nonce=nonce).first()
    )
    if record is None or record.reminded_at is None:
        raise ConfirmationLinkError(
            _("This link has already been used. Thank you."), expired=True
        )
    if record.paused_at is not None:
        raise ConfirmationLinkError(
            _(
                "Your access is paused because we did not hear from you in time. "
                "Contact the Hub's staff to restore it."
            ),
            expired=True,
        )
    return record


@transaction.atomic
def member_reconfirm(*, token: str) -> MemberReconfirmation:
    """The member confirms: the clock restarts, the link stops working."""
    record = member_reconfirmation_load(token=token)
    now = timezone.now()
    won = MemberReconfirmation.objects.filter(
        pk=record.pk,
        nonce=record.nonce,
        reminded_at__isnull=False,
        paused_at__isnull=True,
    ).update(confirmed_at=now, reminded_at=None, nonce=uuid.uuid4())
    if not won:
        raise ConfirmationLinkError(_("This link has already been used. Thank you."))
    record.refresh_from_db()
    audit_event_record(
        actor=record.user,
        action=ApplicationAction.MEMBER_RECONFIRMED,
        target=record.user,
        after={"confirmed_at": now.isoformat()},
    )
    return record


@transaction.atomic
def member_access_pause(*, record: MemberReconfirmation) -> bool:
    """No confirmation within the grace period: revoke the member role, once."""
    from accounts.roles import Role
    from accounts.services import role_revoke

    now = timezone.now()
    won = MemberReconfirmation.objects.filter(
        pk=record.pk, paused_at__isnull=True, reminded_at__isnull=False
    ).update(paused_at=now)
    if not won:
        return False
    record.refresh_from_db()
    role_revoke(actor=None, user=record.user, role=Role.MEMBER)
    audit_event_record(
        actor=None,
        action=ApplicationAction.MEMBER_PAUSED,
        target=record.user,
        before={"paused": False},
        after={"paused": True, "reminded_at": str(record.reminded_at)},
    )
    user = record.user
    message = email_render(
        template_prefix="onboarding/access_paused",
        context={"user_name": user.full_name or user_own_name(user)},
        to=[user.email],
        language=user.language,
    )
    email_enqueue(
        message=message,
        dedupe_key=f"onboarding:paused:{user.pk}:{int(now.timestamp())}",
    )
    return True


@transaction.atomic
def member_access_resume(*, record: MemberReconfirmation, actor: User) -> bool:
    """Staff restore a paused member's access; the clock restarts today."""
    from accounts.roles import Role
    from accounts.services import role_grant

    if record.user_id == actor.pk:
        raise ApplicationStateError(_("Nobody may restore their own access."))
    now = timezone.now()
    won = MemberReconfirmation.objects.filter(
        pk=record.pk, paused_at__isnull=False
    ).update(
        paused_at=None,
        reminded_at=None,
        confirmed_at=now,
        resumed_at=now,
        resumed_by=actor,
        nonce=uuid.uuid4(),
    )
    if not won:
        raise ApplicationStateError(_("This member's access is not paused."))
    record.refresh_from_db()
    role_grant(actor=actor, user=record.user, role=Role.MEMBER)
    audit_event_record(
        actor=actor,
        action=ApplicationAction.MEMBER_RESUMED,
        target=record.user,
        before={"paused": True},
        after={"paused": False},
    )
    return True
