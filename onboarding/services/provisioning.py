"""After approval: the role, the organisation and the welcome email."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from accounts.services import audit_event_record, role_grant
from onboarding.audit import ApplicationAction
from onboarding.models import Application, MemberReconfirmation
from onboarding.services._common import Status, _email_applicant
from onboarding.services.organisation_joins import organisation_join_request_create
from tools_catalog import services as catalogue
from tools_catalog.selectors import provider_named


@transaction.atomic
def application_provision(*, application: Application) -> bool:
    """Give the approved applicant their role and send the welcome email.

    Idempotent: False, doing nothing, once provisioned (or if not approved).
    """

    won = Application.objects.filter(
        pk=application.pk, status=Status.APPROVED, provisioned_at__isnull=True
    ).update(provisioned_at=timezone.now())
    if not won or application.user is None:
        return False
    application.refresh_from_db()
    user = application.user
    actor = application.decided_by
    if application.kind == Application.Kind.PROVIDER:
        role_grant(actor=actor, user=user, role=Role.PROVIDER)
        _provider_organisation_create(application=application, actor=actor)
    else:
        role_grant(actor=actor, user=user, role=Role.MEMBER)
        MemberReconfirmation.objects.update_or_create(
            user=user, defaults={"confirmed_at": timezone.now(), "reminded_at": None}
        )
    audit_event_record(
        actor=actor,
        action=ApplicationAction.PROVISIONED,
        target=application,
        after={"user": user.pk, "kind": application.kind},
    )
    _email_applicant(application, template="welcome", key="welcome")
    return True


def _provider_organisation_create(
    *, application: Application, actor: User | None
) -> None:
    """A new organisation for the applicant, or, when one of that name is on the
    Hub already, a request to join it that needs a second sign-off: approving
    an application never attaches anyone to an existing organisation."""

    user = application.user
    if user is None:
        return
    existing = provider_named(name=application.organisation_name)
    if existing is not None and existing.representatives.filter(pk=user.pk).exists():
        return  # applied again for the organisation they already represent
    if existing is None:
        try:
            provider = catalogue.provider_create(
                actor=actor,
                name=application.organisation_name,
                website=application.website,
                country=str(application.country),
                provider_type=application.provider_type or "company",
                description=application.tools_offered,
            )
        except catalogue.ProviderNameTakenError as taken:  # created meanwhile
            existing = taken.provider
        else:
            catalogue.provider_representative_add(
                actor=actor, provider=provider, user=user
            )
            return
    organisation_join_request_create(
        application=application, provider=existing, actor=actor
    )
