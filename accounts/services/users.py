"""Accounts and roles: grants, revocations, the four-eyes staff-role requests,
active state, language, and email changes made by an administrator."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditAction, StaffRoleRequest, User
from accounts.roles import STAFF_ROLES, Role
from accounts.selectors import user_own_name, user_roles
from accounts.services.audit import audit_event_record
from outbox.emails import email_user_enqueue


def _sync_admin_access(*, user: User) -> None:
    """Staff roles open the Django admin; each admin screen then checks its Perm."""
    is_staff = user.is_superuser or bool(user_roles(user=user) & STAFF_ROLES)
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])


def _sorted_roles(roles: frozenset[Role]) -> list[str]:
    return sorted(str(role) for role in roles)


def _notify_role_change(*, user: User, role: Role, granted: bool) -> None:
    """Staff roles open sensitive areas: their holder hears of every change."""
    email_user_enqueue(
        user=user,
        template_prefix="accounts/role_changed",
        context={
            "user_name": user_own_name(user),
            "role_label": role.label,
            "granted": granted,
        },
    )


def _role_set(*, actor: User | None, user: User, role: Role, granted: bool) -> bool:
    """Add or remove the role's group; refresh the cached roles and admin access,
    audit, and tell the holder of a staff role. False when nothing changes."""
    before = user_roles(user=user)
    if (role in before) == granted:
        return False
    group = Group.objects.get(name=role)
    if granted:
        user.groups.add(group)
        after = before | {role}
    else:
        user.groups.remove(group)
        after = before - {role}
    user._hub_roles = after  # type: ignore[attr-defined]
    _sync_admin_access(user=user)
    audit_event_record(
        actor=actor,
        action=AuditAction.ROLE_GRANTED if granted else AuditAction.ROLE_REVOKED,
        target=user,
        before={"roles": _sorted_roles(before)},
        after={"roles": _sorted_roles(after)},
    )
    if actor is not None and role in STAFF_ROLES:
        _notify_role_change(user=user, role=role, granted=granted)
    return True


@transaction.atomic
def role_grant(*, actor: User | None, user: User, role: Role) -> bool:
    """Give ``user`` the role. Returns False, and records nothing, if they had it.

    Callers check that ``actor`` may grant it (onboarding approvals, role admins).
    """
    return _role_set(actor=actor, user=user, role=role, granted=True)


@transaction.atomic
def role_revoke(*, actor: User | None, user: User, role: Role) -> bool:
    """Take the role away. Returns False, and records nothing, if they lacked it."""
    return _role_set(actor=actor, user=user, role=role, granted=False)


@transaction.atomic
def user_set_active(*, actor: User | None, user: User, active: bool) -> bool:
    """Suspend or reactivate an account. Returns False when nothing changes."""
    if user.is_active == active:
        return False
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit_event_record(
        actor=actor,
        action=(
            AuditAction.ACCOUNT_REACTIVATED if active else AuditAction.ACCOUNT_SUSPENDED
        ),
        target=user,
        before={"is_active": not active},
        after={"is_active": active},
    )
    return True


def user_set_language(*, user: User, language: str) -> None:
    """Remember the language a user chose; not a staff action, so not audited."""
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


@transaction.atomic
def user_email_change_request(*, actor: User, user: User, email: str) -> EmailAddress:
    """Start changing ``user``'s address to ``email`` on an administrator's word.

    Nothing changes yet: the new address waits, unverified, until its owner
    confirms it (allauth's change-email flow, ``ACCOUNT_CHANGE_EMAIL``: the
    confirmed address replaces the old one, whose owner allauth tells again).
    The caller sends the confirmation link, which needs the request; the old
    address hears of the request now, in the user's language. A newer request
    replaces a pending one.
    """
    # Not allauth's add_new_email: it would also drop an unverified primary
    # address, and with it the user's email.
    EmailAddress.objects.filter(user=user, verified=False, primary=False).exclude(
        email__iexact=user.email
    ).delete()
    pending, _created = EmailAddress.objects.get_or_create(
        user=user, email=email.lower()
    )
    audit_event_record(
        actor=actor,
        action=AuditAction.EMAIL_CHANGE_REQUESTED,
        target=user,
        before={"email": user.email},
        after={"email": pending.email, "verified": False},
    )
    email_user_enqueue(
        user=user,
        template_prefix="accounts/email_change_requested",
        context={"user_name": user_own_name(user), "new_email": pending.email},
    )
    return pending


class FourEyesError(Exception):
    """A staff role request that this person may not decide, or not any more."""


@transaction.atomic
def staff_role_request(
    *, actor: User, user: User, role: Role
) -> StaffRoleRequest | None:
    """Ask for a staff role; a second administrator must approve it.

    Returns None when the user already holds the role; an existing pending
    request is returned rather than duplicated.
    """
    if role not in STAFF_ROLES:
        raise ValueError(f"{role} is not a staff role")
    if actor.pk == user.pk:
        raise FourEyesError(_("Nobody can ask for a staff role for themselves."))
    if role in user_roles(user=user):
        return None
    pending = StaffRoleRequest.objects.filter(
        user=user, role=role, status=StaffRoleRequest.Status.PENDING
    ).first()
    if pending is not None:
        return pending
    request = StaffRoleRequest.objects.create(user=user, role=role, requested_by=actor)
    audit_event_record(
        actor=actor,
        action=AuditAction.STAFF_ROLE_REQUESTED,
        target=user,
        after={"role": str(role), "request": request.pk},
    )
    return request


def _staff_role_request_decide(
    *,
    actor: User,
    request: StaffRoleRequest,
    status: StaffRoleRequest.Status,
) -> None:
    if actor.pk in (request.requested_by_id, request.user_id):
        raise FourEyesError(
            _(
                "A second administrator must decide: not the one who asked, "
                "and not the person who would get the role."
            )
        )
    # A conditional UPDATE, not read-then-save: two admins may decide at once.
    won = StaffRoleRequest.objects.filter(
        pk=request.pk, status=StaffRoleRequest.Status.PENDING
    ).update(status=status, decided_by=actor, decided_at=timezone.now())
    if not won:
        raise FourEyesError(_("This request has already been decided."))
    request.refresh_from_db()
    audit_event_record(
        actor=actor,
        action=AuditAction.STAFF_ROLE_APPROVED
        if status == StaffRoleRequest.Status.APPROVED
        else AuditAction.STAFF_ROLE_REJECTED,
        target=request.user,
        before={"request": request.pk, "requested_by": request.requested_by.email},
        after={"role": request.role},
    )


@transaction.atomic
def staff_role_request_approve(*, actor: User, request: StaffRoleRequest) -> None:
    """The second pair of eyes: grants the role."""
    status = StaffRoleRequest.Status.APPROVED
    _staff_role_request_decide(actor=actor, request=request, status=status)
    role_grant(actor=actor, user=request.user, role=Role(request.role))


@transaction.atomic
def staff_role_request_reject(*, actor: User, request: StaffRoleRequest) -> None:
    status = StaffRoleRequest.Status.REJECTED
    _staff_role_request_decide(actor=actor, request=request, status=status)
