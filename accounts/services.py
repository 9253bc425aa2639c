import json
import re
from collections.abc import Collection, Iterable
from importlib import import_module
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.contrib.sessions.models import Session
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from accounts.audit_context import current_client_ip
from accounts.models import AuditAction, AuditEvent, StaffRoleRequest, User
from accounts.roles import STAFF_ROLES, Role
from accounts.selectors import user_own_name, user_roles, user_staff_label
from outbox.emails import email_enqueue, email_render
from outbox.services import outbox_messages_forget

# Labels and values blanked by a redaction start with this (the PostgreSQL
# trigger lets an UPDATE write nothing else; see audit_events_redact).
PURGED = "purged:"
REDACTED = f"{PURGED}redacted"
# Values a redaction keeps: codes written by the program (statuses, kinds, role
# names), never free text, names or addresses.
_CODE = re.compile(r"[a-z0-9_.:+-]{0,64}\Z")


def _model_label(model: type[models.Model] | models.Model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def audit_event_record(
    *,
    actor: User | None,
    action: models.TextChoices,
    target: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    target_label: str | None = None,
) -> AuditEvent:
    """Append one row to the audit log; call it inside the action's transaction.

    The IP comes from the request being served (none in tasks). Who acted and
    what the target was are copied as text, so the row reads the same once the
    account or the object is gone; ``target_label`` replaces ``str(target)``.
    """
    event = AuditEvent(
        actor=actor,
        actor_label=actor.email if actor else "system",
        action=action,
        before=before or {},
        after=after or {},
        ip_address=current_client_ip(),
    )
    if target is not None:
        event.target_type = ContentType.objects.get_for_model(target)
        event.target_model = _model_label(target)
        event.target_id = str(target.pk)
        if target_label is not None:
            label = target_label
        elif isinstance(target, User):
            # The log is for staff: a person is identified, not pseudonymised.
            label = user_staff_label(target)
        else:
            label = str(target)
        event.target_label = label[:255]
    event.save()
    return event


def audit_status_change(
    *,
    actor: User | None,
    target: models.Model,
    action: models.TextChoices,
    before: Any,
    after: Any,
    field: str = "status",
    extra: dict[str, Any] | None = None,
) -> AuditEvent:
    """The audit row of a state change: ``{field: before}`` -> ``{field: after}``.

    ``extra`` (e.g. ``{"revision": revision.pk}``) is written on both sides. Call
    it inside the action's transaction, after the change.
    """
    return audit_event_record(
        actor=actor,
        action=action,
        target=target,
        before={**(extra or {}), field: before},
        after={**(extra or {}), field: after},
    )


def status_change(
    *,
    actor: User | None,
    target: models.Model,
    action: models.TextChoices,
    to: str,
    allowed_from: Collection[str],
    field: str = "status",
    updates: dict[str, Any] | None = None,
) -> bool:
    """Move ``target.<field>`` to ``to`` if it is one of ``allowed_from``, with
    ``updates`` (e.g. ``decided_at``) on the same row, and write the audit row.

    The row is locked and re-read, so the audit records the state it really left,
    and two concurrent requests cannot both move it. Returns False, changing
    nothing, when it is in another state (the caller raises its own error).
    Call it inside the service's ``transaction.atomic``; ``target`` is refreshed.
    """
    rows = type(target)._default_manager.select_for_update().filter(pk=target.pk)
    before = rows.values_list(field, flat=True).first()
    if before not in allowed_from:
        return False
    rows.update(**{field: to}, **(updates or {}))
    target.refresh_from_db()
    audit_status_change(
        actor=actor, target=target, action=action, before=before, after=to, field=field
    )
    return True


def audit_pseudonym(*, model: type[models.Model], pk: object) -> str:
    """What a purged person or record is called in the audit log from then on.

    Stable (the same account gets the same pseudonym in every row and every
    purge, so the log still shows what one subject did) and keyed with the
    secret key, so it says nothing about who it was.
    """
    name = model._meta.model_name
    digest = salted_hmac("accounts.audit.pseudonym", f"{name}:{pk}").hexdigest()
    return f"{PURGED}{name}:{digest[:16]}"


def _needles(strings: Iterable[str]) -> set[str]:
    return {s.strip().lower() for s in strings if s and len(s.strip()) >= 3}


def _mentions(text: str, needles: Collection[str]) -> bool:
    lowered = text.lower()
    return any(needle in lowered for needle in needles)


def _redacted(value: Any, needles: Collection[str]) -> Any:
    """``value`` (before/after) with its free text and any mention of
    ``needles`` replaced by REDACTED; keys, lengths, codes and numbers kept."""
    if isinstance(value, dict):
        return {key: _redacted(item, needles) for key, item in value.items()}
    if isinstance(value, list):
        return [_redacted(item, needles) for item in value]
    if isinstance(value, str):
        keep = bool(_CODE.match(value)) and not _mentions(value, needles)
        return value if keep else REDACTED
    if value is None or isinstance(value, bool):
        return value
    return REDACTED if _mentions(str(value), needles) else value


def _audit_redaction_allowed(allowed: bool) -> None:
    """Open (or close) the PostgreSQL trigger's door for this transaction only."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('hub.audit_redaction', %s, true)",
            ["on" if allowed else "off"],
        )


@transaction.atomic
def audit_events_redact(
    *,
    events: models.QuerySet[AuditEvent],
    subject: models.Model,
    people: Collection[int] = (),
    strings: Iterable[str] = (),
) -> list[int]:
    """Blank the personal data in these audit rows, keeping what happened.

    The retention purge's one way to change the log (design choice): rather
    than never writing names into it (staff need them while a case is open, and
    free text such as a rejection message cannot be vetted at write time), rows
    are written whole and redacted when the retention period ends. In each row:

    - where one of ``people`` (user ids) acted, the actor label becomes their
      pseudonym; where nobody signed in acted (a supervisor's link) or one of
      ``people`` did, the IP address is dropped; staff keep theirs;
    - the target label of rows about ``subject`` or one of ``people`` becomes
      its pseudonym; any other label that mentions one of ``strings`` becomes
      REDACTED;
    - in ``before``/``after`` every string but a program's code (a status, a
      kind), and anything mentioning one of ``strings``, becomes REDACTED.

    Time, action, actor and target ids stay: the log still says which account
    did what to which record, and when. On PostgreSQL the audit trigger checks
    exactly this (only ``purged:`` values, every other column unchanged) and
    only while this transaction has set ``hub.audit_redaction``. The redaction
    is itself recorded, naming the rows it changed. Returns their ids.
    """
    needles = _needles(strings)
    people = set(people)
    people_ids = {str(pk) for pk in people}
    user_model = _model_label(User)
    subject_key = (_model_label(subject), str(subject.pk))
    subject_pseudonym = audit_pseudonym(model=type(subject), pk=subject.pk)
    changed: list[int] = []
    with transaction.atomic():
        _audit_redaction_allowed(True)
        for event in list(events.order_by("pk")):
            if event.actor_id in people:
                actor_label = audit_pseudonym(model=User, pk=event.actor_id)
            elif _mentions(event.actor_label, needles):
                actor_label = REDACTED
            else:
                actor_label = event.actor_label
            if (event.target_model, event.target_id) == subject_key:
                target_label = subject_pseudonym
            elif event.target_model == user_model and event.target_id in people_ids:
                target_label = audit_pseudonym(model=User, pk=event.target_id)
            elif _mentions(event.target_label, needles):
                target_label = REDACTED
            else:
                target_label = event.target_label
            redacted = {
                "actor_label": actor_label,
                "target_label": target_label,
                "before": _redacted(event.before, needles),
                "after": _redacted(event.after, needles),
                "ip_address": (
                    None
                    if event.actor_id is None or event.actor_id in people
                    else event.ip_address
                ),
            }
            updates = {
                field: value
                for field, value in redacted.items()
                if value != getattr(event, field)
            }
            if updates:
                # The ORM's managers refuse updates; this is the one sanctioned path.
                models.QuerySet(AuditEvent).filter(pk=event.pk).update(**updates)
                changed.append(event.pk)
        _audit_redaction_allowed(False)
    if changed:
        audit_event_record(
            actor=None,
            action=AuditAction.AUDIT_REDACTED,
            target=subject,
            target_label=subject_pseudonym,
            after={"events": changed},
        )
    return changed


def _sessions_end(*, user: User, emails: Collection[str]) -> None:
    """Sign the person out everywhere and drop every session naming an address."""
    engine = import_module(settings.SESSION_ENGINE)
    for key in UserSession.objects.filter(user=user).values_list(
        "session_key", flat=True
    ):
        engine.SessionStore(key).delete()
    UserSession.objects.filter(user=user).delete()
    if not issubclass(engine.SessionStore, DatabaseStore):
        return
    # Sessions allauth did not record, and anonymous ones that kept an address
    # during sign-up: read from the table (expired ones too, until clearsessions).
    needles = _needles(emails)
    for session in Session.objects.iterator(chunk_size=500):
        data = session.get_decoded()
        text = json.dumps(data, ensure_ascii=False, default=str)
        if data.get(SESSION_KEY) == str(user.pk) or _mentions(text, needles):
            engine.SessionStore(session.session_key).delete()


def anonymised_email(*, user: User) -> str:
    """The placeholder address of an anonymised account (unique, undeliverable)."""
    token = audit_pseudonym(model=User, pk=user.pk).rpartition(":")[2]
    return f"purged-{token}@purged.invalid"


@transaction.atomic
def user_anonymise(*, user: User, actor: User | None = None) -> bool:
    """Forget whose account this was; False, doing nothing, if already done.

    The row stays, deactivated, with a placeholder address, no name and no
    usable password: deleting it would null or cascade every foreign key that
    points at it in the other apps (their history rewritten) and leave the
    audit rows' actor ids pointing at nothing, whereas an anonymised row keeps
    them pointing at one account that no longer says who it was. Its email
    addresses, second factors, sessions, the admin's history of it and any
    email still in the outbox go; the audit rows it wrote or that are about it
    are redacted (``audit_events_redact``). Only for accounts without a role
    or staff access. Callers erase the person's data in their own app first
    (``onboarding.services.application_anonymise`` does).
    """
    if user.is_staff or user.is_superuser or user.groups.exists():
        raise ValueError("Only an account without a role can be anonymised.")
    placeholder = anonymised_email(user=user)
    if user.email == placeholder:
        return False
    addresses = EmailAddress.objects.filter(user=user)
    emails = {user.email, *addresses.values_list("email", flat=True)}
    strings = {*emails, user.full_name} - {""}
    # The Django admin's history of the account and of its addresses (their
    # entries are named after them: str(user), str(address)).
    LogEntry.objects.filter(
        Q(user=user)
        | Q(content_type=ContentType.objects.get_for_model(User), object_id=user.pk)
        | Q(object_repr__in=strings)
    ).delete()
    addresses.delete()
    Authenticator.objects.filter(user=user).delete()
    _sessions_end(user=user, emails=emails)
    outbox_messages_forget(strings=strings)
    audit_events_redact(
        events=AuditEvent.objects.filter(
            Q(actor_id=user.pk)
            | Q(target_model=_model_label(User), target_id=str(user.pk))
        ),
        subject=user,
        people={user.pk},
        strings=strings,
    )
    User.objects.filter(pk=user.pk).update(
        email=placeholder,
        full_name="",
        password=make_password(None),
        is_active=False,
        last_login=None,
        language=settings.LANGUAGE_CODE,
    )
    user.refresh_from_db()
    audit_event_record(
        actor=actor,
        action=AuditAction.ACCOUNT_ANONYMISED,
        target=user,
        target_label=audit_pseudonym(model=User, pk=user.pk),
    )
    return True


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
    message = email_render(
        template_prefix="accounts/role_changed",
        context={
            "user_name": user_own_name(user),
            "role_label": role.label,
            "granted": granted,
        },
        to=[user.email],
        language=user.language,
    )
    email_enqueue(message=message)


@transaction.atomic
def role_grant(*, actor: User | None, user: User, role: Role) -> bool:
    """Give ``user`` the role. Returns False, and records nothing, if they had it.

    Callers check that ``actor`` may grant it (onboarding approvals, role admins).
    """
    before = user_roles(user=user)
    if role in before:
        return False
    user.groups.add(Group.objects.get(name=role))
    user._hub_roles = before | {role}  # type: ignore[attr-defined]
    _sync_admin_access(user=user)
    audit_event_record(
        actor=actor,
        action=AuditAction.ROLE_GRANTED,
        target=user,
        before={"roles": _sorted_roles(before)},
        after={"roles": _sorted_roles(before | {role})},
    )
    if actor is not None and role in STAFF_ROLES:
        _notify_role_change(user=user, role=role, granted=True)
    return True


@transaction.atomic
def role_revoke(*, actor: User | None, user: User, role: Role) -> bool:
    """Take the role away. Returns False, and records nothing, if they lacked it."""
    before = user_roles(user=user)
    if role not in before:
        return False
    user.groups.remove(Group.objects.get(name=role))
    user._hub_roles = before - {role}  # type: ignore[attr-defined]
    _sync_admin_access(user=user)
    audit_event_record(
        actor=actor,
        action=AuditAction.ROLE_REVOKED,
        target=user,
        before={"roles": _sorted_roles(before)},
        after={"roles": _sorted_roles(before - {role})},
    )
    if actor is not None and role in STAFF_ROLES:
        _notify_role_change(user=user, role=role, granted=False)
    return True


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
    message = email_render(
        template_prefix="accounts/email_change_requested",
        context={"user_name": user_own_name(user), "new_email": pending.email},
        to=[user.email],
        language=user.language,
    )
    email_enqueue(message=message)
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
    *, actor: User, request: StaffRoleRequest, status: StaffRoleRequest.Status
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


@transaction.atomic
def staff_role_request_approve(*, actor: User, request: StaffRoleRequest) -> None:
    """The second pair of eyes: grants the role."""
    _staff_role_request_decide(
        actor=actor, request=request, status=StaffRoleRequest.Status.APPROVED
    )
    audit_event_record(
        actor=actor,
        action=AuditAction.STAFF_ROLE_APPROVED,
        target=request.user,
        before={"request": request.pk, "requested_by": request.requested_by.email},
        after={"role": request.role},
    )
    role_grant(actor=actor, user=request.user, role=Role(request.role))


@transaction.atomic
def staff_role_request_reject(*, actor: User, request: StaffRoleRequest) -> None:
    _staff_role_request_decide(
        actor=actor, request=request, status=StaffRoleRequest.Status.REJECTED
    )
    audit_event_record(
        actor=actor,
        action=AuditAction.STAFF_ROLE_REJECTED,
        target=request.user,
        before={"request": request.pk, "requested_by": request.requested_by.email},
        after={"role": request.role},
    )
