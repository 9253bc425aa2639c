"""Forgetting a person: anonymising an account whose data must go."""

import json
from collections.abc import Collection
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q

from accounts.models import AuditAction, AuditEvent, User
from accounts.services.audit import (
    _mentions,
    _model_label,
    _needles,
    audit_event_record,
    audit_events_redact,
    audit_pseudonym,
)
from outbox.services import outbox_messages_forget


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
