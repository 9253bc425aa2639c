import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from tests.accounts.factories import PASSWORD, UserFactory, log_in

# Rate limits need a cache that is empty at the start of the test.
LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a-long-and-unusual-passphrase"


def sign_up(client: Client, email: str, prefix: str = "") -> object:
    return client.post(
        f"{prefix}{reverse('account_signup')}",
        {"email": email, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )


def test_signing_up_needs_a_verified_email_before_signing_in(
    client: Client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, "officer@police.example")
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body)
    assert link

    login = client.post(
        reverse("account_login"),
        {"login": "officer@police.example", "password": NEW_PASSWORD},
    )
    assert login["Location"] == reverse("account_email_verification_sent")

    path = link.group(0).split("testserver", 1)[-1]
    assert client.post(path).status_code == 302
    assert EmailAddress.objects.get(email="officer@police.example").verified


def test_a_new_user_is_an_applicant_sent_to_their_application(client: Client):
    user = UserFactory()
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("tools_catalog:tool-list"))["Location"] == reverse(
        "onboarding:application"
    )


def test_signing_up_with_a_taken_email_reveals_nothing(
    client: Client, django_capture_on_commit_callbacks
):
    UserFactory(email="taken@police.example")
    with django_capture_on_commit_callbacks(execute=True):
        fresh = sign_up(Client(), "fresh@police.example")
        taken = sign_up(client, "taken@police.example")
    assert taken.status_code == fresh.status_code == 302
    assert taken["Location"] == fresh["Location"]
    assert User.objects.filter(email="taken@police.example").count() == 1
    # The owner of the address is told by email instead.
    to_taken = [m for m in mail.outbox if m.to == ["taken@police.example"]]
    assert len(to_taken) == 1


def test_a_password_reset_for_an_unknown_address_looks_the_same(client: Client):
    UserFactory(email="known@police.example")
    known = client.post(
        reverse("account_reset_password"), {"email": "known@police.example"}
    )
    unknown = client.post(
        reverse("account_reset_password"), {"email": "nobody@police.example"}
    )
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_signup_emails_arrive_in_the_language_signed_up_in(
    client: Client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "agent@police.example", prefix="/fr")
    assert User.objects.get(email="agent@police.example").language == "fr"
    assert "Confirmez votre adresse" in mail.outbox[0].subject  # allauth, in French


@override_settings(
    ACCOUNT_RATE_LIMITS={"login_failed": "3/m/ip"},
    CACHES={**settings.CACHES, "default": LOCMEM},
)
def test_failed_sign_ins_are_rate_limited(client: Client):
    cache.clear()
    user = UserFactory()
    for _ in range(3):
        client.post(reverse("account_login"), {"login": user.email, "password": "no"})
    # Locked out for now, even with the right password.
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "Too many failed login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(
    ACCOUNT_RATE_LIMITS={"signup": "2/m/ip"},
    CACHES={**settings.CACHES, "default": LOCMEM},
)
def test_sign_ups_are_rate_limited(client: Client):
    cache.clear()
    statuses = [sign_up(client, f"o{n}@police.example").status_code for n in range(4)]
    assert 429 in statuses


def test_changing_the_password_needs_the_current_one(client: Client):
    user = UserFactory(role=Role.MEMBER)
    client.force_login(user)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "a-guess",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_adding_an_email_needs_a_recent_sign_in(client: Client):
    user = UserFactory(role=Role.MEMBER)
    client.force_login(user)  # no recorded authentication: treated as stale
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "second@police.example"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="second@police.example").exists()


def test_a_password_change_is_notified_by_email(
    client: Client, django_capture_on_commit_callbacks
):
    user = UserFactory(role=Role.MEMBER)
    log_in(client, user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_change_password"),
            {
                "oldpassword": PASSWORD,
                "password1": NEW_PASSWORD,
                "password2": NEW_PASSWORD,
            },
        )
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert "password" in mail.outbox[0].subject.lower()


def test_members_can_list_and_end_their_other_sessions(client: Client):
    user = UserFactory(role=Role.MEMBER)
    other = Client()
    log_in(client, user)
    # The TOTP code was just used: the second sign-in takes a recovery code.
    log_in(other, user, code=RecoveryCodes.activate(user).get_unused_codes()[0])
    page = client.get(reverse("usersessions_list"))
    assert page.status_code == 200
    assert len(page.context["sessions"]) == 2

    client.post(reverse("usersessions_list"))  # "sign out other sessions"
    assert other.get(reverse("tools_catalog:tool-list")).status_code == 302
    assert client.get(reverse("tools_catalog:tool-list")).status_code == 200
