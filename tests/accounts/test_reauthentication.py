"""Sensitive staff actions need a recent password or second-factor confirmation.

``CASES`` lists every guarded view: the function views marked by
``accounts.reauthentication.reauthentication_required`` (found in the URL
patterns) and the admin screens configured through
``ReauthenticationRequiredAdminMixin``. ``test_every_guarded_view_has_a_case``
fails when one is added without a case; each case is then attacked without a
recent reauthentication (nothing happens) and replayed after one (it happens,
with what was typed).
"""

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, path, reverse
from django.utils import timezone

from accounts.admin import AuditedModelAdmin
from accounts.models import AuditAction, AuditEvent, StaffRoleRequest, User
from accounts.reauthentication import (
    MARKER,
    ReauthenticationRequiredAdminMixin,
    reauthentication_required,
)
from accounts.roles import Role
from accounts.selectors import user_roles
from accounts.services import staff_role_request
from hub import urls as hub_urls
from onboarding.models import Application, MemberReconfirmation
from onboarding.services import application_claim
from tests.accounts.factories import PASSWORD, UserFactory, reauthenticate, totp_code
from tests.onboarding.factories import (
    RejectionReasonFactory,
    SubmittedApplicationFactory,
)
from tests.tools_catalog.factories import CapabilityFactory
from tools_catalog.models import Capability

pytestmark = pytest.mark.django_db

REAUTHENTICATE = reverse("account_reauthenticate")


@dataclass
class Attempt:
    url: str
    data: dict[str, Any]
    done: Callable[[], bool]


def _fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)  # no cached roles


def _in_review(actor: User) -> Application:
    return application_claim(application=SubmittedApplicationFactory(), actor=actor)


def _approve(actor: User) -> Attempt:
    application = _in_review(actor)

    def done() -> bool:
        application.refresh_from_db()
        return application.status == Application.Status.APPROVED

    return Attempt(
        reverse("onboarding:case-approve", args=[application.pk]),
        {"version": application.version},
        done,
    )


def _reject(actor: User) -> Attempt:
    application = _in_review(actor)
    reason = RejectionReasonFactory()
    typed = "Your agency could not confirm your post; you may apply again."

    def done() -> bool:
        application.refresh_from_db()
        return (
            application.status == Application.Status.REJECTED
            and application.decision_message == typed  # nothing typed was lost
        )

    return Attempt(
        reverse("onboarding:case-reject", args=[application.pk]),
        {"version": application.version, "reason": reason.pk, "message": typed},
        done,
    )


def _resume(actor: User) -> Attempt:
    record = MemberReconfirmation.objects.create(
        user=UserFactory(), confirmed_at=timezone.now(), paused_at=timezone.now()
    )

    def done() -> bool:
        record.refresh_from_db()
        return record.paused_at is None

    return Attempt(reverse("onboarding:member-resume", args=[record.pk]), {}, done)


def _user_change(actor: User) -> Attempt:
    officer = UserFactory(role=Role.MEMBER)
    form = {
        "email": officer.email,
        "full_name": "Renamed Officer",
        "language": "fr",
        "is_active": "on",
        "roles": ["member", "provider"],
    }

    def done() -> bool:
        officer.refresh_from_db()
        return officer.full_name == "Renamed Officer" and (
            Role.PROVIDER in user_roles(user=_fresh(officer))
        )

    return Attempt(reverse("admin:accounts_user_change", args=[officer.pk]), form, done)


def _user_add(actor: User) -> Attempt:
    email = "created.by.admin@police.example"
    form = {
        "email": email,
        "usable_password": "true",
        "password1": "Quartz-Harbour-Lantern-19",
        "password2": "Quartz-Harbour-Lantern-19",
    }
    return Attempt(
        reverse("admin:accounts_user_add"),
        form,
        lambda: User.objects.filter(email=email).exists(),
    )


def _user_password(actor: User) -> Attempt:
    officer = UserFactory(role=Role.MEMBER)
    new = "Quartz-Harbour-Lantern-19"

    def done() -> bool:
        officer.refresh_from_db()
        return officer.check_password(new)

    return Attempt(
        reverse("admin:auth_user_password_change", args=[officer.pk]),
        {"usable_password": "true", "password1": new, "password2": new},
        done,
    )


def _role_request_approve(actor: User) -> Attempt:
    officer = UserFactory(role=Role.MEMBER)
    request = staff_role_request(
        actor=UserFactory(role=Role.ADMIN), user=officer, role=Role.VERIFIER
    )
    assert request is not None

    def done() -> bool:
        request.refresh_from_db()
        return request.status == StaffRoleRequest.Status.APPROVED and (
            Role.VERIFIER in user_roles(user=_fresh(officer))
        )

    return Attempt(
        reverse("admin:accounts_staffrolerequest_changelist"),
        {"action": "approve", "_selected_action": [request.pk]},
        done,
    )


def _role_request_reject(actor: User) -> Attempt:
    officer = UserFactory(role=Role.MEMBER)
    request = staff_role_request(
        actor=UserFactory(role=Role.ADMIN), user=officer, role=Role.MODERATOR
    )
    assert request is not None

    def done() -> bool:
        request.refresh_from_db()
        return request.status == StaffRoleRequest.Status.REJECTED

    return Attempt(
        reverse("admin:accounts_staffrolerequest_changelist"),
        {"action": "reject", "_selected_action": [request.pk]},
        done,
    )


def _admin_delete(actor: User) -> Attempt:
    capability = CapabilityFactory()
    return Attempt(
        reverse("admin:tools_catalog_capability_delete", args=[capability.pk]),
        {"post": "yes"},
        lambda: not Capability.objects.filter(pk=capability.pk).exists(),
    )


def _admin_delete_selected(actor: User) -> Attempt:
    capability = CapabilityFactory()
    return Attempt(
        reverse("admin:tools_catalog_capability_changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [capability.pk],
            "post": "yes",
        },
        lambda: not Capability.objects.filter(pk=capability.pk).exists(),
    )


def _pending_join():
    """A provider applicant's claim on an existing organisation, filed by
    another verifier's approval: the actor may give the second sign-off."""
    from onboarding.models import OrganisationJoinRequest
    from onboarding.services.organisation_joins import organisation_join_request_create
    from tests.onboarding.factories import ApplicationFactory
    from tests.tools_catalog.factories import ProviderFactory

    application = ApplicationFactory(
        kind=Application.Kind.PROVIDER,
        organisation_name="Thorn",
        status=Application.Status.APPROVED,
    )
    provider = ProviderFactory(name="Thorn")
    join = organisation_join_request_create(
        application=application,
        provider=provider,
        actor=UserFactory(role=Role.VERIFIER),
    )

    def decided(status: str) -> Callable[[], bool]:
        def done() -> bool:
            join.refresh_from_db()
            return join.status == status

        return done

    return join, decided, OrganisationJoinRequest.Status


def _join_approve(actor: User) -> Attempt:
    join, decided, status = _pending_join()
    url = reverse("onboarding:case-join-approve", args=[join.application_id])
    return Attempt(url, {}, decided(status.APPROVED))


def _join_refuse(actor: User) -> Attempt:
    join, decided, status = _pending_join()
    url = reverse("onboarding:case-join-refuse", args=[join.application_id])
    return Attempt(url, {}, decided(status.REFUSED))


def _join_admin(action: str) -> Callable[[User], Attempt]:
    def attempt(actor: User) -> Attempt:
        join, decided, status = _pending_join()
        expected = status.APPROVED if action == "approve" else status.REFUSED
        return Attempt(
            reverse("admin:onboarding_organisationjoinrequest_changelist"),
            {"action": action, "_selected_action": [join.pk]},
            decided(expected),
        )

    return attempt


# Key: a URL name, or "<admin class>:<view or action>" for admin screens.
CASES: dict[str, tuple[Role, Callable[[User], Attempt]]] = {
    "onboarding:case-approve": (Role.VERIFIER, _approve),
    "onboarding:case-reject": (Role.VERIFIER, _reject),
    "onboarding:member-resume": (Role.VERIFIER, _resume),
    "onboarding:case-join-approve": (Role.VERIFIER, _join_approve),
    "onboarding:case-join-refuse": (Role.VERIFIER, _join_refuse),
    "OrganisationJoinRequestAdmin:approve": (Role.ADMIN, _join_admin("approve")),
    "OrganisationJoinRequestAdmin:refuse": (Role.ADMIN, _join_admin("refuse")),
    "UserAdmin:add": (Role.ADMIN, _user_add),
    "UserAdmin:change": (Role.ADMIN, _user_change),
    "UserAdmin:password": (Role.ADMIN, _user_password),
    "StaffRoleRequestAdmin:approve": (Role.ADMIN, _role_request_approve),
    "StaffRoleRequestAdmin:reject": (Role.ADMIN, _role_request_reject),
    # Every AuditedModelAdmin inherits these; a catalogue term stands for them.
    "AuditedModelAdmin:delete": (Role.CATALOGUE_EDITOR, _admin_delete),
    "AuditedModelAdmin:delete_selected": (
        Role.CATALOGUE_EDITOR,
        _admin_delete_selected,
    ),
}


def _guarded_url_names(patterns: list, namespace: str | None = None) -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            ns = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from _guarded_url_names(pattern.url_patterns, ns)
        elif isinstance(pattern, URLPattern) and getattr(
            pattern.callback, MARKER, False
        ):
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def _guarded_admin_screens() -> Iterator[str]:
    """Admin classes that declare guarded views or actions themselves."""
    classes = {type(model_admin) for model_admin in admin.site._registry.values()}
    for cls in classes:
        for klass in cls.__mro__:
            if not issubclass(klass, ReauthenticationRequiredAdminMixin):
                continue
            own = vars(klass)
            for name in own.get("reauthentication_views", ()):
                yield f"{klass.__name__}:{name}"
            for name in own.get("reauthentication_actions", ()):
                yield f"{klass.__name__}:{name}"


def test_every_guarded_view_has_a_case():
    guarded = set(_guarded_url_names(get_resolver().url_patterns))
    guarded |= set(_guarded_admin_screens())
    assert guarded == set(CASES)


def test_no_audited_admin_drops_the_guard_on_deleting():
    for model_admin in admin.site._registry.values():
        if isinstance(model_admin, AuditedModelAdmin):
            assert "delete" in model_admin.reauthentication_views, model_admin
            assert "delete_selected" in model_admin.reauthentication_actions


def _sign_in(client: Client, role: Role) -> User:
    actor = UserFactory(role=role)
    client.force_login(actor)  # a sign-in alone is not a recent confirmation
    return actor


@pytest.mark.parametrize("case", CASES)
def test_a_sensitive_action_without_reauthentication_does_nothing(
    client: Client, case: str
):
    role, build = CASES[case]
    attempt = build(_sign_in(client, role))
    response = client.post(attempt.url, attempt.data)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == REAUTHENTICATE
    assert attempt.done() is False
    page = client.get(response["Location"])
    assert "confirm who you are" in page.content.decode()


@pytest.mark.parametrize("case", CASES)
def test_a_sensitive_action_goes_ahead_once_reauthenticated(client: Client, case: str):
    role, build = CASES[case]
    attempt = build(_sign_in(client, role))
    refused = client.post(attempt.url, attempt.data)
    assert not attempt.done()
    # The password, on the page allauth sent us to: the POST is replayed.
    replayed = client.post(refused["Location"], {"password": PASSWORD})
    assert replayed.status_code == 302
    assert urlsplit(replayed["Location"]).path != REAUTHENTICATE
    assert attempt.done() is True


@pytest.mark.parametrize("case", CASES)
def test_a_sensitive_action_goes_ahead_within_minutes_of_reauthenticating(
    client: Client, case: str
):
    role, build = CASES[case]
    attempt = build(_sign_in(client, role))
    reauthenticate(client)
    response = client.post(attempt.url, attempt.data)
    assert urlsplit(response["Location"]).path != REAUTHENTICATE
    assert attempt.done() is True


def test_a_wrong_password_does_not_replay_the_action(client: Client):
    attempt = _approve(_sign_in(client, Role.VERIFIER))
    refused = client.post(attempt.url, attempt.data)
    wrong = client.post(refused["Location"], {"password": "not-the-password"})
    assert wrong.status_code == 200
    assert not attempt.done()


def test_a_reauthentication_older_than_the_timeout_is_not_enough(client: Client):
    attempt = _approve(_sign_in(client, Role.VERIFIER))
    reauthenticate(client)
    session = client.session
    records = session[AUTHENTICATION_METHODS_SESSION_KEY]
    for record in records:
        record["at"] = time.time() - settings.ACCOUNT_REAUTHENTICATION_TIMEOUT - 1
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session.save()
    response = client.post(attempt.url, attempt.data)
    assert urlsplit(response["Location"]).path == REAUTHENTICATE
    assert not attempt.done()


def test_a_code_from_the_authenticator_confirms_too(client: Client):
    verifier = _sign_in(client, Role.VERIFIER)
    attempt = _approve(verifier)
    client.post(attempt.url, attempt.data)
    replayed = client.post(
        f"{reverse('mfa_reauthenticate')}?next={attempt.url}",
        {"code": totp_code(verifier)},
    )
    assert replayed.status_code == 302
    assert attempt.done() is True


def test_the_unauthorised_get_their_refusal_not_a_password_prompt(client: Client):
    attempt = _approve(UserFactory(role=Role.VERIFIER))
    _sign_in(client, Role.MODERATOR)
    assert client.post(attempt.url, attempt.data).status_code == 403
    officer = UserFactory()
    change = reverse("admin:accounts_user_change", args=[officer.pk])
    response = client.post(change, {"email": "x@police.example"})
    assert response.status_code == 403


def test_looking_is_not_sensitive(client: Client):
    _sign_in(client, Role.ADMIN)
    officer = UserFactory()
    for url in (
        reverse("admin:accounts_user_change", args=[officer.pk]),
        reverse("admin:accounts_staffrolerequest_changelist"),
    ):
        assert client.get(url).status_code == 200, url


# --- Exports: every request, GETs included, needs the confirmation --------------


@reauthentication_required(safe_methods_too=True)
def _export_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("id,email\n", content_type="text/csv")


urlpatterns = [path("staff/test-export/", _export_view), *hub_urls.urlpatterns]


@pytest.mark.urls(__name__)
def test_an_export_asks_for_reauthentication_even_on_get(client: Client):
    _sign_in(client, Role.ADMIN)
    refused = client.get("/staff/test-export/?q=x")
    assert urlsplit(refused["Location"]).path == REAUTHENTICATE
    back = client.post(refused["Location"], {"password": PASSWORD})
    assert back["Location"] == "/staff/test-export/?q=x"
    assert client.get(back["Location"]).content == b"id,email\n"


# --- An administrator changing someone's email address ------------------------


def test_an_admin_email_change_waits_for_the_new_address_to_be_confirmed(
    client: Client, django_capture_on_commit_callbacks, mailoutbox
):
    admin_user = _sign_in(client, Role.ADMIN)
    reauthenticate(client)
    officer = UserFactory(
        role=Role.MEMBER, email="old@police.example", full_name="Ana", language="es"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:accounts_user_change", args=[officer.pk]),
            {
                "email": "New@Police.example",
                "full_name": "Ana",
                "language": "es",
                "is_active": "on",
                "roles": ["member"],
            },
        )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.email == "old@police.example"  # pending until confirmed
    event = AuditEvent.objects.get(action=AuditAction.EMAIL_CHANGE_REQUESTED)
    assert event.actor == admin_user
    assert event.after["email"] == "new@police.example"

    to_old = [m for m in mailoutbox if m.to == ["old@police.example"]]
    to_new = [m for m in mailoutbox if m.to == ["new@police.example"]]
    assert len(to_old) == len(to_new) == 1
    # In the user's language (Spanish), naming the requested address.
    assert "new@police.example" in to_old[0].body
    assert "Hola, Ana" in to_old[0].body
    link = next(
        word for word in to_new[0].body.split() if "/accounts/confirm-email/" in word
    )
    assert "/es/accounts/confirm-email/" in link  # opens in the user's language
    assert "Confirm" not in to_new[0].subject  # and reads in it

    # The owner of the new address confirms it (no sign-in needed): it replaces
    # the old one, whose owner allauth tells again.
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(urlsplit(link).path)
    officer.refresh_from_db()
    assert officer.email == "new@police.example"
    assert officer.emailaddress_set.get().email == "new@police.example"


def test_an_admin_email_change_to_a_taken_address_is_refused(client: Client):
    _sign_in(client, Role.ADMIN)
    reauthenticate(client)
    UserFactory(email="taken@police.example")
    officer = UserFactory(role=Role.MEMBER)
    response = client.post(
        reverse("admin:accounts_user_change", args=[officer.pk]),
        {
            "email": "taken@police.example",
            "full_name": officer.full_name,
            "language": "en",
            "is_active": "on",
            "roles": ["member"],
        },
    )
    assert response.status_code == 200  # the form, with its error
    assert not officer.emailaddress_set.filter(email="taken@police.example").exists()


def test_the_replay_works_in_another_language_too(client: Client):
    attempt = _reject(_sign_in(client, Role.VERIFIER))
    url = f"/fr{attempt.url}"
    refused = client.post(url, attempt.data)
    assert urlsplit(refused["Location"]).path == f"/fr{REAUTHENTICATE}"
    page = client.get(refused["Location"]).content.decode()
    assert "confirmiez votre identité" in page
    client.post(refused["Location"], {"password": PASSWORD})
    assert attempt.done() is True
