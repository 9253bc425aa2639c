"""The applicant side: draft, submit, answer, withdraw, apply again."""

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import audit_event_record
from onboarding import conf
from onboarding.audit import ApplicationAction
from onboarding.models import Application, ConfirmationRequest, Message
from onboarding.services._common import (
    CLOSED_STATUSES,
    ApplicationRateLimitError,
    ApplicationStateError,
    Status,
    _email_applicant,
    _over_rate,
    _state_error,
    _transition,
)
from onboarding.services.confirmations import _confirmation_create
from outbox.services import outbox_enqueue_name


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
        application,
        actor=actor,
        action=ApplicationAction.SUBMITTED,
        allowed_from=[Status.DRAFT],
        to=Status.SUBMITTED,
        submitted_at=now,
    )
    outbox_enqueue_name(
        "onboarding.tasks.screen_application",
        dedupe_key=f"onboarding:screen:{application.pk}",
        application_id=application.pk,
    )
    _email_applicant(application, template="acknowledgement", key="ack")
    if application.referee_email:
        # Whether the referee is a member is looked up later, in the task, so
        # this request does the same work whoever they are.
        outbox_enqueue_name(
            "onboarding.tasks.ask_referee",
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
        actor=actor,
        action=ApplicationAction.ANSWERED,
        allowed_from=[Status.NEEDS_INFO],
        to=Status.IN_REVIEW,
        paused_seconds=F("paused_seconds") + max(paused, 0),
        info_requested_at=None,
        info_reminded_at=None,
    )
    Message.objects.create(application=application, author=actor, body=body)
    return application


@transaction.atomic
def application_withdraw(*, application: Application, actor: User) -> Application:
    if application.user_id != actor.pk:
        raise ApplicationStateError(_("Only the applicant can withdraw."))
    _transition(
        application,
        actor=actor,
        action=ApplicationAction.WITHDRAWN,
        allowed_from=[Status.DRAFT, *Application.OPEN_STATUSES],
        to=Status.WITHDRAWN,
        decided_at=timezone.now(),
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
