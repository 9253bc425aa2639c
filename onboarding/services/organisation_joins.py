"""Requests to join an organisation already on the Hub: the services.

A provider application that names an organisation already on the Hub ("THORN"
for "Thorn") is approved like any other, but the approval only files an
``OrganisationJoinRequest``: nobody becomes a representative of an existing
organisation by naming it. The request is signed off by a second verifier, or
an administrator, who did not approve the application; the organisation's
representatives are emailed at once and may object, which blocks the sign-off
until staff refuse the request. They have ``HUB_ORGANISATION_JOIN_OBJECTION_HOURS``
to do so: the second sign-off is refused until then (refusing is not), unless
the organisation had no active representative to tell. Every step is audited
on the application, so it shows in the case's history.

Kept beside ``services.py`` (long enough already); same contract: keyword-only,
own transaction, audit row, email through the outbox.
"""

from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Perm
from accounts.services import audit_event_record
from onboarding import conf
from onboarding.audit import ApplicationAction
from onboarding.models import Application, OrganisationJoinRequest
from onboarding.services._common import ApplicationStateError, site_url
from outbox.emails import email_user_enqueue
from tools_catalog.models import Provider
from tools_catalog.services import provider_representative_add

JoinStatus = OrganisationJoinRequest.Status


def _applicant_name(join: OrganisationJoinRequest) -> str:
    return join.application.full_name or str(join.user)


def organisation_join_request_create(
    *, application: Application, provider: Provider, actor: User | None
) -> OrganisationJoinRequest:
    """File the applicant's request to join ``provider`` and tell its
    representatives, each in their language. Idempotent: the application's
    existing request is returned and nobody is told twice. Called while the
    approved application is provisioned, inside that transaction."""
    if application.user is None:
        raise ApplicationStateError(_("This application no longer exists."))
    join, created = OrganisationJoinRequest.objects.get_or_create(
        application=application,
        defaults={
            "user": application.user,
            "provider": provider,
            "requested_by": actor,
        },
    )
    if not created:
        return join
    representatives = list(
        provider.representatives.filter(is_active=True)
        .exclude(pk=join.user_id)
        .order_by("pk")
    )
    if representatives:
        # They get a window to object before anyone may give the second
        # sign-off; with nobody to tell there is nothing to wait for.
        told = timezone.now()
        join.representatives_told_at = told
        join.objection_window_ends_at = told + timedelta(
            hours=conf.organisation_join_objection_hours()
        )
        join.save(update_fields=["representatives_told_at", "objection_window_ends_at"])
    audit_event_record(
        actor=actor,
        action=ApplicationAction.JOIN_REQUESTED,
        target=application,
        after={
            "status": JoinStatus.PENDING,
            "provider": provider.pk,
            "organisation": provider.name,
            "representatives_told": [user.pk for user in representatives],
            "objection_window_ends": (
                join.objection_window_ends_at.isoformat()
                if join.objection_window_ends_at
                else None
            ),
        },
    )
    link = site_url(reverse("onboarding:join-request-object", kwargs={"pk": join.pk}))
    for representative in representatives:
        email_user_enqueue(
            user=representative,
            template_prefix="onboarding/join_requested",
            context={
                "user_name": representative.full_name or str(representative),
                "applicant_name": _applicant_name(join),
                "applicant_email": join.user.email,
                "job_title": application.job_title,
                "organisation": provider.name,
                "link": link,
            },
            dedupe_key=f"onboarding:join-requested:{join.pk}:{representative.pk}",
        )
    return join


def _may_decide(*, join: OrganisationJoinRequest, actor: User) -> None:
    if not (
        actor.has_perm(Perm.VERIFY_APPLICATIONS) or actor.has_perm(Perm.MANAGE_ROLES)
    ):
        raise ApplicationStateError(
            _("Only a verifier or an administrator may decide this request.")
        )
    if actor.pk == join.user_id:
        raise ApplicationStateError(_("Nobody may decide their own application."))


def _state_error(join: OrganisationJoinRequest) -> ApplicationStateError:
    current = OrganisationJoinRequest.objects.filter(pk=join.pk).first()
    if current is not None and current.status == JoinStatus.OBJECTED:
        return ApplicationStateError(
            _(
                "A representative of %(organisation)s objected to this request: "
                "it can only be refused."
            )
            % {"organisation": join.provider.name}
        )
    return ApplicationStateError(
        _("This request was already decided: it is “%(status)s”.")
        % {"status": (current or join).get_status_display()}
    )


def _when(moment: Any) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _objection_window_check(join: OrganisationJoinRequest) -> None:
    """Refuse the second sign-off while the representatives may still object.

    Read from the database: the window is set once, when they are told."""
    status, told, ends = (
        OrganisationJoinRequest.objects.filter(pk=join.pk)
        .values_list("status", "representatives_told_at", "objection_window_ends_at")
        .get()
    )
    if status != JoinStatus.PENDING:
        return  # decided or objected to: the transition says which
    if ends is not None and timezone.now() < ends:
        raise ApplicationStateError(
            _(
                "The representatives of %(organisation)s were told on %(told)s and "
                "may object until %(ends)s: the request cannot be approved before "
                "then. It may be refused at any time."
            )
            % {
                "organisation": join.provider.name,
                "told": _when(told),
                "ends": _when(ends),
            }
        )


def _no_longer_waiting(join: OrganisationJoinRequest) -> ApplicationStateError:
    return ApplicationStateError(_("This request is no longer waiting for a decision."))


def _join_transition(
    join: OrganisationJoinRequest,
    *,
    actor: User,
    action: ApplicationAction,
    allowed_from: Iterable[str],
    to: str,
    after: dict[str, Any],
    lost: Callable[[OrganisationJoinRequest], ApplicationStateError] = _state_error,
    exclude_requested_by: User | None = None,
    **fields: Any,
) -> None:
    """Move the request to ``to`` if it is still in ``allowed_from`` (a
    conditional UPDATE: two staff may decide, or a representative object, at
    once), then write the audit row ``action`` on the application."""
    before = join.status
    rows = OrganisationJoinRequest.objects.filter(pk=join.pk, status__in=allowed_from)
    if exclude_requested_by is not None:
        rows = rows.exclude(requested_by=exclude_requested_by)
    if not rows.update(status=to, **fields):
        raise lost(join)
    join.refresh_from_db()
    audit_event_record(
        actor=actor,
        action=action,
        target=join.application,
        before={"status": before},
        after={"status": to, **after},
    )


def _email_applicant(*, join: OrganisationJoinRequest, approved: bool) -> None:
    user = join.user
    email_user_enqueue(
        user=user,
        template_prefix="onboarding/join_decided",
        context={
            "user_name": _applicant_name(join),
            "organisation": join.provider.name,
            "approved": approved,
            "portal_url": site_url(reverse("tools_catalog:provider-portal")),
        },
        dedupe_key=f"onboarding:join-decided:{join.pk}",
    )


@transaction.atomic
def organisation_join_approve(
    *, join: OrganisationJoinRequest, actor: User
) -> OrganisationJoinRequest:
    """The second sign-off: the applicant becomes a representative.

    Refused to whoever approved the application (they gave the first), to the
    applicant, to anyone but verifiers and administrators, once a
    representative has objected, and while the representatives' window to
    object is still open.
    """
    _may_decide(join=join, actor=actor)
    if join.requested_by_id == actor.pk:
        raise ApplicationStateError(
            _("A second verifier must give the second sign-off.")
        )
    _objection_window_check(join)
    _join_transition(
        join,
        actor=actor,
        action=ApplicationAction.JOIN_APPROVED,
        allowed_from=[JoinStatus.PENDING],
        to=JoinStatus.APPROVED,
        after={
            "provider": join.provider_id,
            "user": join.user_id,
            "first_signoff": join.requested_by_id,
        },
        exclude_requested_by=actor,
        decided_by=actor,
        decided_at=timezone.now(),
    )
    provider_representative_add(actor=actor, provider=join.provider, user=join.user)
    _email_applicant(join=join, approved=True)
    return join


@transaction.atomic
def organisation_join_refuse(
    *, join: OrganisationJoinRequest, actor: User
) -> OrganisationJoinRequest:
    """Staff refuse the request (pending or objected to); nobody is added.

    The account keeps its provider role but represents no organisation, so the
    portal shows it nothing.
    """
    _may_decide(join=join, actor=actor)
    _join_transition(
        join,
        actor=actor,
        action=ApplicationAction.JOIN_REFUSED,
        allowed_from=OrganisationJoinRequest.OPEN_STATUSES,
        to=JoinStatus.REFUSED,
        after={"provider": join.provider_id},
        decided_by=actor,
        decided_at=timezone.now(),
    )
    _email_applicant(join=join, approved=False)
    return join


@transaction.atomic
def organisation_join_object(
    *, join: OrganisationJoinRequest, actor: User, comment: str = ""
) -> OrganisationJoinRequest:
    """A representative of the organisation objects: the request is blocked
    until staff refuse it. Only while it waits for the second sign-off."""
    if not join.provider.representatives.filter(pk=actor.pk).exists():
        raise ApplicationStateError(
            _("Only the organisation's representatives may object.")
        )
    _join_transition(
        join,
        actor=actor,
        action=ApplicationAction.JOIN_OBJECTED,
        allowed_from=[JoinStatus.PENDING],
        to=JoinStatus.OBJECTED,
        after={"objection": comment.strip()},
        lost=_no_longer_waiting,
        objected_by=actor,
        objected_at=timezone.now(),
        objection=comment.strip(),
    )
    return join
