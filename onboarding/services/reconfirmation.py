"""Yearly re-confirmation of members: remind, confirm, pause, resume."""

import uuid
from typing import Any

from django.core import signing
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import user_own_name
from accounts.services import audit_event_record, role_grant, role_revoke
from onboarding import conf
from onboarding.audit import ApplicationAction
from onboarding.models import Application, MemberReconfirmation
from onboarding.services._common import (
    RECONFIRMATION_SALT,
    ApplicationStateError,
    ConfirmationLinkError,
    Status,
    site_url,
)
from onboarding.services.confirmations import _signed_nonce
from outbox.emails import email_user_enqueue


def _record_change(
    record: MemberReconfirmation,
    *,
    where: dict[str, Any],
    values: dict[str, Any],
    actor: User | None,
    action: ApplicationAction,
    after: dict[str, Any],
    before: dict[str, Any] | None = None,
) -> bool:
    """Set ``values`` on the record if it still matches ``where`` (a conditional
    UPDATE, so a job run twice or a double click changes it once) and write the
    audit row on the member. False, changing nothing, if it no longer matches."""
    won = MemberReconfirmation.objects.filter(pk=record.pk, **where).update(**values)
    if not won:
        return False
    record.refresh_from_db()
    audit_event_record(
        actor=actor, action=action, target=record.user, before=before, after=after
    )
    return True


def _email_member(user: User, *, template: str, key: str, **context: Any) -> None:
    email_user_enqueue(
        user=user,
        template_prefix=f"onboarding/{template}",
        context={"user_name": user.full_name or user_own_name(user), **context},
        dedupe_key=f"onboarding:{key}",
    )


def reconfirmation_token(*, record: MemberReconfirmation) -> str:
    return signing.dumps(str(record.nonce), salt=RECONFIRMATION_SALT)


def member_reconfirmation_records_create() -> int:
    """Start the clock for members who have none (approved before it existed,
    or given the role by an administrator): from their latest approval, else
    from when they joined. Returns how many were made."""

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
    if not _record_change(
        record,
        where={"reminded_at__isnull": True, "paused_at__isnull": True},
        values={"reminded_at": now, "nonce": uuid.uuid4()},
        actor=None,
        action=ApplicationAction.MEMBER_REMINDED,
        after={"reminded_at": now.isoformat()},
    ):
        return False
    link = site_url(
        reverse(
            "onboarding:reconfirm",
            kwargs={"token": reconfirmation_token(record=record)},
        )
    )
    _email_member(
        record.user,
        template="reconfirm",
        key=f"reconfirm:{record.user_id}:{int(now.timestamp())}",
        link=link,
        days=conf.reconfirmation_grace_days(),
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
    if not _record_change(
        record,
        where={
            "nonce": record.nonce,
            "reminded_at__isnull": False,
            "paused_at__isnull": True,
        },
        values={"confirmed_at": now, "reminded_at": None, "nonce": uuid.uuid4()},
        actor=record.user,
        action=ApplicationAction.MEMBER_RECONFIRMED,
        after={"confirmed_at": now.isoformat()},
    ):
        raise ConfirmationLinkError(_("This link has already been used. Thank you."))
    return record


@transaction.atomic
def member_access_pause(*, record: MemberReconfirmation) -> bool:
    """No confirmation within the grace period: revoke the member role, once."""

    now = timezone.now()
    if not _record_change(
        record,
        where={"paused_at__isnull": True, "reminded_at__isnull": False},
        values={"paused_at": now},
        actor=None,
        action=ApplicationAction.MEMBER_PAUSED,
        before={"paused": False},
        after={"paused": True, "reminded_at": str(record.reminded_at)},
    ):
        return False
    role_revoke(actor=None, user=record.user, role=Role.MEMBER)
    _email_member(
        record.user,
        template="access_paused",
        key=f"paused:{record.user_id}:{int(now.timestamp())}",
    )
    return True


@transaction.atomic
def member_access_resume(*, record: MemberReconfirmation, actor: User) -> bool:
    """Staff restore a paused member's access; the clock restarts today."""

    if record.user_id == actor.pk:
        raise ApplicationStateError(_("Nobody may restore their own access."))
    now = timezone.now()
    if not _record_change(
        record,
        where={"paused_at__isnull": False},
        values={
            "paused_at": None,
            "reminded_at": None,
            "confirmed_at": now,
            "resumed_at": now,
            "resumed_by": actor,
            "nonce": uuid.uuid4(),
        },
        actor=actor,
        action=ApplicationAction.MEMBER_RESUMED,
        before={"paused": True},
        after={"paused": False},
    ):
        raise ApplicationStateError(_("This member's access is not paused."))
    role_grant(actor=actor, user=record.user, role=Role.MEMBER)
    return True
