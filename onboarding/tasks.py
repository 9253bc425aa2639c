"""Background work of the onboarding app. Each task takes ids and is idempotent."""

import logging
from datetime import timedelta

from celery import shared_task
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from onboarding import conf
from onboarding.models import Application, ConfirmationRequest
from outbox.services import BROKER_ERRORS

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True, autoretry_for=BROKER_ERRORS, retry_backoff=True, max_retries=5
)
def screen_application(application_id: int) -> int:
    """Compute the signals of a submitted application; returns how many.

    Safe to run again: the signals are replaced, never added twice.
    """
    from onboarding.screening import application_screen

    application = (
        Application.objects.select_related("referee")
        .filter(pk=application_id, anonymised_at__isnull=True)
        .exclude(status=Application.Status.DRAFT)
        .first()
    )
    if application is None:
        return 0
    return len(application_screen(application=application))


@shared_task(
    acks_late=True, autoretry_for=BROKER_ERRORS, retry_backoff=True, max_retries=5
)
def provision_application(application_id: int) -> bool:
    """Grant the approved applicant's role and welcome them, once."""
    from onboarding.services import application_provision

    application = Application.objects.filter(
        pk=application_id,
        status=Application.Status.APPROVED,
        provisioned_at__isnull=True,
    ).first()
    if application is None:
        return False
    return application_provision(application=application)


@shared_task(
    acks_late=True, autoretry_for=BROKER_ERRORS, retry_backoff=True, max_retries=5
)
def ask_referee(application_id: int) -> bool:
    """After submission: ask the named referee to vouch if they are an active
    member (nobody else is written to). Asks once, however often it runs."""
    from onboarding.services import application_referee_ask

    application = Application.objects.filter(
        pk=application_id, status__in=Application.OPEN_STATUSES
    ).first()
    if application is None:
        return False
    return application_referee_ask(application=application) is not None


@shared_task(
    acks_late=True, autoretry_for=BROKER_ERRORS, retry_backoff=True, max_retries=5
)
def send_confirmation_request(confirmation_id: int) -> bool:
    """Email the signed link of an unanswered request of an open application."""
    from onboarding.services import confirmation_token, site_url
    from outbox.emails import email_render, email_send_now

    confirmation = (
        ConfirmationRequest.objects.select_related("application")
        .filter(
            pk=confirmation_id,
            answered_at__isnull=True,
            application__status__in=Application.OPEN_STATUSES,
        )
        .first()
    )
    if confirmation is None:
        return False
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


@shared_task(acks_late=True)
def send_sla_digest() -> int:
    """Daily: tell verifiers which open cases are past the SLA. Returns how many."""
    from accounts.roles import Role
    from accounts.selectors import user_list_with_role
    from onboarding.selectors import application_is_overdue
    from onboarding.services import site_url
    from outbox.emails import email_enqueue, email_render

    now = timezone.now()
    open_cases = Application.objects.filter(
        status__in=[Application.Status.SUBMITTED, Application.Status.IN_REVIEW]
    ).order_by("submitted_at")
    overdue = [a for a in open_cases.iterator() if application_is_overdue(a, now=now)]
    if not overdue:
        return 0
    for verifier in user_list_with_role(role=Role.VERIFIER):
        message = email_render(
            template_prefix="onboarding/sla_digest",
            context={
                "count": len(overdue),
                "cases": overdue[:50],
                "queue_url": site_url(reverse("onboarding:case-list")),
            },
            to=[verifier.email],
            language=verifier.language,
        )
        email_enqueue(
            message=message,
            dedupe_key=f"onboarding:sla:{verifier.pk}:{now.date().isoformat()}",
        )
    return len(overdue)


@shared_task(acks_late=True)
def remind_and_expire_needs_info() -> tuple[int, int]:
    """Daily: remind applicants who have not answered, then expire the case."""
    from onboarding.services import (
        ApplicationStateError,
        application_expire,
        application_remind_needs_info,
    )

    now = timezone.now()
    waiting = Application.objects.filter(status=Application.Status.NEEDS_INFO)
    reminded = expired = 0
    remind_before = now - timedelta(days=conf.needs_info_reminder_days())
    for application in waiting.filter(
        info_requested_at__lt=remind_before, info_reminded_at__isnull=True
    ).select_related("user"):
        reminded += application_remind_needs_info(application=application)
    expire_before = now - timedelta(days=conf.needs_info_expiry_days())
    for application in waiting.filter(
        info_requested_at__lt=expire_before
    ).select_related("user"):
        try:
            application_expire(application=application)
            expired += 1
        except ApplicationStateError:
            continue  # answered meanwhile
    return reminded, expired


@shared_task(acks_late=True)
def purge_closed_applications() -> int:
    """Daily: delete personal data of closed applications past the retention period."""
    from onboarding.services import application_anonymise, retention_cutoff

    closed = Application.objects.filter(
        Q(status__in=[Application.Status.REJECTED, Application.Status.EXPIRED])
        | Q(status=Application.Status.WITHDRAWN),
        decided_at__lt=retention_cutoff(),
        anonymised_at__isnull=True,
    )
    count = 0
    for application in closed.iterator():
        count += application_anonymise(application=application)
    if count:
        logger.info("onboarding: anonymised %d closed application(s)", count)
    return count


@shared_task(acks_late=True)
def reconfirm_members() -> tuple[int, int]:
    """Daily: ask members to re-confirm once a period, pause those who do not.

    Returns (reminded, paused). Safe to run twice: each step is a conditional
    update, so a member gets one reminder per period and one pause.
    """
    from accounts.roles import Role
    from onboarding.models import MemberReconfirmation
    from onboarding.services import (
        member_access_pause,
        member_reconfirmation_records_create,
        member_reconfirmation_remind,
    )

    member_reconfirmation_records_create()
    now = timezone.now()
    active = MemberReconfirmation.objects.filter(
        paused_at__isnull=True,
        user__is_active=True,
        user__groups__name=Role.MEMBER,
    ).select_related("user")
    reminded = paused = 0
    due = now - timedelta(days=conf.reconfirmation_days())
    for record in active.filter(confirmed_at__lt=due, reminded_at__isnull=True):
        reminded += member_reconfirmation_remind(record=record)
    grace = now - timedelta(days=conf.reconfirmation_grace_days())
    for record in active.filter(reminded_at__lt=grace):
        paused += member_access_pause(record=record)
    if reminded or paused:
        logger.info(
            "onboarding: %d member(s) asked to re-confirm, %d paused", reminded, paused
        )
    return reminded, paused
