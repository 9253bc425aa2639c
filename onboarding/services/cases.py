"""The verifier side: claim, approve, reject, ask for information, notes."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import user_list_with_role
from accounts.services import audit_event_record
from onboarding import conf
from onboarding.audit import ApplicationAction
from onboarding.models import (
    Application,
    InfoRequestTemplate,
    Message,
    Note,
    RejectionReason,
)
from onboarding.services._common import (
    ApplicationStateError,
    Status,
    _email_applicant,
    _not_own,
    _transition,
    site_url,
)
from outbox.emails import email_user_enqueue
from outbox.services import outbox_enqueue_name


@transaction.atomic
def application_claim(
    *, application: Application, actor: User, expected_version: int | None = None
) -> Application:
    """Assign the case to ``actor``; a submitted case goes into review. A case
    the actor already holds in review stays as it is, unaudited."""
    _not_own(application, actor)
    if _already_so(application, actor):
        return application
    to = Status.IN_REVIEW if application.status == Status.SUBMITTED else None
    _transition(
        application,
        actor=actor,
        action=ApplicationAction.CLAIMED,
        allowed_from=Application.OPEN_STATUSES,
        to=to or application.status,
        expected_version=expected_version,
        before={"status": application.status, "assignee": application.assignee_id},
        after={"status": to or application.status, "assignee": actor.pk},
        assignee=actor,
    )
    return application


@transaction.atomic
def application_assign(
    *,
    application: Application,
    actor: User,
    assignee: User,
    expected_version: int | None = None,
) -> Application:
    """Give an open case to ``assignee`` (a verifier; the caller checks that);
    a submitted case goes into review. Neither may be the applicant."""
    _not_own(application, actor)
    _not_own(application, assignee)
    if _already_so(application, assignee):
        return application  # nothing to change or to audit
    to = Status.IN_REVIEW if application.status == Status.SUBMITTED else None
    _transition(
        application,
        actor=actor,
        action=ApplicationAction.ASSIGNED,
        allowed_from=Application.OPEN_STATUSES,
        to=to or application.status,
        expected_version=expected_version,
        before={"status": application.status, "assignee": application.assignee_id},
        after={"status": to or application.status, "assignee": assignee.pk},
        assignee=assignee,
    )
    return application


def _already_so(application: Application, assignee: User) -> bool:
    """Claiming or assigning would change nothing: ``assignee`` holds this open
    case and it is already in review."""
    return (
        application.assignee_id == assignee.pk
        and application.status in Application.OPEN_STATUSES
        and application.status != Status.SUBMITTED
    )


def application_bulk_claim(
    *, applications: list[Application], actor: User
) -> tuple[int, int]:
    """Claim each case that nobody else holds, each in its own transaction and
    audited like a claim from the case page. Returns (claimed, left as they were):
    a case another verifier holds, the actor's own, or one changed meanwhile.
    A case the actor already holds is neither: nothing happens to it."""
    done = left = 0
    for application in applications:
        if _already_so(application, actor):
            continue
        if application.assignee_id not in (None, actor.pk):
            left += 1
            continue
        try:
            application_claim(application=application, actor=actor)
        except ApplicationStateError:
            left += 1
            continue
        done += 1
    return done, left


def application_bulk_assign(
    *, applications: list[Application], actor: User, assignee: User
) -> tuple[int, int]:
    """Assign each case to ``assignee`` (audited per case). Returns (assigned,
    left as they were); a case ``assignee`` already holds is neither."""
    done = left = 0
    for application in applications:
        if _already_so(application, assignee):
            continue
        try:
            application_assign(application=application, actor=actor, assignee=assignee)
        except ApplicationStateError:
            left += 1
            continue
        done += 1
    return done, left


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
                actor=actor,
                action=ApplicationAction.FIRST_SIGNOFF,
                allowed_from=[Status.IN_REVIEW],
                to=Status.IN_REVIEW,
                expected_version=expected_version,
                before={"first_approver": None},
                after={"first_approver": actor.pk},
                first_approver=actor,
            )
            return application
        if application.first_approver_id == actor.pk:
            raise ApplicationStateError(
                _("A second verifier must give the second sign-off.")
            )
    _transition(
        application,
        actor=actor,
        action=ApplicationAction.APPROVED,
        allowed_from=[Status.IN_REVIEW],
        to=Status.APPROVED,
        expected_version=expected_version,
        decided_at=timezone.now(),
        decided_by=actor,
    )
    outbox_enqueue_name(
        "onboarding.tasks.provision_application",
        dedupe_key=f"onboarding:provision:{application.pk}",
        application_id=application.pk,
    )
    return application


def _applicant_language(application: Application) -> str:
    """The language the applicant reads the portal and their emails in."""
    user = application.user
    return (getattr(user, "language", "") or "en").lower()


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
    _transition(
        application,
        actor=actor,
        action=ApplicationAction.REJECTED,
        allowed_from=Application.OPEN_STATUSES,
        to=Status.REJECTED,
        expected_version=expected_version,
        after={
            "status": Status.REJECTED,
            "reason": reason.title if reason else "",
            "message": message.strip(),
        },
        decided_at=timezone.now(),
        decided_by=actor,
        rejection_reason=reason,
        decision_message=message.strip(),
    )
    _email_applicant(
        application,
        template="rejected",
        key="rejected",
        reason_text=str(reason.localised("text", _applicant_language(application)))
        if reason
        else "",
        message=message.strip(),
    )
    return application


@transaction.atomic
def application_request_info(
    *,
    application: Application,
    actor: User,
    question: str,
    template: InfoRequestTemplate | None = None,
    expected_version: int | None = None,
) -> Application:
    """In review -> needs_info: the SLA clock pauses until the applicant answers.

    A ``template`` puts its text, in the applicant's language, before the
    verifier's own words (if any).
    """
    _not_own(application, actor)
    if template is not None:
        text = str(template.localised("text", _applicant_language(application)))
        question = "\n\n".join(p for p in (text, question.strip()) if p)
    if not question.strip():
        raise ApplicationStateError(_("Write the question for the applicant."))
    _transition(
        application,
        actor=actor,
        action=ApplicationAction.INFO_REQUESTED,
        allowed_from=[Status.IN_REVIEW],
        to=Status.NEEDS_INFO,
        expected_version=expected_version,
        after={"status": Status.NEEDS_INFO, "question": question.strip()},
        info_requested_at=timezone.now(),
        info_reminded_at=None,
    )
    message = Message.objects.create(
        application=application, author=actor, from_staff=True, body=question.strip()
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
        actor=None,
        action=ApplicationAction.EXPIRED,
        allowed_from=[Status.NEEDS_INFO],
        to=Status.EXPIRED,
        decided_at=timezone.now(),
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


def application_sla_digest_send(*, overdue: list[Application], day: str) -> int:
    """Tell every verifier which open cases are past the SLA, once per ``day``
    (an ISO date). Returns how many cases were listed."""
    if not overdue:
        return 0
    for verifier in user_list_with_role(role=Role.VERIFIER):
        email_user_enqueue(
            user=verifier,
            template_prefix="onboarding/sla_digest",
            context={
                "count": len(overdue),
                "cases": overdue[:50],
                "queue_url": site_url(reverse("onboarding:case-list")),
            },
            dedupe_key=f"onboarding:sla:{verifier.pk}:{day}",
        )
    return len(overdue)
