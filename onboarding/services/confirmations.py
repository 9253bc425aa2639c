"""Signed links: supervisor, referee and work-email confirmations."""

from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import audit_event_record
from onboarding import conf
from onboarding.audit import ApplicationAction
from onboarding.models import Application, ConfirmationRequest
from onboarding.selectors import active_member_by_email
from onboarding.services._common import (
    CONFIRMATION_SALT,
    ApplicationRateLimitError,
    ApplicationStateError,
    ConfirmationLinkError,
    _not_own,
    _over_rate,
    site_url,
)
from outbox.emails import email_render, email_send_now
from outbox.services import outbox_enqueue_name


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
    outbox_enqueue_name(
        "onboarding.tasks.send_confirmation_request",
        dedupe_key=f"onboarding:confirm:{confirmation.pk}",
        confirmation_id=confirmation.pk,
    )
    return confirmation


def confirmation_request_send(*, confirmation: ConfirmationRequest) -> bool:
    """Email the signed link of a request (the outbox task's work, run once)."""
    token = confirmation_token(confirmation=confirmation)
    application = confirmation.application
    message = email_render(
        template_prefix=f"onboarding/confirm_{confirmation.kind}",
        context={
            "applicant_name": application.full_name,
            "agency_name": application.agency_name or application.organisation_name,
            "link": site_url(reverse("onboarding:confirm", kwargs={"token": token})),
            "days": conf.link_max_age_seconds() // 86400,
        },
        to=[confirmation.email],
        language=confirmation.language,
    )
    # Already inside an outbox delivery (run once), so send directly.
    email_send_now(message=message)
    return True


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
            _("This link has expired. Ask the Hub's staff for a new one."), expired=True
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
    if confirmation.kind == ConfirmationRequest.Kind.REFEREE:
        # The referee signal follows the answer (vouched, or declined).
        outbox_enqueue_name(
            "onboarding.tasks.screen_application",
            dedupe_key=f"onboarding:screen:{application.pk}:answer:{confirmation.pk}",
            application_id=application.pk,
        )
    return confirmation
