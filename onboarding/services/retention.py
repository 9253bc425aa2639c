"""Retention: erase who applied from closed applications."""

from datetime import timedelta
from typing import Any, cast

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, User
from accounts.services import (
    audit_event_record,
    audit_events_redact,
    audit_pseudonym,
    user_anonymise,
)
from onboarding import conf
from onboarding.audit import ApplicationAction
from onboarding.models import Application
from onboarding.services._common import ApplicationStateError, Status
from outbox.services import outbox_messages_forget

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
