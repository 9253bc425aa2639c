import factory
from django.utils import timezone

from onboarding.models import (
    Application,
    ConfirmationRequest,
    RejectionReason,
    TrustedDomain,
)
from tests.accounts.factories import UserFactory


class ApplicationFactory(factory.django.DjangoModelFactory[Application]):
    """A complete member application; ``status`` defaults to draft."""

    class Meta:
        model = Application

    user = factory.SubFactory(UserFactory)
    full_name = factory.Faker("name")
    work_email = factory.Sequence(lambda n: f"officer{n}@police.example")
    agency_name = "National Police Example"
    agency_type = Application.AgencyType.POLICE
    country = "FR"
    unit = "Child Protection Unit"
    job_title = "Detective"
    role_category = Application.RoleCategory.INVESTIGATOR
    years_in_role = 4
    supervisor_name = "Chief Inspector Example"
    supervisor_email = factory.Sequence(lambda n: f"chief{n}@police.example")
    supervisor_phone = "+33 1 00 00 00 00"
    consent = True


class SubmittedApplicationFactory(ApplicationFactory):
    status = Application.Status.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


class RejectionReasonFactory(factory.django.DjangoModelFactory[RejectionReason]):
    class Meta:
        model = RejectionReason

    title = "Not law enforcement"
    text = "We could not confirm that you work in law enforcement."


class TrustedDomainFactory(factory.django.DjangoModelFactory[TrustedDomain]):
    class Meta:
        model = TrustedDomain
        django_get_or_create = ["domain"]

    domain = "police.example"
    organisation = "Example Police"


class ConfirmationRequestFactory(
    factory.django.DjangoModelFactory[ConfirmationRequest]
):
    class Meta:
        model = ConfirmationRequest

    application = factory.SubFactory(SubmittedApplicationFactory)
    kind = ConfirmationRequest.Kind.SUPERVISOR
    email = "chief@police.example"
