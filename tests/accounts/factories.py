import time
from typing import Any

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.roles import MFA_REQUIRED_ROLES
from accounts.services import role_grant

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory[User]):
    """A signed-up user with a verified email.

    ``role=Role.X`` (or ``roles=[...]``) grants roles; users whose roles require
    MFA get a TOTP authenticator unless ``mfa=False``. The secret is kept on
    ``user.totp_secret`` so tests can compute codes.
    """

    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@agency{n}.example")
    full_name = factory.Faker("name")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )

    @factory.post_generation
    def roles(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        wanted = list(extracted or [])
        role = getattr(obj, "_factory_role", None)
        if role:
            wanted.append(role)
        for each in wanted:
            role_grant(actor=None, user=obj, role=each)

    @factory.post_generation
    def mfa(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        from accounts.selectors import user_roles

        needs = bool(user_roles(user=obj) & MFA_REQUIRED_ROLES)
        if extracted is False or not (extracted or needs):
            return
        secret = generate_totp_secret()
        TOTP.activate(obj, secret)
        obj.totp_secret = secret  # type: ignore[attr-defined]

    @classmethod
    def _create(cls, model_class: type[User], *args: Any, **kwargs: Any) -> User:
        role = kwargs.pop("role", None)
        user = super()._create(model_class, *args, **kwargs)
        user._factory_role = role  # type: ignore[attr-defined]
        return user


def reauthenticate(client: Client, password: str = PASSWORD) -> None:
    """Confirm the signed-in user's password, as sensitive staff actions ask."""
    response = client.post(reverse("account_reauthenticate"), {"password": password})
    assert response.status_code == 302, "reauthentication failed"


def totp_code(user: User) -> str:
    """The code the user's authenticator app shows now (factory users only)."""
    secret = user.totp_secret  # type: ignore[attr-defined]
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def log_in(
    client: Client, user: User, *, code: str | None = None, **extra: Any
) -> HttpResponse:
    """Sign in through the forms: the password, then a second factor if asked.

    ``code`` defaults to the current TOTP code; a code is accepted once, so a
    second sign-in within the same 30 seconds needs another (a recovery code).
    """
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}, **extra
    )
    if response.get("Location") == reverse("mfa_authenticate"):
        response = client.post(
            reverse("mfa_authenticate"), {"code": code or totp_code(user)}, **extra
        )
    return response
