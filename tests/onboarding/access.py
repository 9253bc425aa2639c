"""Who may open the onboarding pages: rows of the authorization matrix
(written as tests/access_statuses.py describes)."""

from typing import Any

from accounts.models import User
from tests.access_statuses import (
    BAD_REQUEST,
    FORBIDDEN,
    FOUND,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
)


def _case(user: User | None) -> dict[str, Any]:
    from tests.onboarding.factories import SubmittedApplicationFactory

    # With a referee, so that the case page shows its referee section too.
    application = SubmittedApplicationFactory(referee_email="referee@police.example")
    return {"pk": application.pk}


def _confirmation(user: User | None) -> dict[str, Any]:
    from onboarding.services import confirmation_token
    from tests.onboarding.factories import ConfirmationRequestFactory

    return {"token": confirmation_token(confirmation=ConfirmationRequestFactory())}


def _reconfirmation(user: User | None) -> dict[str, Any]:
    from datetime import timedelta

    from django.utils import timezone

    from onboarding.models import MemberReconfirmation
    from onboarding.services import reconfirmation_token
    from tests.accounts.factories import UserFactory

    record = MemberReconfirmation.objects.create(
        user=UserFactory(),
        confirmed_at=timezone.now() - timedelta(days=400),
        reminded_at=timezone.now(),
    )
    return {"token": reconfirmation_token(record=record)}


def _paused_member(user: User | None) -> dict[str, Any]:
    from django.utils import timezone

    from onboarding.models import MemberReconfirmation
    from tests.accounts.factories import UserFactory

    record = MemberReconfirmation.objects.create(
        user=UserFactory(), confirmed_at=timezone.now(), paused_at=timezone.now()
    )
    return {"pk": record.pk}


def _supervisor_request(user: User | None) -> dict[str, Any]:
    return {**_case(user), "kind": "supervisor"}


def _join_request(*, representatives: list[User]) -> Any:
    """An approved provider application's pending claim on an existing
    organisation; another verifier gave the first sign-off."""
    from accounts.roles import Role
    from onboarding.models import Application, OrganisationJoinRequest
    from tests.accounts.factories import UserFactory
    from tests.onboarding.factories import SubmittedApplicationFactory
    from tests.tools_catalog.factories import ProviderFactory

    provider = ProviderFactory(representatives=representatives)
    application = SubmittedApplicationFactory(
        kind=Application.Kind.PROVIDER,
        organisation_name=provider.name,
        status=Application.Status.APPROVED,
    )
    return OrganisationJoinRequest.objects.create(
        application=application,
        user=application.user,
        provider=provider,
        requested_by=UserFactory(role=Role.VERIFIER),
    )


def _join_case(user: User | None) -> dict[str, Any]:
    return {"pk": _join_request(representatives=[]).application_id}


def _join_request_for_representative(user: User | None) -> dict[str, Any]:
    """A claim on the persona's own organisation (a provider's; others' too)."""
    reps = [user] if user is not None else []
    return {"pk": _join_request(representatives=reps).pk}


ANYONE_SIGNED_IN = (FOUND, OK, OK, OK, OK, OK, OK, OK)
VERIFIERS = (FOUND, FOUND, FORBIDDEN, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN)
# A POST with no version: verifiers get the case page back with the error (400).
VERIFIERS_POST = (
    FOUND,
    FOUND,
    FORBIDDEN,
    FORBIDDEN,
    BAD_REQUEST,
    FORBIDDEN,
    FORBIDDEN,
    FORBIDDEN,
)
VERIFIERS_REAUTHENTICATE = (
    FOUND,
    FOUND,
    FORBIDDEN,
    FORBIDDEN,
    FOUND,
    FORBIDDEN,
    FORBIDDEN,
    FORBIDDEN,
)

# fmt: off
MATRIX = {
    "onboarding:application":               ANYONE_SIGNED_IN,
    "onboarding:provider-application":      ANYONE_SIGNED_IN,
    "onboarding:application-answer":        (FOUND,) + (NOT_ALLOWED,) * 7,
    "onboarding:application-withdraw":      (FOUND,) + (NOT_ALLOWED,) * 7,
    "onboarding:application-restart":       (FOUND,) + (NOT_ALLOWED,) * 7,
    "onboarding:confirm":                   (OK,) * 8,
    "onboarding:reconfirm":                 (OK,) * 8,
    "onboarding:member-paused-list":        VERIFIERS,
    "onboarding:member-resume":             (FOUND, FOUND, FORBIDDEN, FORBIDDEN, NOT_ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "onboarding:case-list":                 VERIFIERS,
    "onboarding:case-bulk":                 (FOUND, FOUND, FORBIDDEN, FORBIDDEN, NOT_ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "onboarding:case-detail":               VERIFIERS,
    "onboarding:case-claim":                (FOUND, FOUND, FORBIDDEN, FORBIDDEN, NOT_ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "onboarding:case-approve":              (FOUND, FOUND, FORBIDDEN, FORBIDDEN, NOT_ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "onboarding:case-reject":               (FOUND, FOUND, FORBIDDEN, FORBIDDEN, NOT_ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "onboarding:case-request-info":         (FOUND, FOUND, FORBIDDEN, FORBIDDEN, NOT_ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "onboarding:case-note-add":             (FOUND, FOUND, FORBIDDEN, FORBIDDEN, NOT_ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "onboarding:case-confirmation-request": (FOUND, FOUND, FORBIDDEN, FORBIDDEN, NOT_ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "onboarding:case-join-approve":         (FOUND, FOUND, FORBIDDEN, FORBIDDEN, NOT_ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "onboarding:case-join-refuse":          (FOUND, FOUND, FORBIDDEN, FORBIDDEN, NOT_ALLOWED, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    # A representative of the claimed organisation reads the claim (the
    # object-level 404 for anyone else is in test_organisation_join.py).
    "onboarding:join-request-object":       (FOUND, FOUND, FORBIDDEN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
}
POST_MATRIX = {
    # An applicant with no application has nothing to answer or withdraw.
    "onboarding:application-answer":        (FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "onboarding:application-withdraw":      (FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    "onboarding:application-restart":       (FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    # A verifier restores the access (then back to the list).
    "onboarding:member-resume":             (FOUND, FOUND, FORBIDDEN, FORBIDDEN, FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "onboarding:case-claim":                VERIFIERS_POST,
    # No case ticked: nothing is done, the queue comes back with the error.
    "onboarding:case-bulk":                 VERIFIERS_POST,
    # Verifiers are asked to reauthenticate first (accounts.reauthentication).
    "onboarding:case-approve":              VERIFIERS_REAUTHENTICATE,
    "onboarding:case-reject":               VERIFIERS_REAUTHENTICATE,
    "onboarding:case-request-info":         VERIFIERS_POST,
    "onboarding:case-note-add":             VERIFIERS_POST,
    "onboarding:case-confirmation-request": VERIFIERS_POST,
    # A verifier who did not give the first sign-off decides the join.
    "onboarding:case-join-approve":         (FOUND, FOUND, FORBIDDEN, FORBIDDEN, FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    "onboarding:case-join-refuse":          (FOUND, FOUND, FORBIDDEN, FORBIDDEN, FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN),
    # The representative objects, then sees the request again.
    "onboarding:join-request-object":       (FOUND, FOUND, FORBIDDEN, FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
}
# fmt: on
URL_KWARGS: dict = {
    "onboarding:confirm": _confirmation,
    "onboarding:reconfirm": _reconfirmation,
    "onboarding:member-resume": _paused_member,
    "onboarding:case-detail": _case,
    "onboarding:case-claim": _case,
    "onboarding:case-approve": _case,
    "onboarding:case-reject": _case,
    "onboarding:case-request-info": _case,
    "onboarding:case-note-add": _case,
    "onboarding:case-confirmation-request": _supervisor_request,
    "onboarding:case-join-approve": _join_case,
    "onboarding:case-join-refuse": _join_case,
    "onboarding:join-request-object": _join_request_for_representative,
}
POST_DATA: dict = {}
